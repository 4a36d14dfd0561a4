"""The calls' calendar, kept by a job: applications close once the deadline has passed, and an
award is final once its objection period has ended with every objection answered.

Each step is the one the street takes on a call's page (applications.close, award.finalise),
so it is audited and refused the same way; each state change is atomic, so two runs at once
(or a run and a click) take a step once. A call whose objections still wait for an answer is
left as it is and counted.
"""

from datetime import timedelta

from models import Application, PurchaseCall, PurchaseContract
from models.references import ref_id
from weimin.demands.errors import TransitionError
from weimin.demands.wishes import SYSTEM
from weimin.purchase import applications, award, objections

# How long after turning final a call still missing contracts counts as stopped half-way.
STALLED = timedelta(minutes=10)
COUNTS = ("closed", "refused", "finalised", "contracts", "waiting", "taken_by_another")


def _scoped(query, street):
    return query.filter(street=street.pk) if street is not None else query


def due(now, street=None):
    """(calls to close, awards whose objection period has ended, final calls missing contracts)."""
    closing = _scoped(PurchaseCall.objects(status="published", deadline__lte=now), street)
    ending = _scoped(PurchaseCall.objects(status="awarded", objection_ends__lte=now), street)
    return list(closing), list(ending), _unfinished(now, street)


def _unfinished(now, street):
    """Final calls with an awarded application that has no contract (a run stopped half-way).

    Only calls final for a while: one turned final a moment ago is having its contracts made
    by whoever finalised it, and making them here too would make two projects."""
    stalled = PurchaseCall.objects(status="final", final_at__lte=now - STALLED)
    final = [c.pk for c in _scoped(stalled, street).only("id")]
    if not final:
        return []
    made = set(PurchaseContract._get_collection().distinct("application", {"call": {"$in": final}}))
    waiting = {ref_id(a, "call") for a in Application.objects(
        call__in=final, status="awarded").only("id", "call") if a.pk not in made}  # fmt: skip
    return list(PurchaseCall.objects(pk__in=list(waiting))) if waiting else []


def keep(now, street=None, progress=None):
    """Take every step the calendar calls for at `now`; the counts of what was done."""
    counts = dict.fromkeys(COUNTS, 0)
    closing, ending, unfinished = due(now, street)
    if progress is not None:
        progress.begin(len(closing) + len(ending) + len(unfinished))
    for call in closing:
        try:
            counts["refused"] += len(applications.close(call, now))
            counts["closed"] += 1
        except TransitionError:
            counts["taken_by_another"] += 1
        _step(progress)
    for call in [*ending, *unfinished]:
        if objections.unanswered(call).count():
            counts["waiting"] += 1
        else:
            was_final = call.status == "final"
            try:
                before = PurchaseContract.objects(call=call.pk).count()
                award.finalise(call, SYSTEM, now)
                counts["contracts"] += PurchaseContract.objects(call=call.pk).count() - before
                counts["finalised"] += 0 if was_final else 1
            except TransitionError:
                counts["taken_by_another"] += 1
        _step(progress)
    return counts


def _step(progress):
    if progress is not None:
        progress.step()
