"""The deadline watch: flag open demands past their deadline and escalate them one level.

Safe to run every few minutes and from several workers: every write is conditional, so a
demand is escalated once per missed deadline and flagged once.
"""

from mongoengine.queryset.visitor import Q

from jobs.runs import street_of, tracked
from models import Demand
from models.base import utcnow
from weimin.demands.deadlines import ESCALATION, next_level
from weimin.demands.lifecycle import PATHS
from weimin.demands.transitions import Conflict, TransitionError, apply
from weimin.demands.wishes import expire_claims
from weimin.store.db import conditional_write

ACTOR = "system"
BATCH = 500


def escalatable_statuses():
    """(kind, statuses) pairs whose path allows the escalate action."""
    for kind, path in PATHS.items():
        statuses = [status for status, actions in path.items() if "escalate" in actions]
        if statuses:
            yield kind, statuses


def due(now, street=None):
    """Open demands past their deadline that are not yet flagged or can still go up a level."""
    below_top = list(ESCALATION[:-1])
    can_rise = Q(pk=None)  # matches nothing; widened per path below
    for kind, statuses in escalatable_statuses():
        can_rise |= Q(kind=kind, status__in=statuses, handling_level__in=below_top)
    query = Demand.objects(closed_at=None, rejected_at=None, deadline_at__lt=now)
    query = query.filter(Q(overdue__ne=True) | can_rise)
    return query.filter(street=street) if street else query


def can_escalate(demand):
    return (
        demand.status in dict(escalatable_statuses()).get(demand.kind, ())
        and next_level(demand.handling_level) != demand.handling_level
    )


def watch_one(demand_id, now):
    """Escalate and flag one demand if it is still open and late; what was done."""
    demand = Demand.objects(pk=demand_id).first()
    if demand is None or not demand.is_open or not demand.deadline_at:
        return set()
    if demand.deadline_at >= now:
        return set()
    done = set()
    if can_escalate(demand):
        try:
            apply(demand, "escalate", ACTOR, at=now)
            done.add("escalated")
        except (Conflict, TransitionError):
            done.add("conflict")  # someone acted first; the next run looks again
    with conditional_write():
        flagged = Demand._get_collection().update_one(
            {"_id": demand_id, "overdue": {"$ne": True}}, {"$set": {"overdue": True}}
        )
    if flagged.modified_count:
        done.add("flagged")
    return done


def run_sla(street_id=None, run_id=None, now=None):
    """Run the watch once over the district (or one street); return the counts."""
    now = now or utcnow()
    with tracked("sla", None, street_id, run_id) as progress:
        street = street_of(street_id)
        ids = [doc["_id"] for doc in due(now, street).only("id").order_by().as_pymongo()]
        progress.begin(len(ids))
        counts = {"checked": len(ids), "flagged": 0, "escalated": 0, "conflict": 0}
        for demand_id in ids:
            for outcome in watch_one(demand_id, now):
                counts[outcome] += 1
            progress.step()
        # Claims past their fulfilment deadline go back to the wish wall, flagged.
        counts["claims_returned"] = expire_claims(now, street)
        progress.finish(counts)
    return counts
