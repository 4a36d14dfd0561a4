"""Cells read as people fill them in: date cells, serials, number cells, full-width text."""

import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import make_app
from weimin.core import cells

TARGET = date(2026, 12, 20)


@pytest.fixture(autouse=True, scope="module")
def _context():
    """Messages in Chinese, as the product speaks them; no database is needed."""
    with make_app().test_request_context(headers={"Accept-Language": "zh-CN"}):
        yield


def full_width(text):
    """ASCII digits and punctuation as the full-width forms a Chinese keyboard types."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


@pytest.mark.parametrize(
    "cell",
    [
        datetime(2026, 12, 20),  # an Excel/WPS date cell
        date(2026, 12, 20),
        46376,  # the same day as a serial number, its date format lost
        46376.0,
        "46376",
        "2026-12-20",
        "2026/12/20",
        "2026.12.20",
        "2026-12-20 00:00:00",
        "2026年12月20日",
        "2026 年 12 月 20 日",
        "2026年12月20号",
        "20261220",
        "２０２６－１２－２０",
        "２０２６／１２／２０",
        "２０２６年１２月２０日",
        "\u00a02026/12/20\u3000",
        "\ufeff2026-12-20 ",
    ],
)
def test_a_day_in_every_form_people_type_it(cell):
    assert cells.day(cell) == TARGET


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("2026-02-30", "没有这个日期"),
        ("明天", "请填写日期"),
        (2026, "请填写日期"),  # a year, not a serial number
        ("12/20/2026", "请填写日期"),
        (datetime(2026, 12, 20, 14, 30), "只填日期"),
    ],
)
def test_a_cell_that_is_no_day_says_why_in_chinese(cell, message):
    with pytest.raises(cells.CellError) as refused:
        cells.day(cell)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    "cell",
    [
        datetime(2026, 12, 20, 14, 30),
        "2026-12-20 14:30",
        "2026/12/20 14:30:00",
        "2026年12月20日14时30分",
        "2026年12月20日 14点30分",
        "２０２６－１２－２０　１４：３０",
        46376 + 14.5 / 24,
    ],
)
def test_a_moment_with_its_time(cell):
    assert cells.moment(cell) == datetime(2026, 12, 20, 14, 30)


@pytest.mark.parametrize(
    ("cell", "digits"),
    [
        (13805740001.0, "13805740001"),  # a phone typed into a number cell
        (13805740001, "13805740001"),
        ("１３８０５７４０００１", "13805740001"),
        ("138 0574 0001", "13805740001"),
        ("\u00a013805740001\u3000", "13805740001"),
        ("0574－87654321", "0574-87654321"),
        ("ＧＹ０１", "GY01"),
    ],
)
def test_compact_numbers_and_codes(cell, digits):
    assert cells.compact(cell) == digits


@pytest.mark.parametrize(
    ("cell", "value"),
    [(82.0, Decimal(82)), (2.5, Decimal("2.5")), ("１２.５", Decimal("12.5")), ("1,200", 1200)],
)
def test_numbers(cell, value):
    assert cells.number(cell) == value


def test_text_keeps_chinese_punctuation_and_names_lose_padding():
    assert cells.text(" 楼道灯不亮，请尽快修理。\u3000") == "楼道灯不亮，请尽快修理。"
    assert cells.text(82.0) == "82" and cells.text(None) == ""
    assert cells.name("王\u3000\u3000芳") == "王芳" and cells.name("Li  Wei") == "Li Wei"
    with pytest.raises(cells.CellError):
        cells.number("两小时")


days = st.dates(min_value=date(1928, 1, 1), max_value=date(9999, 12, 31))
SHAPES = ("{y}-{m}-{d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{y}-{m:02d}-{d:02d}")


@given(days, st.sampled_from(SHAPES), st.booleans(), st.sampled_from(["", " ", "\u3000", "\xa0"]))
def test_any_day_typed_any_way_reads_back(day, shape, wide, pad):
    typed = shape.format(y=day.year, m=day.month, d=day.day)
    typed = pad + (full_width(typed) if wide else typed) + pad
    assert cells.day(typed) == day


@given(days)
def test_any_serial_reads_back(day):
    serial = (day - date(1899, 12, 30)).days
    assert cells.day(serial) == day == cells.day(float(serial))


@given(st.integers(min_value=0, max_value=10**15))
def test_any_whole_number_cell_is_its_digits(number):
    assert cells.compact(float(number)) == str(number) or float(number) != number
    assert cells.compact(full_width(str(number))) == str(number)


@given(st.text())
def test_plain_never_fails_and_is_stable(text):
    once = cells.plain(text)
    assert cells.plain(once) == once == once.strip()
    assert once == unicodedata.normalize("NFKC", once) or "-" in once


def test_serials_follow_excel_calendar():
    assert cells.day(45658) == date(2025, 1, 1)
    assert cells.day(45658 + 365) == date(2025, 1, 1) + timedelta(days=365)
