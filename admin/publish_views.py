"""Publishing each street's months: publish, reopen, recompute — from the list or the board."""

from bson import ObjectId
from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.people_names import person
from admin.report_views import REPORT_LABELS
from jobs.dispatch import submit
from jobs.publication import PublicationError, publish_month, reopen_month
from jobs.runs import new_run
from models.choices import label
from models.clearance_month import MONTH_ACTIONS, MONTH_STATUSES
from weimin.access import PUBLISH
from weimin.core.timefmt import local_time

DECISIONS = {"publish": publish_month, "reopen": reopen_month}
DONE = {
    "publish": _l("Publishing done."),
    "reopen": _l("Reopened; recompute them to replace the figures."),
}


def history_list(view, context, model, name):
    items = Markup("").join(
        Markup("<li>{} · {} · {} · v{} {}</li>").format(
            local_time(e.at), label(MONTH_ACTIONS, e.action), person(e.by),
            e.revision or "", e.note or "",
        )
        for e in model.history
    )  # fmt: skip
    return Markup('<ul class="mb-0">{}</ul>').format(items)


def board_link(view, context, model, name):
    url = url_for("clearance_report.board", street=model.street.pk, month=model.month)
    return Markup('<a href="{}">{}</a>').format(url, model.month)


class ClearanceMonthView(SecureModelView):
    """Each street's months: status and revision; publish, reopen or recompute from here."""

    scope = {"street": "street"}
    can_create = can_edit = can_delete = False
    column_labels = REPORT_LABELS
    column_list = ("month", "street", "status", "revision", "computed_at", "published_at",
                   "published_by")  # fmt: skip
    column_choices = {"status": MONTH_STATUSES}
    column_filters = ("month", "status", street_filter())
    column_default_sort = [("month", True)]
    column_formatters = {"month": board_link}
    column_details_list = (*column_list, "history")
    column_formatters_detail = {"history": history_list}

    def is_action_allowed(self, name):
        return self.allowed(PUBLISH) if name != "delete" else super().is_action_allowed(name)

    def _each(self, ids, work):
        chosen = self.get_query().filter(pk__in=[ObjectId(i) for i in ids if ObjectId.is_valid(i)])
        for state in chosen:
            try:
                work(state)
            except PublicationError as exc:
                flash(f"{state.street} {state.month}: {exc}", "error")

    @action("publish", _l("Publish"))
    def action_publish(self, ids):
        return redirect(url_for(".confirm", do="publish", ids=",".join(ids)))

    @action("reopen", _l("Reopen"))
    def action_reopen(self, ids):
        return redirect(url_for(".confirm", do="reopen", ids=",".join(ids)))

    @expose("/confirm/", methods=("GET", "POST"))
    def confirm(self):
        """The months chosen for publishing or reopening, and an explicit confirmation."""
        do = request.values.get("do")
        if do not in DECISIONS or not self.allowed(PUBLISH):
            abort(404)
        ids = [i for i in request.values.get("ids", "").split(",") if ObjectId.is_valid(i)]
        if request.method == "POST" and request.form.get("confirm") == "yes":
            work = DECISIONS[do]
            self._each(ids, lambda s: work(s.street, s.month, current_user.username))
            flash(DONE[do], "success")
            return redirect(url_for(".index_view"))
        if request.method == "POST":
            flash(_("Tick the box to confirm."), "error")
        months = self.get_query().filter(pk__in=[ObjectId(i) for i in ids])
        return self.render(
            "admin/reports/confirm_months.html", do=do, ids=",".join(ids), months=months
        )

    @action("recompute", _l("Recompute"))
    def action_recompute(self, ids):
        def queue(state):
            if state.status == "published":
                raise PublicationError(_("Published months must be reopened first."))
            submit(new_run("clearance", state.month, state.street, current_user.username))

        self._each(ids, queue)
        return redirect(url_for("job_run.index_view"))

    @expose("/decide/", methods=("POST",))
    def decide(self):
        """Publish or reopen one street's month from its board."""
        if not self.allowed(PUBLISH):
            abort(403)
        state = self.get_one(request.form.get("id"))
        work = DECISIONS.get(request.form.get("do"))
        if work is None:
            abort(400)
        if request.form.get("confirm") != "yes":
            flash(_("Tick the box to confirm."), "error")
            return redirect(
                url_for("clearance_report.board", street=state.street.pk, month=state.month)
            )
        try:
            work(state.street, state.month, current_user.username)
            flash(_("Done."), "success")
        except PublicationError as exc:
            flash(str(exc), "error")
        return redirect(
            url_for("clearance_report.board", street=state.street.pk, month=state.month)
        )
