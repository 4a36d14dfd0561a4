"""Small hostile spreadsheets: a far cell, a zip bomb, millions of elements, a DTD, a lying
dimension, a huge CSV cell."""

import io
import re
import tracemalloc
import zipfile

from openpyxl import Workbook

SHEET = "xl/worksheets/sheet1.xml"


def workbook(rows, far_cell=None):
    """XLSX bytes of the rows, with one more cell at `far_cell` (e.g. "XFD1048576") if given."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if far_cell:
        book.active[far_cell] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data, change=lambda _name, body: body, extra=lambda dst: None):
    """The zip with `change(name, body)` applied to every member, then `extra(zip)` added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)), zipfile.ZIP_DEFLATED)
        extra(dst)
    return out.getvalue()


def inflated(data, megabytes=64):
    """The workbook with one more member that unpacks to `megabytes` MB (about 64 KB packed)."""

    def bomb(dst):
        info = zipfile.ZipInfo("xl/media/image1.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(1024 * 1024))

    return _rewrite(data, extra=bomb)


def lying_dimension(data, ref="A1:B2"):
    """The workbook with its first sheet declaring the dimension `ref`, whatever it holds."""

    def change(name, body):
        if name != SHEET:
            return body
        return re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), body)

    return _rewrite(data, change)


def patched(data, member, old, new):
    """The workbook with `old` replaced by `new` (bytes) in one of its members."""

    def change(name, body):
        return body.replace(old, new, 1) if name == member else body

    return _rewrite(data, change)


def dense_row(data, cells=20_000):
    """The workbook with a third row of `cells` empty cells (Excel allows 16,384)."""
    return patched(
        data, SHEET, b"</sheetData>", b'<row r="3">' + b"<c/>" * cells + b"</row></sheetData>"
    )


def many_styles(data, formats=1_000_000):
    """The workbook with `formats` empty cell formats in its styles (about 10 KB packed)."""
    return patched(data, "xl/styles.xml", b"</cellXfs>", b"<xf/>" * formats + b"</cellXfs>")


def with_dtd(data):
    """The workbook whose sheet starts with a DTD that declares entities (billion laughs)."""
    laughs = b"".join(b'<!ENTITY l%d "%s">' % (n, b"&l%d;" % (n - 1) * 10) for n in range(1, 10))
    dtd = b'<!DOCTYPE worksheet [<!ENTITY l0 "lol">' + laughs + b"]>"
    return patched(data, SHEET, b"<worksheet", dtd + b"<worksheet")


def peak_memory(call):
    """(call's result, the peak memory in bytes Python allocated while it ran)."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def csv_with_a_huge_cell(header, row, column, size=200 * 1024):
    """UTF-8 CSV bytes: the header, then `row` with the cell at `column` `size` characters long."""
    cells = list(row)
    cells[column] = "长" * size
    return (",".join(header) + "\n" + ",".join(cells) + "\n").encode("utf-8")
