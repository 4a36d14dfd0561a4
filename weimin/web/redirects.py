"""Where a `next=` parameter may send the browser: only to a path of this site."""

from urllib.parse import urlsplit


def local_target(target):
    """The target when it is a path on this site, else None."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    # Browsers read "\" as "/" and drop tabs and newlines, so "/\evil.com" and "/\t/evil.com"
    # lead off-site; control characters would also break the Location header.
    if "\\" in target or any(ord(c) < 0x20 or ord(c) == 0x7F for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
