"""Carrying a topic out (办): a 微项目 or 微事务 taken in through the normal intake."""

from flask_babel import gettext as _
from mongoengine import ValidationError

from models import Demand
from weimin.core.errors import field_errors
from weimin.demands.intake import prepare_new
from weimin.store.audit import insert_new
from weimin.topics.inputs import text

KINDS = ("project", "affair")  # a topic becomes a 微项目 or a 微事务


def new_demand(topic, actor, data, errors):
    """The saved demand, or None with `errors` filled in (nothing is saved then)."""
    item = data.get("item")
    if item is None:
        errors["item"] = [_("Choose the micro-project or micro-affair item.")]
        return None
    if item.kind not in KINDS:
        errors["item"] = [_("A topic becomes a micro-project or a micro-affair.")]
        return None
    demand = Demand(
        street=topic.street,
        community=topic.community,
        item=item,
        resident_name=text(data.get("resident_name")) or None,
        resident_phone=text(data.get("resident_phone")) or None,
        resident_address=None,
        channel="meeting",
        description=text(data.get("description")) or None,
    )
    try:
        prepare_new(demand, actor)  # validates before it takes a ticket number
    except ValidationError as exc:
        errors.update({name: [message] for name, message in field_errors(exc).items()})
        return None
    insert_new(demand)
    return demand
