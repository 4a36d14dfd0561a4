"""The one owner of a topic's moves: which step may follow which, and its timeline.

raised ─议→ deliberated ─筹→ resourced ─办→ in_action ─评→ evaluated
A topic raised on the public board starts as proposed until the community takes it up; any
topic not yet carried out may be closed without action (not_adopted) with a reason, and a
meeting that does not adopt it closes it too.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine.errors import SaveConditionError

from models.base import utcnow
from models.choices import label
from models.topic_choices import TOPIC_ACTIONS, TOPIC_STATUSES
from models.topic_parts import TopicStep
from weimin.topics import moves
from weimin.topics.errors import Conflict, TopicError

__all__ = ["Conflict", "TopicError", "apply", "available"]

# action -> (statuses it may start from, status it leads to)
STEPS = {
    "accept": (("proposed",), "raised"),
    "deliberate": (("raised",), "deliberated"),
    "pledge": (("deliberated", "resourced"), "resourced"),
    "carry_out": (("resourced", "in_action"), "in_action"),
    "evaluate": (("in_action",), "evaluated"),
    "close": (("proposed", "raised", "deliberated", "resourced"), "not_adopted"),
}
WHY_NOT = {
    "accept": _l("Only a topic awaiting the community can be taken up."),
    "deliberate": _l("Only a raised topic goes to a deliberation meeting."),
    "pledge": _l("Resources are pledged after the meeting has adopted the topic."),
    "carry_out": _l("A topic is carried out once resources have been pledged for it."),
    "evaluate": _l("Residents evaluate a topic once it has been carried out."),
    "close": _l("A topic that has been carried out or closed cannot be closed."),
}


def available(topic):
    """The actions the topic's status allows now, in step order."""
    return [action for action, (froms, _to) in STEPS.items() if topic.status in froms]


def check(topic, action):
    """Raise TopicError unless `action` may follow the topic's status."""
    if action not in STEPS:
        raise TopicError(_("Unknown step: %(action)s", action=action))
    if topic.status not in STEPS[action][0]:
        raise TopicError(
            _(
                "The topic is %(status)s: %(why)s",
                status=label(TOPIC_STATUSES, topic.status),
                why=WHY_NOT[action],
            )
        )


def step(topic, action, actor, to_status, note=None, now=None):
    """Append the step to the timeline and move the topic (not saved)."""
    now = now or utcnow()
    topic.timeline.append(
        TopicStep(
            at=now,
            actor=str(actor or "")[:80] or None,
            action=action,
            from_status=topic.status,
            to_status=to_status,
            note=(note or "")[:1000] or None,
        )
    )
    topic.status = to_status


def apply(topic, action, actor, data=None):
    """Take the step `action` with its form `data`; returns the topic, saved.

    The step's own rule (weimin.topics.moves) checks the data and fills the topic in; a step
    taken by someone else in the meantime raises Conflict and nothing is saved.
    """
    check(topic, action)
    rev = topic.rev or 0
    to_status, note = getattr(moves, action)(topic, actor, data or {})
    step(topic, action, actor, to_status or STEPS[action][1], note)
    topic.rev = rev + 1
    try:
        topic.save(save_condition={"rev": rev})
    except SaveConditionError as exc:
        raise Conflict(_("Someone else updated this topic a moment ago; reload it.")) from exc
    return topic


def action_label(action):
    return label(TOPIC_ACTIONS, action)
