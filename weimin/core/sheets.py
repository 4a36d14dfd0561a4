"""Spreadsheet exports of any list: rows are dicts, columns say which key goes under which header.

XLSX cells keep their types (numbers as numbers, dates as dates, in Beijing time), the header
row is frozen and columns are sized to their content; CSV is UTF-8 with a BOM so that Excel
reads the Chinese. File names may be Chinese (RFC 5987 / RFC 6266 Content-Disposition).
A table may carry a note (how to read its figures): one line below the rows, after a blank one,
outside the XLSX filter.
"""

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import quote

import xlsxwriter
from bson import Decimal128
from flask import Response
from flask_babel import gettext as _

from weimin.core.timefmt import TZ

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header included
WIDTH_SAMPLE = 1000  # column widths follow the header and the first rows
# Decimal128 (IEEE 754-2008 BID): sign, 14-bit exponent, 113-bit coefficient, unless the two
# bits after the sign are 11 (infinity, NaN, or a coefficient too large to be canonical).
_COMBINATION = 0b11 << 61
_COEFFICIENT = (1 << 113) - 1
_MAX_COEFFICIENT = 10**34 - 1


@dataclass(frozen=True)
class Column:
    """One column: the row key, the header text, and an optional width in characters."""

    key: str
    header: str
    width: int | None = None
    percent: bool = False  # a rate from 0 to 1, shown as 12.5% in XLSX
    money: bool = False  # yuan: a number shown with two decimals (0.00) in XLSX


@dataclass
class Table:
    """One export before it is written: file name (no extension), sheet title, columns, and
    the rows as a lazy iterable of dicts with `count` of them (counted, not yet read)."""

    name: str
    title: str
    columns: list
    rows: Iterable
    count: int
    note: str | None = None  # written below the rows (a lazy text is read as it is written)


def decimal(value):
    """A Decimal128 as the Decimal that bson's to_decimal() gives, about four times faster:
    in a large export of money and scores, to_decimal() was the slowest single step."""
    bits = int.from_bytes(value.bid, "little")
    high = bits >> 64
    coefficient = bits & _COEFFICIENT
    if high & _COMBINATION == _COMBINATION or coefficient > _MAX_COEFFICIENT:
        return value.to_decimal()
    sign = "-" if high >> 63 else ""
    return Decimal(f"{sign}{coefficient}E{((high >> 49) & 0x3FFF) - 6176}")


def cell(value):
    """A value as a spreadsheet takes it: local naive datetimes, 是/否, lists joined."""
    if isinstance(value, Decimal128):
        return decimal(value)
    if isinstance(value, datetime):
        local = value.astimezone(TZ) if value.tzinfo else value
        return local.replace(tzinfo=None)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return value


def _width(value):
    text = value.strftime("%Y-%m-%d %H:%M") if isinstance(value, date) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)  # CJK takes two columns


def write_xlsx(columns, rows, target, title="Sheet1", note=None):
    """Write the rows as an XLSX workbook to target: a file path, streamed row by row in
    constant memory, or a BytesIO, built in memory. Returns the number of rows written."""
    streamed = isinstance(target, str | os.PathLike)
    options = {"constant_memory": True} if streamed else {"in_memory": True}
    options["nan_inf_to_errors"] = True  # a NaN is a #NUM! cell, not a failed export
    book = xlsxwriter.Workbook(target, options)
    sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", str(title))[:31] or None)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    formats = {
        datetime: book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
        date: book.add_format({"num_format": "yyyy-mm-dd"}),
        "percent": book.add_format({"num_format": "0.0%"}),
        "money": book.add_format({"num_format": "0.00"}),
    }
    widths = [col.width or _width(col.header) for col in columns]
    for c, col in enumerate(columns):
        sheet.write_string(0, c, str(col.header), header)
    sized = [c for c, col in enumerate(columns) if not col.width]
    last = 0
    for r, row in enumerate(rows, 1):
        if r > XLSX_MAX_ROWS:
            raise ValueError(f"more than {XLSX_MAX_ROWS} rows do not fit in one XLSX sheet")
        last = r
        values = [cell(row.get(col.key)) for col in columns]
        for c, value in enumerate(values):
            if value is not None and value != "":
                _write_cell(sheet, r, c, value, columns[c], formats)
        if r <= WIDTH_SAMPLE:
            for c in sized:
                if values[c] is not None:
                    widths[c] = max(widths[c], _width(values[c]))
    if note:
        sheet.write_string(last + 2, 0, str(note), book.add_format({"italic": True}))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, max(len(columns) - 1, 0))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(max(width, 6), 60) + 2)
    book.close()
    return last


def _write_cell(sheet, r, c, value, col, formats):
    if isinstance(value, datetime):
        sheet.write_datetime(r, c, value, formats[datetime])
    elif isinstance(value, date):
        sheet.write_datetime(r, c, datetime.combine(value, time()), formats[date])
    elif isinstance(value, int | float | Decimal):
        style = "percent" if col.percent else "money" if col.money else None
        sheet.write_number(r, c, float(value), formats.get(style))
    else:
        sheet.write_string(r, c, str(value))


def to_xlsx(columns, rows, title="Sheet1", note=None):
    """The rows as an XLSX workbook (bytes)."""
    buffer = io.BytesIO()
    write_xlsx(columns, rows, buffer, title, note)
    return buffer.getvalue()


def _csv_text(value, percent=False):
    value = cell(value)
    if value is None:
        return ""
    if percent and isinstance(value, int | float | Decimal):
        return f"{float(value) * 100:.1f}%"  # what Excel and WPS read back as a percentage
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 3 projects, not 3.0
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A leading = + - @ would make a spreadsheet run the text as a formula (CSV injection).
    if not isinstance(value, int | float | Decimal) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def write_csv(columns, rows, binary, note=None):
    """Write the rows as CSV (UTF-8 with BOM) to a binary file, row by row; returns the count."""
    out = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="", write_through=True)
    try:
        writer = csv.writer(out)
        writer.writerow([str(col.header) for col in columns])
        count = 0
        for row in rows:
            writer.writerow([_csv_text(row.get(col.key), col.percent) for col in columns])
            count += 1
        if note:
            writer.writerows([[], [_csv_text(str(note))]])
    finally:
        out.detach()  # leave the caller's file open
    return count


def to_csv(columns, rows, note=None):
    """The rows as CSV (bytes, UTF-8 with BOM)."""
    buffer = io.BytesIO()
    write_csv(columns, rows, buffer, note)
    return buffer.getvalue()


def content_disposition(filename):
    """An attachment header that carries a Chinese file name and an ASCII fallback."""
    stem, _dot, ext = filename.rpartition(".")
    ascii_part = re.sub(r"[^A-Za-z0-9.-]+", "_", stem.encode("ascii", "ignore").decode()).strip("_")
    fallback = f"export_{ascii_part}" if ascii_part else "export"
    return f"attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{quote(filename)}"


def send(columns, rows, fmt, name, title=None, note=None):
    """A download response of the rows as `fmt` ("xlsx" or "csv") named `name`.<fmt>."""
    if fmt == "xlsx":
        body = to_xlsx(columns, rows, title or name, note)
    else:
        body = to_csv(columns, rows, note)
    response = Response(body, content_type=CONTENT_TYPES[fmt])
    response.headers["Content-Disposition"] = content_disposition(f"{name}.{fmt}")
    return response


def send_table(table, fmt):
    """A download response of a Table as `fmt`."""
    return send(table.columns, table.rows, fmt, table.name, table.title, table.note)
