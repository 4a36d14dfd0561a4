"""Reading uploaded spreadsheets (XLSX or CSV) within fixed bounds, for every importer.

A few kilobytes of XLSX can claim a cell at XFD1048576, unpack to gigabytes, or hold millions
of empty cells or styles, and openpyxl pads every row to the sheet's declared width and makes
an object of every element it reads. So the bounds are ours, never the file's: before openpyxl
opens the file, the zip members' declared sizes are summed and the elements of its XML parts
counted in one streaming pass (no DTD, no row over Excel's width); then the header row decides
how many columns are read (at most `max_cols`), every row is read at that width in read-only
mode, and only non-blank rows are kept, at most `max_rows` of them. The declared dimension is
not trusted either way: too large, it would size the reading; too small, openpyxl would stop
at it and drop real rows without a word.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from flask_babel import gettext as _
from openpyxl import load_workbook

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED_BYTES = 20 * 1024 * 1024  # a 5,000-row sheet unpacks to a few MB
EXCEL_MAX_ROW, EXCEL_MAX_COL = 1_048_576, 16_384
# XML elements openpyxl may be given: in the worksheets and shared strings (a cell is two or
# three; 5,000 rows of 30 filled cells are under half of it), and in all other parts (styles,
# workbook, relations), where each becomes a heavier object. Either is a few seconds of work.
MAX_CELL_ELEMENTS, MAX_OTHER_ELEMENTS = 1_000_000, 100_000
# What zipfile raises for a damaged archive, an encrypted member (RuntimeError) or an unknown
# compression method (NotImplementedError).
BROKEN_ZIP = (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError)


class SheetError(ValueError):
    """The file cannot be read, or not within the bounds; the message says why."""


@dataclass
class Sheet:
    """The first row (up to its last heading) and the non-blank rows below it, numbered as
    the spreadsheet numbers them, each cut to the header's width."""

    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (row number, [cells])

    @classmethod
    def of(cls, table):
        """A Sheet from lists of cells, header first (rows numbered from 2)."""
        table = list(table)
        sheet = cls(header=list(table[0]) if table else [])
        sheet.rows = [(n, list(row)) for n, row in enumerate(table[1:], start=2) if _filled(row)]
        return sheet


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _filled(row):
    return not all(_blank(value) for value in row)


def _collect(header, rows, max_rows, max_cols):
    """Cut the header to its last heading, then keep the non-blank rows at that width."""
    header = list(header or ())
    while header and _blank(header[-1]):
        header.pop()
    if len(header) > max_cols:
        raise SheetError(
            _(
                "The first row has %(found)d columns; at most %(n)d are read. Delete the extra"
                " columns.",
                found=len(header),
                n=max_cols,
            )
        )
    sheet = Sheet(header=header)
    if not header:
        return sheet
    width = len(header)
    for number, row in rows(width):
        if row.count(None) == len(row) or not _filled(row):  # count(): fast on padded rows
            continue
        if len(sheet.rows) == max_rows:
            raise SheetError(_("At most %(n)d rows per sheet.", n=max_rows))
        cells = list(row[:width])
        sheet.rows.append((number, cells + [None] * (width - len(cells))))
    return sheet


def _check_zip(data):
    """Refuse what is not a zip, or what would unpack to more than MAX_UNZIPPED_BYTES."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except BROKEN_ZIP:
        raise SheetError(_("The file is not a readable XLSX workbook.")) from None
    # zipfile never inflates a member beyond its declared size, so the sum bounds the work.
    if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
        raise SheetError(
            _(
                "The workbook unpacks to more than %(n)d MB; save it again with only the rows"
                " to import.",
                n=MAX_UNZIPPED_BYTES // (1024 * 1024),
            )
        )


def _too_complex():
    return SheetError(
        _(
            "The workbook holds too many cells or styles; save it again with only the rows"
            " to import."
        )
    )


def _count_elements(src, budget, kind):
    """Stream one XML part, taking its elements from budget[kind]; rows over Excel's width
    and any DTD (entity expansion) are refused."""
    cells_in_row = 0

    def start(tag, _attributes):
        nonlocal cells_in_row
        budget[kind] -= 1
        local = tag.rpartition(":")[2]
        cells_in_row = 0 if local == "row" else cells_in_row + (local == "c")
        if budget[kind] < 0 or cells_in_row > EXCEL_MAX_COL:
            raise _too_complex()

    def doctype(*_args):
        raise SheetError(_("The file is not a readable XLSX workbook."))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    parser.ParseFile(src)


def _check_xml(data):
    """Count the elements of every XML part before openpyxl builds an object of each."""
    budget = {"cells": MAX_CELL_ELEMENTS, "other": MAX_OTHER_ELEMENTS}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            lower = name.lower()
            if not lower.endswith((".xml", ".rels")):
                continue  # openpyxl parses no other part in read-only mode
            cells = lower.startswith(("xl/worksheets/", "xl/sharedstrings"))
            try:
                with archive.open(name) as src:
                    _count_elements(src, budget, "cells" if cells else "other")
            except SheetError:
                raise  # a ValueError too: not to be taken for a broken file
            except (expat.ExpatError, *BROKEN_ZIP):
                raise SheetError(_("The file is not a readable XLSX workbook.")) from None


def _read_xlsx(data, max_rows, max_cols):
    _check_zip(data)
    _check_xml(data)
    book = None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        first = sheet.iter_rows(min_row=1, max_row=1, max_col=EXCEL_MAX_COL, values_only=True)

        def rows(width):
            body = sheet.iter_rows(
                min_row=2, max_row=EXCEL_MAX_ROW, max_col=width, values_only=True
            )
            return enumerate(body, start=2)

        return _collect(next(first, ()), rows, max_rows, max_cols)
    except (SheetError, MemoryError):
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for a broken file
        raise SheetError(_("The file is not a readable XLSX workbook.")) from exc
    finally:
        if book is not None:
            book.close()


def _read_csv(data, max_rows, max_cols):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise SheetError(_("The CSV file is neither UTF-8 nor GBK.")) from exc
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, [])
        return _collect(header, lambda _width: enumerate(reader, start=2), max_rows, max_cols)
    except csv.Error as exc:
        line, limit = reader.line_num, csv.field_size_limit()
        if "field larger than field limit" in str(exc):
            message = _(
                "Line %(line)d of the CSV file has a cell longer than %(n)d characters.",
                line=line,
                n=limit,
            )
        else:
            message = _("Line %(line)d of the CSV file cannot be read.", line=line)
        raise SheetError(message) from exc


def read_sheet(filename, data, max_rows, max_cols):
    """The first sheet of an .xlsx (or the rows of a .csv) upload, within the bounds."""
    name = (filename or "").lower()
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(_("The file is larger than 5 MB."))
    if name.endswith(".xlsx"):
        return _read_xlsx(data, max_rows, max_cols)
    if name.endswith(".csv"):
        return _read_csv(data, max_rows, max_cols)
    raise SheetError(_("Upload an .xlsx or .csv file."))
