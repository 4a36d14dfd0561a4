"""Late, overdue and on time (RULES.md "Precise readings"): one rule, in one place.

A deadline is the first instant at which the demand is late: a working-day deadline is 00:00
(Asia/Shanghai) of the day after the due day, so any instant of the due day is in time. A demand
becomes overdue at the first deadline in force that passes while it is open; that instant is kept
as `overdue_at` when a later deadline replaces the one that passed (escalation, a claim, a
release), so "late at T" never depends on when the question is asked.

A demand is read as a dict of its stored fields. The store forms below agree with the record
forms; a test checks it.
"""

from mongoengine.queryset.visitor import Q

from models.demand import left_at


def past_deadline(deadline, when):
    """The deadline has come at `when` (no deadline: never)."""
    return deadline is not None and deadline <= when


def overdue_since(doc):
    """The instant the demand became overdue, or None if it never did (or has not yet).

    For a demand still open the deadline in force is the answer even if it lies ahead: compare
    it with the moment in question (`overdue_before`).
    """
    if doc.get("overdue_at") is not None:
        return doc["overdue_at"]
    deadline = doc.get("deadline_at")
    left = left_at(doc.get("rejected_at"), doc.get("closed_at"))
    if deadline is None or (left is not None and left < deadline):
        return None
    return deadline


def overdue_before(doc, when):
    """It had become overdue before `when` (the end of a month: strictly before)."""
    since = overdue_since(doc)
    return since is not None and since < when


def closed_on_time(doc):
    """Closed (办结) before any deadline in force passed; escalation does not make it on time."""
    return doc.get("closed_at") is not None and overdue_since(doc) is None


def overdue_now_query(now):
    """Open demands that have become overdue before `now`, as a filter on the indexes."""
    return Q(overdue_at__lt=now) | (Q(overdue_at=None) & Q(deadline_at__lt=now))


def in_time_query(now):
    """Exactly the demands overdue_now_query(now) leaves out (both dates are dates or null).

    Its date ranges hold only the instants from `now` on, which few demands have; those of
    overdue_now_query hold every deadline already past, which grows with the collection.
    """
    return Q(overdue_at__gte=now) | (
        Q(overdue_at=None) & (Q(deadline_at__gte=now) | Q(deadline_at=None))
    )


def past_deadline_query(when):
    """Demands whose deadline in force has come at `when` (`past_deadline`)."""
    return Q(deadline_at__lte=when)


def passed_deadline(demand, new_deadline, now):
    """When `demand` is given `new_deadline` at `now`: the instant it became overdue, if the
    deadline it replaces passed while it was open and none was kept before; else None."""
    old = demand.deadline_at
    if demand.overdue_at is not None or old is None or new_deadline == old:
        return None
    return old if past_deadline(old, now) else None


def responded_on_time(doc, due):
    """First response at or before `due` (a response "within 24 hours" includes the 24th)."""
    first = doc.get("first_response_at")
    return first is not None and first <= due
