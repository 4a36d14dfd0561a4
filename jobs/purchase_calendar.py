"""The purchased-services calendar as a job run: weimin.purchase.calendar does the work."""

from jobs.runs import street_of, tracked
from models.base import utcnow
from weimin.purchase.calendar import keep


def run_purchase_calendar(street_id=None, run_id=None, now=None):
    """Close the calls past their deadline and make final the awards whose objection period
    has ended with every objection answered; return the counts."""
    now = now or utcnow()
    with tracked("purchase_calendar", None, street_id, run_id) as progress:
        counts = keep(now, street_of(street_id), progress)
        progress.finish(counts)
    return counts
