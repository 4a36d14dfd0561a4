"""Raising a topic (说): by the community, for a resident, from a demand, or on the public board."""

from flask_babel import gettext as _
from mongoengine import ValidationError

from models import Topic
from models.base import utcnow
from models.references import ref_id
from weimin.core.errors import field_errors
from weimin.topics.errors import TopicError
from weimin.topics.inputs import text
from weimin.topics.steps import step

CLOSED = ("evaluated", "not_adopted")


def prepare(topic, actor, is_created):
    """Place a new or edited topic (admin form) with its community; field-level errors."""
    if not is_created and topic.status in CLOSED:
        message = _("A finished topic is kept as it was decided.")
        raise ValidationError(message, errors={"title": ValidationError(message)})
    if topic.community is not None:
        topic.street = topic.community.street
    demand = topic.demand
    if demand is not None and ref_id(demand, "community") != ref_id(topic, "community"):
        message = _("The demand is in another community.")
        raise ValidationError(message, errors={"demand": ValidationError(message)})
    if is_created and topic.source == "demand" and demand is None:
        message = _("Choose the demand the topic is raised from.")
        raise ValidationError(message, errors={"demand": ValidationError(message)})
    if is_created and topic.source == "visit" and topic.visit is None:
        message = _("Raise a topic from a visit on that visit's page.")
        raise ValidationError(message, errors={"source": ValidationError(message)})
    if is_created:
        topic.source = "demand" if demand is not None else topic.source or "community"
        topic.created_by = str(actor or "")[:80] or None
        topic.status, topic.timeline = "raised", []
        step(topic, "raise", actor, "raised")
        topic.timeline[0].from_status = None


def from_demand(demand):
    """What a topic raised from a demand starts with (the demand page's button)."""
    return {
        "community": demand.community,
        "demand": demand,
        "source": "demand",
        "description": demand.description,
        "raiser_name": demand.resident_name,
        "raiser_phone": demand.resident_phone,
    }


def from_visit(visit):
    """What a topic raised from a visit log (民情日志) starts with: no personal data copied."""
    return {
        "community": visit.community,
        "source": "visit",
        "description": visit.findings,
    }


def place_visit(topic, visit):
    """Link a new topic to the visit it was raised from, in the visit's community and grid."""
    if ref_id(visit, "community") != ref_id(topic, "community"):
        message = _("The visit is in another community.")
        raise ValidationError(message, errors={"community": ValidationError(message)})
    topic.visit, topic.grid, topic.source = visit, visit.grid, "visit"


def from_board(community, data):
    """A resident's topic from the public board: waits for the community to take it up."""
    errors = {}
    fields = {k: text(data.get(k)) for k in ("title", "description", "name", "phone")}
    if not fields["title"]:
        errors["title"] = [_("Give the topic a short title.")]
    if not fields["description"]:
        errors["description"] = [_("Describe the matter to deliberate.")]
    if not fields["name"]:
        errors["name"] = [_("Leave your name so the community can reach you.")]
    topic = Topic(
        street=community.street, community=community, source="board", status="proposed",
        title=fields["title"][:100], description=fields["description"][:2000],
        raiser_name=fields["name"][:30], raiser_phone=fields["phone"], created_at=utcnow(),
    )  # fmt: skip
    try:
        topic.validate()
    except ValidationError as exc:
        for name, message in field_errors(exc).items():
            key = {"raiser_phone": "phone", "raiser_name": "name"}.get(name, name)
            errors.setdefault(key, [message])
    if not fields["phone"]:
        errors["phone"] = [_("Leave a phone number so the community can reach you.")]
    if errors:
        raise TopicError(_("Check the fields marked below."), errors)
    step(topic, "raise", "resident", "proposed")
    topic.timeline[0].from_status = None
    topic.save()
    return topic
