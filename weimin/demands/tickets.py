"""Human-readable unique ticket numbers (受理编号): street code + local date + sequence."""

from models.counter import Counter
from weimin.core.workdays import TZ


def next_ticket_no(street, when):
    """E.g. JD01-20261123-0007; the sequence restarts every local day per street."""
    day = when.astimezone(TZ).strftime("%Y%m%d")
    seq = Counter.next(f"ticket:{street.code}:{day}")
    return f"{street.code}-{day}-{seq:04d}"
