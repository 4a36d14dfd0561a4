"""QR codes drawn by the product itself (segno), as inline SVG: no image host, no network."""

from functools import lru_cache

import segno
from markupsafe import Markup


@lru_cache(maxsize=512)
def _svg(text, scale, border):
    code = segno.make(text, error="m", micro=False)
    return code.svg_inline(scale=scale, border=border, dark="#000", light="#fff")


def qr_svg(text, scale=4, border=2):
    """An inline <svg> of a QR code for `text` (a URL), safe to place in a template."""
    if not text:
        raise ValueError("a QR code needs a text")
    return Markup(_svg(str(text), int(scale), int(border)))


def qr_png(text, scale=8, border=2):
    """The same code as PNG bytes, for PDFs and downloads."""
    import io

    out = io.BytesIO()
    segno.make(str(text), error="m", micro=False).save(out, kind="png", scale=scale, border=border)
    return out.getvalue()
