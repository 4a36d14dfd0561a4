"""Objections to announced awards (异议), read-only: taken in on a call's page or /org/ and
answered on the call's page."""

from flask_login import current_user

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.purchase_labels import PURCHASE_LABELS
from models.purchase_objection import OBJECTION_CHANNELS, OBJECTION_STATES
from weimin.access.masking import shown


def _objector(view, context, model, name):
    return getattr(model.organisation, "name", None) or model.objector_name or ""


def _phone(view, context, model, name):
    return shown(current_user, model, "objector_phone") or ""


class PurchaseObjectionView(SecureModelView):
    """Every objection of the user's scope, with its answer; each links to its call's page."""

    can_create = can_edit = can_delete = False

    column_labels = PURCHASE_LABELS
    scope = {"street": "street"}
    column_list = ("call", "objector_name", "channel", "submitted_at", "status", "answered_at")
    column_details_list = (
        "call",
        "street",
        "awarded_at",
        "channel",
        "organisation",
        "objector_name",
        "objector_phone",
        "grounds",
        "entered_by",
        "submitted_at",
        "status",
        "answer",
        "answered_by",
        "answered_at",
    )
    column_export_list = column_details_list
    column_choices = {"status": OBJECTION_STATES, "channel": OBJECTION_CHANNELS}
    column_formatters = {"objector_name": _objector, "objector_phone": _phone}
    column_formatters_detail = column_formatters
    column_formatters_export = column_formatters
    column_filters = ("status", street_filter())
    column_default_sort = ("id", True)
