"""Human-readable unique ticket numbers (受理编号): street code + local date + sequence."""

from models.counter import Counter
from weimin.core.workdays import TZ


def local_day(when):
    """The local (Asia/Shanghai) day of an instant as YYYYMMDD, the sequence's key."""
    return when.astimezone(TZ).strftime("%Y%m%d")


def ticket_text(street_code, day, seq):
    return f"{street_code}-{day}-{seq:04d}"


def next_ticket_no(street, when):
    """E.g. JD01-20261123-0007; the sequence restarts every local day per street."""
    day = local_day(when)
    return ticket_text(street.code, day, Counter.next(f"ticket:{street.code}:{day}"))
