"""Motions before crowdfunded funds' decision boards: the list, new motions and their pages."""

from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import ReferenceEqualFilter, community_filter, street_filter
from admin.fund_motion_pages import MotionPagesMixin
from admin.labels import LABELS
from admin.scope import scoped_objects
from models import Fund
from models.fund_choices import MOTION_KINDS, MOTION_STATUSES
from weimin.core.money import yuan
from weimin.funds.motions import prepare

MOTION_LABELS = {
    **LABELS,
    "fund": _l("Fund"),
    "title": _l("Motion"),
    "text": _l("Rule or reasons"),
    "amount": _l("Amount (yuan)"),
    "demand": _l("Micro-project or micro-wish"),
    "meeting_date": _l("Meeting date"),
    "minutes": _l("Minutes"),
    "votes": _l("Votes"),
    "allocation": _l("Ledger entry"),
    "created_by": _l("Proposed by"),
    "decided_at": _l("Decided by the board at"),
}
FORM_FIELDS = ("fund", "kind", "title", "text", "amount", "demand")


def crowd_funds():
    """Crowdfunded funds in the user's scope: the only funds with a board."""
    return scoped_objects(Fund).filter(kind="crowd").only("name")


def _title(view, context, model, name):
    url = view.get_url(".meeting_view", id=str(model.pk))
    return Markup('<a href="{}" class="motion-link">{}</a>').format(url, model.title)


def _amount(view, context, model, name):
    return yuan(model.amount) if model.amount is not None else ""


class FundMotionView(MotionPagesMixin, SecureModelView):
    """Each motion links to its page, where the meeting is recorded and the board decides."""

    column_labels = MOTION_LABELS
    column_list = ("title", "fund", "kind", "amount", "demand", "status", "meeting_date",
                   "created_at")  # fmt: skip
    column_choices = {"kind": MOTION_KINDS, "status": MOTION_STATUSES}
    column_formatters = {"title": _title, "amount": _amount}
    column_formatters_detail = {"amount": _amount}
    column_details_exclude_list = ("votes",)
    column_searchable_list = ("title",)
    column_filters = (
        ReferenceEqualFilter("fund", MOTION_LABELS["fund"], crowd_funds),
        "status",
        "kind",
        street_filter(),
        community_filter(),
    )
    column_default_sort = ("created_at", True)
    form_columns = FORM_FIELDS
    form_args = {name: {"label": MOTION_LABELS[name]} for name in FORM_FIELDS}
    form_ajax_refs = {"demand": {"fields": ("ticket_no",), "page_size": 10}}
    details_template = "admin/fund_motion/details.html"

    def create_form(self, obj=None):
        form = super().create_form(obj)
        # A board exists only for crowdfunded funds that still take decisions.
        form.fund.queryset = form.fund.queryset.filter(kind="crowd", status__ne="closed")
        if request.method == "POST" and "fund" in request.form:
            form.fund.process_formdata(request.form.getlist("fund"))
        return form

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        del form.fund, form.kind  # a motion stays with its fund and kind
        return form

    def on_model_change(self, form, model, is_created):
        prepare(model, current_user.username, is_created)
