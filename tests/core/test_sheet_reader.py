"""The shared spreadsheet reader: bounded in memory and work, whatever the file claims."""

import pytest

from tests.core import bad_files
from weimin.core import sheet_reader
from weimin.core.sheet_reader import SheetError, read_sheet

HEADER = ["姓名", "身份证号", "服务时长"]
ROWS = [["张伟", "11010519491231002X", 2], ["李娜", "33020319850612002X", 3]]


def _never(*args, **kwargs):
    raise AssertionError("openpyxl opened the file")


@pytest.fixture(autouse=True)
def _context(app):
    with app.test_request_context():  # messages are translated
        yield


def test_a_cell_at_xfd1048576_reads_only_the_real_rows_in_little_memory():
    data = bad_files.workbook([HEADER, *ROWS], far_cell="XFD1048576")
    assert len(data) < 10_000
    sheet, peak = bad_files.peak_memory(lambda: read_sheet("a.xlsx", data, 100, 10))
    assert peak < 50 * 1024 * 1024
    assert sheet.header == HEADER
    assert sheet.rows == [(2, ROWS[0]), (3, ROWS[1])]


def test_a_heading_far_to_the_right_is_refused_with_the_column_count():
    data = bad_files.workbook([HEADER, *ROWS], far_cell="XFD1")
    with pytest.raises(SheetError, match="16384"):
        read_sheet("a.xlsx", data, 100, 10)


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    data = bad_files.inflated(bad_files.workbook([HEADER, *ROWS]))
    assert len(data) < 200_000

    monkeypatch.setattr(sheet_reader, "load_workbook", _never)
    with pytest.raises(SheetError, match="解压后超过 20 MB"):
        read_sheet("a.xlsx", data, 100, 10)


@pytest.mark.parametrize("bomb", [bad_files.dense_row, bad_files.many_styles])
def test_millions_of_elements_are_refused_before_openpyxl_opens_the_file(monkeypatch, bomb):
    data = bomb(bad_files.workbook([HEADER, *ROWS]))
    assert len(data) < 100_000
    monkeypatch.setattr(sheet_reader, "load_workbook", _never)
    with pytest.raises(SheetError, match="单元格或格式过多"):
        read_sheet("a.xlsx", data, 100, 10)


def test_a_dtd_is_refused(monkeypatch):
    data = bad_files.with_dtd(bad_files.workbook([HEADER, *ROWS]))
    monkeypatch.setattr(sheet_reader, "load_workbook", _never)
    with pytest.raises(SheetError, match="XLSX"):
        read_sheet("a.xlsx", data, 100, 10)


def test_a_dimension_declaring_fewer_rows_loses_none_of_them():
    rows = [[f"志愿者{n}", "", n] for n in range(1, 6)]
    data = bad_files.lying_dimension(bad_files.workbook([HEADER, *rows]), "A1:B2")
    assert [number for number, _row in read_sheet("a.xlsx", data, 100, 10).rows] == [2, 3, 4, 5, 6]


def test_blank_rows_are_skipped_and_the_others_keep_their_numbers():
    data = bad_files.workbook([HEADER, ROWS[0], [None, "  ", None], [], ROWS[1]])
    assert read_sheet("a.xlsx", data, 100, 10).rows == [(2, ROWS[0]), (5, ROWS[1])]


def test_more_rows_than_allowed_are_refused():
    data = bad_files.workbook([HEADER, *ROWS])
    with pytest.raises(SheetError, match="最多 1 行"):
        read_sheet("a.xlsx", data, 1, 10)


def test_a_csv_cell_over_the_field_limit_is_a_message():
    data = bad_files.csv_with_a_huge_cell(HEADER, ["张伟", "x", "2"], 1)
    with pytest.raises(SheetError, match="第 2 行有单元格超过 131072 个字符"):
        read_sheet("a.csv", data, 100, 10)


def test_csv_rows_are_cut_to_the_header_and_padded_to_it():
    data = "姓名,身份证号,服务时长\n张伟,1,2,extra\n李娜\n".encode()
    sheet = read_sheet("a.csv", data, 100, 10)
    assert sheet.rows == [(2, ["张伟", "1", "2"]), (3, ["李娜", None, None])]


def test_files_beyond_the_upload_size_and_of_other_kinds_are_refused():
    with pytest.raises(SheetError, match="5 MB"):
        read_sheet("a.csv", b"a" * (sheet_reader.MAX_FILE_BYTES + 1), 100, 10)
    with pytest.raises(SheetError):
        read_sheet("a.xls", b"whatever", 100, 10)
    with pytest.raises(SheetError, match="XLSX"):
        read_sheet("a.xlsx", b"PK\x03\x04 broken", 100, 10)
