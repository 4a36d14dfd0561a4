"""Spreadsheet exports of any list: rows are dicts, columns say which key goes under which header.

XLSX cells keep their types (numbers as numbers, dates as dates, in Beijing time), the header
row is frozen and columns are sized to their content; CSV is UTF-8 with a BOM so that Excel
reads the Chinese. File names may be Chinese (RFC 5987 / RFC 6266 Content-Disposition).
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from urllib.parse import quote

import xlsxwriter
from flask import Response
from flask_babel import gettext as _

from weimin.timefmt import TZ

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column: the row key, the header text, and an optional width in characters."""

    key: str
    header: str
    width: int | None = None
    percent: bool = False  # a rate from 0 to 1, shown as 12.5% in XLSX


def cell(value):
    """A value as a spreadsheet takes it: local naive datetimes, 是/否, lists joined."""
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


def to_xlsx(columns, rows, title="Sheet1"):
    """The rows as an XLSX workbook (bytes)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or None)
    header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    as_date = book.add_format({"num_format": "yyyy-mm-dd"})
    as_time = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    as_percent = book.add_format({"num_format": "0.0%"})
    widths = [col.width or _width(col.header) for col in columns]
    for c, col in enumerate(columns):
        sheet.write_string(0, c, str(col.header), header)
    last = 0
    for r, row in enumerate(rows, 1):
        last = r
        for c, col in enumerate(columns):
            value = cell(row.get(col.key))
            if value is None or value == "":
                continue
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, as_time)
            elif isinstance(value, date):
                sheet.write_datetime(r, c, datetime.combine(value, time()), as_date)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(r, c, float(value), as_percent if col.percent else None)
            else:
                sheet.write_string(r, c, str(value))
            if not col.width:
                widths[c] = max(widths[c], _width(value))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, max(len(columns) - 1, 0))
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(max(width, 6), 60) + 2)
    book.close()
    return buffer.getvalue()


def _csv_text(value):
    value = cell(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A leading = + - @ would make a spreadsheet run the text as a formula (CSV injection).
    if not isinstance(value, int | float | Decimal) and text.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(columns, rows):
    """The rows as CSV (bytes, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([str(col.header) for col in columns])
    for row in rows:
        writer.writerow([_csv_text(row.get(col.key)) for col in columns])
    return out.getvalue().encode("utf-8-sig")


def content_disposition(filename):
    """An attachment header that carries a Chinese file name and an ASCII fallback."""
    stem, _dot, ext = filename.rpartition(".")
    ascii_part = re.sub(r"[^A-Za-z0-9.-]+", "_", stem.encode("ascii", "ignore").decode()).strip("_")
    fallback = f"export_{ascii_part}" if ascii_part else "export"
    return f"attachment; filename=\"{fallback}.{ext}\"; filename*=UTF-8''{quote(filename)}"


def send(columns, rows, fmt, name, title=None):
    """A download response of the rows as `fmt` ("xlsx" or "csv") named `name`.<fmt>."""
    body = to_xlsx(columns, rows, title or name) if fmt == "xlsx" else to_csv(columns, rows)
    response = Response(body, content_type=CONTENT_TYPES[fmt])
    response.headers["Content-Disposition"] = content_disposition(f"{name}.{fmt}")
    return response
