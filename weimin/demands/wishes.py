"""Wish-wall upkeep: expired claims go back to the wall, flagged."""

from models import Demand
from models.base import utcnow
from weimin.demands import transitions
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.timeliness import past_deadline_query

SYSTEM = "system"
CLAIM_EXPIRED = "认领超期，退回心愿墙"


def expire_claims(now=None, street=None):
    """Return wishes whose claim passed its fulfilment deadline to the wall; count them."""
    now = now or utcnow()
    returned = 0
    scope = {"street": street} if street is not None else {}
    claimed = Demand.objects(kind="wish", status="claimed", **scope)
    rules = {}  # street id -> its deadline rules, read once per run
    for wish in claimed.filter(past_deadline_query(now)):
        street = wish.street
        if street.pk not in rules:
            rules[street.pk] = DeadlineRules.current(street)
        try:
            transitions.apply(
                wish, "release", SYSTEM, CLAIM_EXPIRED, at=now, rules=rules[street.pk]
            )
        except transitions.Conflict:
            continue  # someone acted on it meanwhile; the next run looks again
        returned += 1
    return returned


def expiring_claims(now, within, street=None):
    """Claimed wishes whose fulfilment deadline comes within `within` of `now` (not yet past)."""
    scope = {"street": street} if street is not None else {}
    claimed = Demand.objects(kind="wish", status="claimed", **scope)
    return claimed.filter(deadline_at__gt=now, deadline_at__lte=now + within)


def wall_query():
    """Open wishes on the wall, newest first."""
    return Demand.objects(kind="wish", status="published").order_by("-received_at")
