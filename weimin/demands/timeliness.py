"""Late, overdue and on time: one rule, as a test of one record and as a store query.

A demand is read as a dict of its stored fields. Both forms below must agree; a test checks it.
"""

from mongoengine.queryset.visitor import Q


def past_deadline(deadline, when):
    """The deadline in force has passed at `when` (no deadline: never)."""
    return deadline is not None and deadline < when


def late_at(doc, when):
    """Late at `when`: flagged overdue by the watch, or its deadline in force has passed.

    The flag says the demand became overdue at some moment but not when; once that moment is
    kept, this is the place that reads it (RULES.md: late is a fact about a moment).
    """
    return bool(doc.get("overdue")) or past_deadline(doc.get("deadline_at"), when)


def past_deadline_query(when):
    return Q(deadline_at__lt=when)


def late_query(when):
    """The same rule as `late_at`, as a filter the store answers from its indexes."""
    return Q(overdue=True) | past_deadline_query(when)


def closed_on_time(doc):
    """Closed (办结) and not late at the moment it was closed."""
    return doc.get("closed_at") is not None and not late_at(doc, doc["closed_at"])


def responded_on_time(doc, due):
    """First response at or before `due` (a response "within 24 hours" includes the 24th)."""
    first = doc.get("first_response_at")
    return first is not None and first <= due
