"""Demands: the list workers live in."""

from datetime import timedelta

from flask_login import current_user

from admin.base import ALL, CREATE, EDIT, READ, READ_ONLY, SecureModelView
from admin.filters import category_filter, community_filter, street_filter
from admin.people_views import mask_phone
from models.base import utcnow
from models.choices import CHANNELS, HANDLING_LEVELS, KINDS, STATUSES
from models.demand import Transition
from models.rule_set import RuleSet
from weimin.tickets import next_ticket_no
from weimin.workdays import add_working_days

INITIAL_STATUS = {"wish": "published", "affair": "received", "project": "applied"}


def deadline_days(item, street):
    """The item's own deadline, else the street's (or district's) rule set default."""
    if item.deadline_days:
        return item.deadline_days
    rules = RuleSet.current("deadline", street)
    levels = (rules.params if rules else {}).get("levels", {})
    return levels.get(item.handling_level, {}).get("deadline_days", 15)


class DemandView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": ALL,
        "community_worker": {READ, CREATE, EDIT},
        "supervisor": READ_ONLY,
    }
    column_list = (
        "ticket_no",
        "kind",
        "item",
        "community",
        "resident_name",
        "channel",
        "status",
        "received_at",
        "deadline_at",
        "overdue",
    )
    column_choices = {
        "kind": KINDS,
        "status": STATUSES,
        "channel": CHANNELS,
        "handling_level": HANDLING_LEVELS,
    }
    column_searchable_list = ("ticket_no", "resident_name")
    column_filters = (
        "kind",
        "status",
        "channel",
        "handling_level",
        "overdue",
        "received_at",
        "deadline_at",
        street_filter(),
        community_filter(),
        category_filter(),
    )
    column_default_sort = ("received_at", True)
    column_details_list = (
        "ticket_no",
        "kind",
        "item",
        "category",
        "street",
        "community",
        "resident_name",
        "resident_phone",
        "resident_address",
        "channel",
        "description",
        "status",
        "handling_level",
        "received_at",
        "response_due_at",
        "first_response_at",
        "deadline_at",
        "closed_at",
        "rejected_at",
        "reject_reason",
        "overdue",
        "assigned_org",
        "subsidy_amount",
    )
    column_formatters_detail = {"resident_phone": lambda v, c, m, n: mask_phone(m.resident_phone)}
    form_columns = (
        "item",
        "street",
        "community",
        "resident_name",
        "resident_phone",
        "resident_address",
        "channel",
        "description",
    )

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if model.item is not None:
            model.kind = model.item.kind
        if is_created and model.item is not None and model.street is not None:
            now = utcnow()
            model.ticket_no = next_ticket_no(model.street, now)
            model.received_at = now
            model.status = INITIAL_STATUS[model.kind]
            model.handling_level = model.item.handling_level
            model.item_version = model.item.version
            model.category = model.item.category
            model.response_due_at = now + timedelta(hours=model.item.response_hours or 24)
            model.deadline_at = add_working_days(now, deadline_days(model.item, model.street))
            model.timeline = [
                Transition(
                    at=now,
                    actor=current_user.username,
                    action="intake",
                    to_status=model.status,
                )
            ]
