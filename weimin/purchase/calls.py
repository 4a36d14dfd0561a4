"""A call's life: draft → published → closed → reviewing → awarded (公示) → final; cancelled.

Deadlines are on the working-day calendar: applications close at the end of the call's
`application_days`-th working day after publication, objections at the end of the
`objection_days`-th working day after the award is announced.
"""

from datetime import UTC

from flask_babel import gettext as _

from weimin.core.workdays import add_working_days
from weimin.demands.errors import TransitionError
from weimin.purchase import saving

# action -> (states it may be taken from, the state it leads to)
ACTIONS = {
    "publish": (("draft",), "published"),
    "close": (("published",), "closed"),
    "review": (("closed",), "reviewing"),
    "award": (("reviewing",), "awarded"),
    "finalise": (("awarded",), "final"),
    # An upheld objection takes the award back: the call is under review again.
    "revoke": (("awarded",), "reviewing"),
    "cancel": (("draft", "published", "closed", "reviewing"), "cancelled"),
}


def application_deadline(published_at, days):
    """When applications close: the end of the `days`-th working day after publication."""
    return add_working_days(published_at, days)


def objection_end(awarded_at, days):
    """When the 公示 of an award ends: the end of the `days`-th working day after it."""
    return add_working_days(awarded_at, days)


def is_open(call, now):
    """Applications are taken: published and before the deadline (half-open)."""
    return call.status == "published" and call.deadline is not None and now < aware(call.deadline)


def check(call, action, now):
    """Refuse an action the call's state or the calendar does not allow (TransitionError)."""
    if action not in ACTIONS:
        raise TransitionError(_("Unknown action."))
    sources, _target = ACTIONS[action]
    if call.status not in sources:
        raise TransitionError(_("This cannot be done while the call is in this state."))
    if action == "close" and now < aware(call.deadline):
        raise TransitionError(_("Applications close at the deadline; it has not passed yet."))
    if action == "finalise" and now < aware(call.objection_ends):
        raise TransitionError(_("The objection period has not ended yet."))


def advance(call, action, now, note=None):
    """Take `action` on the call, audited as that action; returns the call.

    The state changes only if the stored call is still in the state it was read in, so a
    step taken twice at once (two clicks, two workers) is taken once."""
    check(call, action, now)
    before = call.status
    if action == "cancel" and not (note or "").strip():
        raise TransitionError(_("Give a reason."), {"note": [_("Give a reason.")]})
    call.status = ACTIONS[action][1]
    if action == "publish":
        call.validate()
        call.published_at = now
        call.deadline = application_deadline(now, call.application_days)
    elif action == "finalise":
        call.final_at = now
    elif action == "cancel":
        call.cancel_reason = note.strip()[:500]
    elif action == "revoke":
        call.awarded_at = call.objection_ends = None
    saving.save(call, action, condition={"status": before})
    return call


def aware(instant):
    """Stored datetimes come back naive (UTC) from the store."""
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant
