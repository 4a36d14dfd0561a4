"""Job runs: start a recomputation (重新计算) and watch it go from queued to done or failed."""

from flask import flash, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from mongoengine import ValidationError

from admin.base import SecureModelView
from admin.job_summary import summary_list
from admin.labels import LABELS
from jobs.clearance_range import RangeError, check_range
from jobs.dispatch import submit
from models import ClearanceMonth
from models.choices import label
from models.job_run import JOB_KINDS, RUN_STATUSES
from weimin.core.errors import validate_flat

STATUS_COLOURS = {"queued": "secondary", "running": "info", "done": "success", "failed": "danger"}
JOB_LABELS = {
    **LABELS,
    "period": _l("Month or period"),
    "progress": _l("Progress"),
    "message": _l("Message"),
    "summary": _l("Summary"),
    "requested_by": _l("Requested by"),
    "started_at": _l("Started at"),
    "finished_at": _l("Finished at"),
    "attempts": _l("Attempts"),
    "until": _l("To month"),
    "task_id": _l("Task ID"),
}


def status_badge(view, context, model, name):
    return Markup('<span class="badge badge-{}" data-status="{}">{}</span>').format(
        STATUS_COLOURS.get(model.status, "light"), model.status, label(RUN_STATUSES, model.status)
    )


def progress_bar(view, context, model, name):
    if not model.total:
        return f"{model.done or 0}"
    share = min(100, int(100 * (model.done or 0) / model.total))
    return Markup(
        '<div class="progress" style="min-width:8em" title="{done}/{total}">'
        '<div class="progress-bar" role="progressbar" style="width:{share}%" '
        'aria-valuenow="{share}" aria-valuemin="0" aria-valuemax="100">{done}/{total}</div></div>'
    ).format(done=model.done or 0, total=model.total, share=share)


class JobRunView(SecureModelView):
    scope = {"street": "street"}
    can_edit = can_delete = False
    list_template = "admin/reports/job_run_list.html"
    column_labels = JOB_LABELS
    column_list = ("created_at", "kind", "period", "until", "street", "status", "progress",
                   "message", "requested_by", "finished_at")  # fmt: skip
    column_details_list = (*column_list, "summary", "attempts", "started_at", "task_id")
    column_choices = {"kind": JOB_KINDS}
    column_filters = ("kind", "status")
    column_default_sort = [("created_at", True)]
    column_formatters = {"status": status_badge, "progress": progress_bar}
    column_formatters_detail = {
        "status": status_badge,
        "progress": progress_bar,
        "summary": summary_list,
    }
    form_columns = ("kind", "period", "until", "street")
    form_args = {
        "period": {
            "description": _l(
                "YYYY-MM for the monthly clearance; YYYY or YYYY-Qn for star ratings; "
                "empty for the deadline watch and the purchased services calendar."
            )
        },
        "until": {
            "description": _l(
                "Monthly clearance only: the last month of a range (YYYY-MM), computed in "
                "one run from the month above. Leave empty for one month."
            )
        },
    }

    def create_form(self, obj=None):
        form = super().create_form(obj)
        if request.method == "GET":
            for name in ("kind", "period", "until"):
                if request.args.get(name):
                    getattr(form, name).data = request.args[name]
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        model.requested_by = current_user.username
        model.status = "queued"
        validate_flat(model)
        if model.kind == "clearance" and model.until:
            try:
                check_range(model.period, model.until, model.street)
            except RangeError as exc:
                raise ValidationError(
                    errors={k: ValidationError(v) for k, v in exc.errors.items()}
                ) from None
        elif model.kind == "clearance" and model.street is not None:
            state = ClearanceMonth.objects(street=model.street, month=model.period).first()
            if state is not None and state.status == "published":
                raise ValidationError(
                    errors={
                        "period": ValidationError(
                            _l("This month is published; reopen it before recomputing.")
                        )
                    }  # fmt: skip
                )

    def after_model_change(self, form, model, is_created):
        if is_created:
            # The run's own save is in the trail (kind, period, until, who asked).
            submit(model)
            flash(_("Queued. This page shows its progress."), "success")
