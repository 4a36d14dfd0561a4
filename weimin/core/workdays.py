"""Working days on the Chinese official calendar (holidays and 调休 make-up days)."""

import logging
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import chinese_calendar

from models.base import TZ

log = logging.getLogger(__name__)


@lru_cache(maxsize=16)
def _warn_unknown_year(year):
    log.warning("no official calendar for %s: counting Monday-Friday as working days", year)


@lru_cache(maxsize=4096)  # every deadline walks day by day: a few years of days, asked often
def is_working_day(day: date) -> bool:
    """True on an official working day; Monday-Friday for a year the calendar lacks."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the `days`-th working day after `start`, as aware UTC.

    A day ends at 00:00 (local) of the next day, half-open: any instant of the day is before it.
    """
    local = start.astimezone(TZ).date()
    counted = 0
    while counted < days:
        local += timedelta(days=1)
        if is_working_day(local):
            counted += 1
    end = datetime.combine(local + timedelta(days=1), time(0), tzinfo=TZ)
    return end.astimezone(ZoneInfo("UTC"))


def working_days_between(first: date, last: date) -> int:
    """Working days after `first` up to and including `last`."""
    count, day = 0, first
    while day < last:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count
