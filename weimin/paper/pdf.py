"""A Paper drawn as PDF in-process (fpdf2), with vendored fonts: no network, no browser."""

import io
import logging
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TableBordersLayout
from fpdf.fonts import FontFace

from weimin.core.qr import qr_png

FONTS = Path(__file__).parent / "fonts"
LATIN, CJK = "DejaVuSans.ttf", "DroidSansFallbackFull.ttf"
SIZES = {"A4": (210, 297), "A5": (148, 210)}  # millimetres, portrait
log = logging.getLogger(__name__)


class FontMissing(RuntimeError):
    """The vendored fonts are not where the package keeps them."""


def _pdf(size):
    missing = [name for name in (LATIN, CJK) if not (FONTS / name).is_file()]
    if missing:
        raise FontMissing(
            f"PDF fonts missing in {FONTS}: {', '.join(missing)} (see README.md there)"
        )
    width, height = SIZES[size]
    pdf = FPDF(unit="mm", format=(width, height))
    pdf.set_margins(12 if size == "A5" else 18, 12)
    pdf.set_auto_page_break(True, margin=10)
    pdf.add_font("latin", fname=str(FONTS / LATIN))
    pdf.add_font("cjk", fname=str(FONTS / CJK))
    pdf.set_fallback_fonts(["cjk"], exact_match=False)
    pdf.set_font("latin", size=10)
    return pdf


def render(paper):
    """The PDF bytes of `paper`."""
    pdf = _pdf(paper.size)
    pdf.set_title(paper.title)
    pdf.set_creator("weimin")
    pdf.add_page()
    small = 9 if paper.size == "A5" else 10
    qr_size = 26 if paper.size == "A5" else 30
    top = pdf.get_y()
    if paper.qr_url:
        x = pdf.w - pdf.r_margin - qr_size
        pdf.image(io.BytesIO(qr_png(paper.qr_url, scale=8, border=1)), x=x, y=top, w=qr_size)
    pdf.set_font(size=small)
    pdf.cell(0, 5, paper.issuer, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(size=18 if paper.size == "A4" else 16)
    pdf.cell(0, 11, paper.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(size=small)
    pdf.cell(0, 6, f"{paper.number_label}：{paper.number}", new_x="LMARGIN", new_y="NEXT")
    if paper.stamp:
        pdf.set_text_color(178, 34, 34)
        pdf.set_font(size=16)
        pdf.cell(0, 9, paper.stamp, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)
        pdf.set_font(size=small)
    pdf.set_y(max(pdf.get_y(), top + (qr_size + 5 if paper.qr_url else 0)) + 2)
    _rows(pdf, paper.rows, small)
    if paper.table:
        _table(pdf, *paper.table, small)
    for heading, text, blank in paper.blocks:
        _block(pdf, heading, text, blank, small)
    if paper.signatures:
        _signatures(pdf, paper.signatures, small)
    if paper.qr_url and paper.qr_caption:
        pdf.ln(2)
        pdf.set_font(size=small - 1)
        pdf.multi_cell(0, 4.5, f"{paper.qr_caption} {paper.qr_url}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(size=small - 1)
    for note in paper.notes:
        pdf.multi_cell(0, 4.5, note, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _rows(pdf, rows, size):
    if not rows:
        return
    label_w = 26 if pdf.w < 200 else 32
    with pdf.table(
        col_widths=(label_w, pdf.epw - label_w),
        width=pdf.epw,
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        line_height=5,
        padding=1,
        text_align="LEFT",
    ) as table:
        for label, value in rows:
            row = table.row()
            row.cell(str(label))
            row.cell(str(value) if value not in (None, "") else "—")
    pdf.ln(3)


def _table(pdf, headings, lines, size):
    # No bold face is vendored: headings are shaded instead.
    heads = FontFace(emphasis="", fill_color=(235, 235, 235))
    with pdf.table(
        width=pdf.epw, line_height=5.5, padding=1.2, text_align="LEFT", headings_style=heads
    ) as table:
        head = table.row()
        for heading in headings:
            head.cell(str(heading))
        for line in lines:
            row = table.row()
            for value in line:
                row.cell(str(value))
    pdf.ln(3)


def _block(pdf, heading, text, blank, size):
    pdf.set_font(size=size + 1)
    pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(size=size)
    if text:
        pdf.multi_cell(0, 5.5, text, border=1, padding=2, new_x="LMARGIN", new_y="NEXT")
    for _ in range(blank):  # ruled lines to write on by hand
        pdf.cell(0, 7, "", border="B", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def _signatures(pdf, labels, size):
    pdf.ln(4)
    pdf.set_font(size=size)
    width = pdf.epw / 2
    for index, label in enumerate(labels):
        last = index % 2 == 1 or index == len(labels) - 1
        pdf.cell(
            width,
            9,
            f"{label}：________________",
            new_x="LMARGIN" if last else "RIGHT",
            new_y="NEXT" if last else "TOP",
        )
