"""Working days follow the official calendar: holidays off, make-up Saturdays on."""

import logging
from datetime import date, datetime
from zoneinfo import ZoneInfo

from weimin.core.periods import month_bounds
from weimin.core.workdays import add_working_days, is_working_day, working_days_between

TZ = ZoneInfo("Asia/Shanghai")


def test_deadline_spans_national_day_and_a_make_up_saturday():
    # Received Wed 30 Sep 2026; 1-7 Oct are holidays; Thu 8, Fri 9, Sat 10 (调休) are working days.
    received = datetime(2026, 9, 30, 10, 0, tzinfo=TZ)
    deadline = add_working_days(received, 3).astimezone(TZ)
    # The due day is Sat 10 Oct; it ends (half-open) at 00:00 of the 11th.
    assert deadline == datetime(2026, 10, 11, 0, 0, tzinfo=TZ)
    assert is_working_day(date(2026, 10, 10)) and not is_working_day(date(2026, 10, 11))


def test_spring_festival_week_is_skipped():
    # Fri 13 Feb 2026 + 1 working day: Sat 14 Feb is a make-up working day.
    assert add_working_days(datetime(2026, 2, 13, 9, tzinfo=TZ), 1) == datetime(
        2026, 2, 15, tzinfo=TZ
    )
    # Sat 14 Feb + 1: the festival runs 15-23 Feb, so Tue 24 Feb (ending at 00:00 on the 25th).
    assert add_working_days(datetime(2026, 2, 14, 9, tzinfo=TZ), 1) == datetime(
        2026, 2, 25, tzinfo=TZ
    )


def test_unknown_year_falls_back_to_weekdays_and_says_so(caplog):
    with caplog.at_level(logging.WARNING, logger="weimin.core.workdays"):
        assert is_working_day(date(2031, 1, 1))  # a Wednesday; the holiday list ends earlier
        assert not is_working_day(date(2031, 1, 4))  # a Saturday
    assert "Monday-Friday" in caplog.text


def test_working_days_between_counts_after_first_up_to_last():
    assert working_days_between(date(2026, 9, 30), date(2026, 10, 12)) == 4


def test_month_bounds_are_shanghai_midnights_in_utc():
    start, end = month_bounds(2026, 12)
    assert start.isoformat() == "2026-11-30T16:00:00+00:00"
    assert end.isoformat() == "2026-12-31T16:00:00+00:00"
