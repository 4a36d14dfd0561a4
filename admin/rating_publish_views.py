"""Publishing each street's star ratings of a period, and where residents raise objections."""

from bson import ObjectId
from flask import flash
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.publish_views import history_list
from admin.rating_views import RATING_LABELS
from jobs.rating_publication import RatingPublicationError, publish_ratings, reopen_ratings
from models.clearance_month import MONTH_STATUSES
from weimin.access import PUBLISH

PUBLICATION_LABELS = {
    **RATING_LABELS,
    "status": _l("Status"),
    "published_at": _l("Published at"),
    "published_by": _l("Published by"),
    "objection_days": _l("Objection period (days)"),
    "objection_until": _l("Objections until"),
    "history": _l("History"),
}


class RatingPeriodView(SecureModelView):
    """Each street's rating periods: draft or published; publish or reopen from here."""

    scope = {"street": "street"}
    can_create = can_edit = can_delete = False
    column_labels = PUBLICATION_LABELS
    column_list = ("period", "street", "status", "computed_at", "published_at", "published_by",
                   "objection_until")  # fmt: skip
    column_choices = {"status": MONTH_STATUSES}
    column_filters = ("period", "status", street_filter())
    column_default_sort = [("period", True)]
    column_details_list = (*column_list, "objection_days", "history")
    column_formatters_detail = {"history": history_list}

    def is_action_allowed(self, name):
        return self.allowed(PUBLISH) if name != "delete" else super().is_action_allowed(name)

    def _each(self, ids, work):
        chosen = self.get_query().filter(pk__in=[ObjectId(i) for i in ids if ObjectId.is_valid(i)])
        done = 0
        for state in chosen:
            try:
                work(state.street, state.period, current_user.username)
                done += 1
            except RatingPublicationError as exc:
                flash(f"{state.street} {state.period}: {exc}", "error")
        return done

    @action(
        "publish",
        _l("Publish"),
        _l("Publish the selected ratings? They appear on the public bulletin for objections."),
    )
    def action_publish(self, ids):
        if self._each(ids, publish_ratings):
            flash(_("Published; the public bulletin shows them."), "success")

    @action("reopen", _l("Reopen"), _l("Reopen the selected ratings? They leave the bulletin."))
    def action_reopen(self, ids):
        if self._each(ids, reopen_ratings):
            flash(_("Reopened; recompute them, then publish again."), "success")


class ObjectionContactView(SecureModelView):
    """The office, phone and address on the bulletin for objections; one per street."""

    scope = {"street": "street"}
    column_labels = {
        **RATING_LABELS,
        "office": _l("Office"),
        "phone": _l("Phone"),
        "address": _l("Address"),
        "hours": _l("Opening hours"),
    }
    column_list = ("street", "office", "phone", "address", "hours")
    form_columns = ("street", "office", "phone", "address", "hours")
