"""Months and rating periods: one parser, one arithmetic, Shanghai bounds."""

from datetime import UTC, datetime

import pytest
from mongoengine import ValidationError

from models import JobRun, StarRating
from weimin.core.periods import (
    bounds,
    month_of,
    months_up_to,
    parse_month,
    parse_period,
    periods_ended,
    previous_month,
    shift_month,
)
from weimin.core.workdays import TZ


def test_month_text_is_checked_the_same_everywhere():
    assert parse_month("2026-12") == (2026, 12)
    for bad in ("2026-13", "2026-1", "26-01", "2026-00", "", None):
        with pytest.raises(ValueError):
            parse_month(bad)
    for kind, bad in (("clearance", "2026-13"), ("ratings", "2026-Q5")):
        with pytest.raises(ValidationError, match="period"):
            JobRun(kind=kind, period=bad).validate()


def test_period_text_is_checked_the_same_everywhere():
    assert parse_period("2026").kind == "year"
    assert parse_period("2026-Q3").kind == "quarter"
    for bad in ("2026-Q5", "2026Q1", "26", ""):
        with pytest.raises(ValueError):
            parse_period(bad)
        with pytest.raises(ValidationError):
            StarRating._fields["period"].validate(bad)


def test_month_arithmetic_crosses_years():
    assert shift_month("2026-01", -1) == "2025-12"
    assert shift_month("2025-12", 1) == "2026-01"
    assert shift_month("2026-03", -14) == "2025-01"
    assert months_up_to(datetime(2026, 2, 10, tzinfo=TZ), 3) == ["2025-12", "2026-01", "2026-02"]


def test_months_are_local_months():
    # 31 January 17:00 UTC is already 1 February in Shanghai.
    instant = datetime(2026, 1, 31, 17, tzinfo=UTC)
    assert month_of(instant) == "2026-02"
    assert previous_month(instant) == "2026-01"
    start, end = bounds("2026-02")
    assert start == datetime(2026, 1, 31, 16, tzinfo=UTC)
    assert end == datetime(2026, 2, 28, 16, tzinfo=UTC)


def test_period_bounds_and_previous_periods():
    q1 = parse_period("2026-Q1")
    assert (q1.start, q1.end) == (bounds("2026-01")[0], bounds("2026-03")[1])
    assert q1.previous == "2025-Q4"
    year = parse_period("2026")
    assert (year.start, year.end, year.previous) == (
        bounds("2026-01")[0],
        bounds("2026-12")[1],
        "2025",
    )
    assert periods_ended(datetime(2026, 4, 1, 3, tzinfo=TZ)) == ["2026-Q1"]
