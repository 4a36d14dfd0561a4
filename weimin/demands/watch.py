"""The deadline watch: flag open demands past their deadline and escalate them one level.

Safe to run every few minutes and from several workers: every write is conditional, so a
demand is escalated once per missed deadline and flagged once. `steps_due` is the rule; the
store runs it through `run_watch`, the demo generator on unsaved demands through `watch_unsaved`.
"""

from mongoengine.queryset.visitor import Q

from models import Demand, Street
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.lifecycle import PATHS
from weimin.demands.timeliness import past_deadline, past_deadline_query
from weimin.demands.transitions import Conflict, TransitionError, apply, replay
from weimin.demands.wishes import CLAIM_EXPIRED, SYSTEM, expire_claims, expiring_claims
from weimin.notify import claim_expiring, claim_warning, overdue
from weimin.store import audit
from weimin.store.db import conditional_write

ACTOR = SYSTEM


def escalatable_statuses():
    """(kind, statuses) pairs whose path allows the escalate action."""
    for kind, path in PATHS.items():
        statuses = [status for status, actions in path.items() if "escalate" in actions]
        if statuses:
            yield kind, statuses


def can_escalate(demand, rules):
    return (
        demand.status in dict(escalatable_statuses()).get(demand.kind, ())
        and rules.next_level(demand.handling_level) != demand.handling_level
    )


def steps_due(demand, now, rules):
    """What the watch does to one demand at `now`, in order: flag, escalate, release a claim.

    Flagging comes first: it keeps the deadline that passed as the moment it became overdue.
    """
    if not demand.is_open or not past_deadline(demand.deadline_at, now):
        return []
    steps = [] if demand.overdue else ["flag"]
    if can_escalate(demand, rules):
        steps.append("escalate")
    if demand.kind == "wish" and demand.status == "claimed":
        steps.append("release")  # done by wishes.expire_claims in the store
    return steps


def due(now, below_top, street=None):
    """Open demands past their deadline that are not yet flagged or can still go up a level.

    `below_top`: the levels some street in scope can still escalate from.
    """
    can_rise = Q(pk=None)  # matches nothing; widened per path below
    for kind, statuses in escalatable_statuses():
        can_rise |= Q(kind=kind, status__in=statuses, handling_level__in=sorted(below_top))
    query = Demand.objects.open_now().filter(past_deadline_query(now))
    query = query.filter(Q(overdue__ne=True) | can_rise)
    return query.filter(street=street) if street else query


def watch_one(demand_id, now, rules_of):
    """Escalate and flag one stored demand if it is still open and late; what was done.

    `rules_of` maps a street id to the DeadlineRules in force there.
    """
    demand = Demand.objects(pk=demand_id).first()
    if demand is None:
        return set()
    rules = rules_of.get(demand.street.pk) or DeadlineRules.current(demand.street)
    steps = steps_due(demand, now, rules)
    done = set()
    if steps:  # its deadline in force has passed: told once per deadline, before any write
        overdue(demand)
    if "flag" in steps and flag(demand):
        done.add("flagged")
    if "escalate" in steps:
        try:
            apply(demand, "escalate", ACTOR, at=now, rules=rules)
            done.add("escalated")
        except (Conflict, TransitionError):
            done.add("conflict")  # someone acted first; the next run looks again
    return done


def flag(demand):
    """Flag a demand overdue as of the deadline that passed, once; True if this call did."""
    since = demand.overdue_at or demand.deadline_at
    with conditional_write():
        flagged = Demand._get_collection().update_one(
            {"_id": demand.pk, "overdue": {"$ne": True}, "deadline_at": demand.deadline_at},
            {"$set": {"overdue": True, "overdue_at": since}},
        )
    demand.overdue, demand.overdue_at = True, since
    if flagged.modified_count:  # an atomic update: no save signal records it
        changes = {
            "overdue": {"before": False, "after": True},
            "overdue_at": {"before": None, "after": since},
        }
        audit.record(
            "update",
            "demands",
            demand.pk,
            changes,
            street=demand.street.pk,
            subject=demand.ticket_no,
        )
    return bool(flagged.modified_count)


def run_watch(now, street=None, progress=None):
    """Run the watch once over the district (or one street); return the counts."""
    streets = [street] if street is not None else list(Street.objects.only("id"))
    rules_of = {s.pk: DeadlineRules.current(s) for s in streets}  # read once per run
    below_top = {level for rules in rules_of.values() for level in rules.below_top()}
    query = due(now, below_top, street).only("id").order_by()
    ids = [doc["_id"] for doc in query.as_pymongo()]
    if progress:
        progress.begin(len(ids))
    counts = {"checked": len(ids), "flagged": 0, "escalated": 0, "conflict": 0}
    for demand_id in ids:
        for outcome in watch_one(demand_id, now, rules_of):
            counts[outcome] += 1
        if progress:
            progress.step()
    # Claims past their fulfilment deadline go back to the wish wall, flagged.
    counts["claims_returned"] = expire_claims(now, street)
    # Claims whose fulfilment deadline is near: their volunteers hear it once per deadline.
    counts["claims_warned"] = 0
    for wish in expiring_claims(now, claim_warning(), street):
        claim_expiring(wish)
        counts["claims_warned"] += 1
    return counts


def watch_unsaved(demand, now, rules):
    """The watch's steps on an unsaved demand, in memory; the steps taken."""
    steps = steps_due(demand, now, rules)
    for step in steps:
        if step == "escalate":
            replay(demand, "escalate", ACTOR, at=now, rules=rules)
        elif step == "flag":
            demand.overdue, demand.overdue_at = True, demand.overdue_at or demand.deadline_at
        else:
            replay(demand, "release", SYSTEM, CLAIM_EXPIRED, at=now, rules=rules)
    return steps
