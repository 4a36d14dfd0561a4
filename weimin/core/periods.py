"""Calendar months (YYYY-MM) and rating periods (YYYY, YYYY-Qn) in Asia/Shanghai.

Every bound is an aware UTC instant; an end is exclusive (the start of the next month).
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from models.periods import MONTH_PATTERN, PERIOD_PATTERN
from weimin.core.workdays import TZ

MONTH = re.compile(MONTH_PATTERN)
PERIOD = re.compile(PERIOD_PATTERN)


def parse_month(month):
    """(year, month) of a YYYY-MM text; ValueError when it is not one."""
    match = MONTH.match(month or "")
    if not match:
        raise ValueError(f"month {month!r}: expected YYYY-MM")
    return int(match[1]), int(match[2])


def month_text(year, month):
    return f"{year:04d}-{month:02d}"


def _index(year, month):
    return year * 12 + month - 1


def _from_index(index):
    return index // 12, index % 12 + 1


def month_of(instant):
    """The local calendar month an instant falls in, as YYYY-MM."""
    local = instant.astimezone(TZ)
    return month_text(local.year, local.month)


def shift_month(month, count):
    """The month `count` months after (negative: before) a YYYY-MM month."""
    return month_text(*_from_index(_index(*parse_month(month)) + count))


def previous_month(now=None):
    """The calendar month before `now`'s, in Asia/Shanghai."""
    return shift_month(month_of(now or datetime.now(UTC)), -1)


def months_up_to(now, count):
    """The `count` calendar months up to `now`'s, oldest first."""
    last = month_of(now)
    return [shift_month(last, n) for n in range(1 - count, 1)]


def months_between(first, last):
    """Every month from `first` to `last`, both included (empty when `last` is earlier)."""
    start, end = _index(*parse_month(first)), _index(*parse_month(last))
    return [month_text(*_from_index(index)) for index in range(start, end + 1)]


def month_bounds(year, month):
    """Start and end (exclusive) of a calendar month in Asia/Shanghai, as aware UTC."""
    end_year, end_month = _from_index(_index(year, month) + 1)
    start = datetime(year, month, 1, tzinfo=TZ)
    end = datetime(end_year, end_month, 1, tzinfo=TZ)
    return start.astimezone(UTC), end.astimezone(UTC)


def bounds(month):
    """Start and end (exclusive) of a YYYY-MM month, as aware UTC."""
    return month_bounds(*parse_month(month))


def current_bounds(now):
    """Start and end (exclusive) of the local month `now` falls in."""
    return bounds(month_of(now))


@dataclass(frozen=True)
class Period:
    """A rating period: its kind, bounds and the period before it."""

    text: str
    kind: str  # "year" or "quarter"
    start: datetime
    end: datetime
    previous: str


def parse_period(period):
    """The Period of a YYYY or YYYY-Qn text; ValueError when it is not one."""
    match = PERIOD.match(period or "")
    if not match:
        raise ValueError(f"period {period!r}: expected YYYY or YYYY-Qn")
    year = int(match[1])
    if match[2] is None:
        start, end = month_bounds(year, 1)[0], month_bounds(year, 12)[1]
        return Period(period, "year", start, end, str(year - 1))
    quarter = int(match[2])
    first = 3 * quarter - 2
    previous = f"{year}-Q{quarter - 1}" if quarter > 1 else f"{year - 1}-Q4"
    start, end = month_bounds(year, first)[0], month_bounds(year, first + 2)[1]
    return Period(period, "quarter", start, end, previous)


def periods_ended(now=None):
    """The quarter that has just ended, and the year too in January (Asia/Shanghai)."""
    local = (now or datetime.now(UTC)).astimezone(TZ)
    index = local.year * 4 + (local.month - 1) // 3 - 1
    periods = [f"{index // 4}-Q{index % 4 + 1}"]
    return [str(local.year - 1), *periods] if local.month == 1 else periods
