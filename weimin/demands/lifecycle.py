"""The three paths as state machines; every change is one atomic, versioned update.

A transition is applied with a single update filtered on the demand's current status
and revision, so of two people acting at once exactly one succeeds (optimistic locking).
"""

from flask_babel import lazy_gettext as _l

from models.choices import KINDS

INITIAL = {"wish": "published", "affair": "received", "project": "applied"}

ACTIONS = {
    "assign": _l("Assign"),
    "transfer": _l("Transfer"),
    "start": _l("Start handling"),
    "escalate": _l("Escalate"),
    "close": _l("Close (done)"),
    "answer": _l("Answer the resident"),
    "evaluate": _l("Record evaluation"),
    "reject": _l("Reject as not admissible"),
    "claim": _l("Claim"),
    "release": _l("Return to the wish wall"),
    "fulfil": _l("Mark fulfilled"),
    "approve": _l("Approve the project"),
    "implement": _l("Start implementation"),
    "inspect": _l("Submit for acceptance"),
    "pass": _l("Acceptance passed"),
    "fail": _l("Acceptance failed (rectify)"),
    "release_subsidy": _l("Release the subsidy"),
    "complete": _l("Complete the project"),
    "reopen": _l("Rework"),
    "supervise": _l("Send to supervision (督办)"),
    "void": _l("Void"),
    "merge": _l("Merge into the earlier demand"),
    "link": _l("Link to the earlier demand"),
}

# kind -> status -> {action: next status}
PATHS = {
    "affair": {
        "received": {"assign": "assigned", "reject": "rejected", "escalate": "received"},
        "assigned": {
            "start": "in_progress",
            "transfer": "assigned",
            "escalate": "assigned",
            "close": "closed",
        },
        "in_progress": {"close": "closed", "transfer": "assigned", "escalate": "in_progress"},
        "closed": {"answer": "answered"},
        "answered": {"evaluate": "evaluated"},
        # The rework of a demand whose evaluation said 不满意 or 未解决 (weimin.demands.rework).
        "reworking": {
            "assign": "assigned",
            "start": "in_progress",
            "close": "closed",
            "supervise": "supervised",
            "escalate": "reworking",
        },
        "supervised": {
            "assign": "assigned",
            "start": "in_progress",
            "close": "closed",
            "escalate": "supervised",
        },
    },
    "wish": {
        "published": {"claim": "claimed", "reject": "rejected"},
        "claimed": {"fulfil": "fulfilled", "release": "published"},
        "fulfilled": {"evaluate": "evaluated"},
    },
    "project": {
        "applied": {"approve": "approved", "reject": "rejected"},
        "approved": {"implement": "implementing"},
        "implementing": {"inspect": "inspecting"},
        "inspecting": {"pass": "accepted", "fail": "rectifying"},
        "rectifying": {"inspect": "inspecting"},
        "accepted": {"release_subsidy": "subsidised"},
        "subsidised": {"complete": "completed"},
        "completed": {"evaluate": "evaluated"},
    },
}

# Reaching these counts as 办结 (closed) for the monthly clearance.
CLOSING = {"affair": "close", "wish": "fulfil", "project": "complete"}
# Actions that are a first response to the resident.
RESPONDING = {"assign", "reject", "claim", "approve", "start"}

# Open demands of every kind may be voided; a suspected duplicate may be merged or linked.
ANY_OPEN = {"void": "voided"}
DUPLICATE = {"merge": "merged", "link": None}  # None: the status stays
# Actions only the product's own pages take (never a channel integration), and the ones that
# cannot be undone, which need an explicit confirmation.
STAFF_ONLY = ("void", "merge", "link", "supervise", "reopen")
IRREVERSIBLE = ("void", "merge", "reject", "release")

assert set(PATHS) == {code for code, _ in KINDS}


def _extra(demand):
    if not demand.is_open:
        return {}
    extra = dict(ANY_OPEN)
    if demand._data.get("duplicate_of") is not None and demand.duplicate_state is None:
        extra.update(DUPLICATE)
    return extra


def available_actions(demand):
    """Actions allowed from the demand's current status, in path order."""
    return [*PATHS.get(demand.kind, {}).get(demand.status, {}), *_extra(demand)]


def target_status(demand, action):
    path = PATHS.get(demand.kind, {}).get(demand.status, {})
    if action in path:
        return path[action]
    return _extra(demand)[action] or demand.status
