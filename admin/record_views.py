"""Service records: staff enter, approve or reject (with a reason) and correct them."""

from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup
from mongoengine import ValidationError
from wtforms import SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from admin.base import SecureModelView
from admin.filters import (
    ReferenceEqualFilter,
    community_filter,
    organisations_in_scope,
    street_filter,
)
from admin.labels import LABELS
from admin.model_forms import attach_errors
from admin.retire import ActiveChoicesMixin
from models.choices import RECORD_STATUSES
from models.service_record import CORRECTABLE
from weimin.access import DECIDE, can_decide, ref_id
from weimin.core.errors import put_on_form
from weimin.volunteers.hours import approve, correct, reject
from weimin.volunteers.records import check

RECORD_LABELS = {
    **LABELS,
    "credited_hours": _l("Credited hours"),
    "decided_by": _l("Decided by"),
    "entered_by": _l("Entered by"),
    "correction_request": _l("Correction requested"),
    "history": _l("History"),
    "reason": _l("Reason for the correction"),
}
FORM_FIELDS = ("volunteer", *CORRECTABLE, "demand")


class DecisionForm(FlaskForm):
    reject_reason = TextAreaField(RECORD_LABELS["reject_reason"], validators=[Length(max=500)])
    approve = SubmitField(_l("Approve"))
    reject = SubmitField(_l("Reject"))

    def decide(self, record):
        """Approve or reject as posted; True once the decision is made (and said)."""
        if not self.validate_on_submit():
            return False
        try:
            if self.approve.data:
                done = approve(record.pk, current_user.username)
            else:
                done = reject(record.pk, current_user.username, self.reject_reason.data)
        except ValidationError as exc:
            put_on_form(self, exc)
            return False
        flash(
            _("Decision saved.")
            if done
            else _("This record was already decided; nothing changed."),
            "success" if done else "warning",
        )
        return True


def _status(view, context, model, name):
    text = dict(RECORD_STATUSES).get(model.status, model.status)
    if model.status != "submitted" or not view.allowed(DECIDE):
        return text
    url = view.get_url(".decide_view", id=str(model.pk))
    return Markup('<a class="btn btn-sm btn-outline-primary" href="{}">{} · {}</a>').format(
        url, text, _("Decide")
    )


class ServiceRecordView(ActiveChoicesMixin, SecureModelView):
    column_labels = RECORD_LABELS
    column_list = (
        "activity_date",
        "volunteer",
        "activity_name",
        "hours",
        "credited_hours",
        "organisation",
        "status",
        "late",
    )
    column_choices = {"status": RECORD_STATUSES}
    column_formatters = {"status": _status}
    column_searchable_list = ("activity_name", "leader")
    column_filters = (
        "status",
        "late",
        "correction_request",
        ReferenceEqualFilter("organisation", LABELS["organisation"], organisations_in_scope),
        street_filter(),
        community_filter(),
    )
    column_default_sort = ("activity_date", True)
    column_details_exclude_list = ("history",)
    form_columns = (*FORM_FIELDS, "reason")
    form_args = {name: {"label": RECORD_LABELS[name]} for name in FORM_FIELDS}
    form_extra_fields = {
        "reason": TextAreaField(
            RECORD_LABELS["reason"],
            validators=[Optional(), Length(max=500)],
            description=_l("Required when an approved record changes (Art. 13)."),
        )
    }
    form_ajax_refs = {
        "volunteer": {"fields": ("name", "name_pinyin", "name_initials"), "page_size": 10},
        "demand": {"fields": ("ticket_no",), "page_size": 10},
    }
    details_template = "admin/service_record_details.html"

    def create_form(self, obj=None):
        form = super().create_form(obj)
        del form.reason  # a new record has nothing to correct
        return form

    def is_action_allowed(self, name):
        if name == "approve":
            return self.allowed(DECIDE)
        return super().is_action_allowed(name)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        model.entered_by = current_user.username
        check(model)

    def update_model(self, form, model):
        """An edit is a correction (Art. 13): weimin.volunteers.hours.correct saves it once."""
        volunteer = ref_id(model, "volunteer")  # as stored: get_one loaded it
        form.populate_obj(model)
        try:
            if ref_id(model, "volunteer") != volunteer:
                message = _l("The volunteer of a record cannot change")
                raise ValidationError(errors={"volunteer": ValidationError(message)})
            changes = {name: getattr(model, name) for name in CORRECTABLE}
            correct(model.pk, changes, current_user.username, reason=form.reason.data)
        except ValidationError as exc:
            attach_errors(form, exc)
            flash(_("Please correct the errors below."), "error")
            return False
        model.reload()
        self.after_model_change(form, model, False)
        return True

    def on_model_delete(self, model):
        if model.status == "approved":
            raise ValidationError(_l("Approved records are corrected, not deleted"))

    @action("approve", _l("Approve"), _l("Approve the selected records?"))
    def action_approve(self, ids):
        done = 0
        for record in self.get_query().filter(pk__in=ids, status="submitted"):
            if can_decide(current_user, record):
                done += approve(record.pk, current_user.username)
        flash(_("%(n)d records approved.", n=done), "success")

    @expose("/decide/", methods=("GET", "POST"))
    def decide_view(self):
        if not self.allowed(DECIDE):
            abort(403)
        record = self.get_one(request.args.get("id"))
        if not can_decide(current_user, record):
            abort(403)
        form = DecisionForm()
        back = self.get_url(".details_view", id=str(record.pk))
        if form.decide(record):
            return redirect(back)
        return self.render(
            "admin/service_record_decide.html", record=record, form=form, return_url=back
        )
