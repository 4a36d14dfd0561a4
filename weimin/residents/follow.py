"""What a resident following a demand sees: status, the steps meant for them, the due date.

Only steps residents should hear about, each with a label written for them; never the actor,
the note (internal remarks, organisation and volunteer names) or any personal data.
"""

from flask_babel import lazy_gettext as _l

from models.choices import STATUSES, label
from weimin.core.timefmt import deadline_text
from weimin.demands.lifecycle import ACTIONS, available_actions

STEPS = {
    "intake": _l("Request received"),
    "assign": _l("Handed to the people who will handle it"),
    "start": _l("Being handled"),
    "close": _l("Handling finished"),
    "answer": _l("We told you the result"),
    "evaluate": _l("Evaluation received"),
    "reject": _l("Not admissible here"),
    "claim": _l("Someone took up your wish"),
    "release": _l("Back on the wish wall"),
    "fulfil": _l("Wish fulfilled"),
    "reopen": _l("Being handled again"),
    "void": _l("Cancelled"),
    "merge": _l("Handled together with an earlier request"),
}
# Micro-project milestones are public facts; their admin labels read well to residents too.
STEPS.update({name: ACTIONS[name] for name in ("approve", "implement", "inspect", "pass")})
STEPS.update({name: ACTIONS[name] for name in ("fail", "complete")})


def resident_steps(demand):
    """The timeline as residents see it: when and what, oldest first."""
    return [
        {"at": step.at, "label": STEPS[step.action]}
        for step in demand.timeline
        if step.action in STEPS
    ]


def status_view(demand):
    """Everything the follow and look-up pages show about a demand."""
    return {
        "ticket_no": demand.ticket_no,
        "item": str(demand.item),
        "kind": demand.kind,
        "status": label(STATUSES, demand.status),
        "received_at": demand.received_at,
        "deadline": deadline_text(demand.deadline_at) if demand.is_open else None,
        "closed_at": demand.closed_at,
        "steps": resident_steps(demand),
        "evaluation": demand.evaluation,
        "follow_up": demand.follow_up.ticket_no if demand.follow_up else None,
    }


def can_evaluate(demand):
    """The resident may evaluate now: the demand's path offers the evaluate action."""
    return demand.evaluation is None and "evaluate" in available_actions(demand)
