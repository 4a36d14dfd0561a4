"""Spreadsheet exports for supervisors and admins: ratings, clearance reports, volunteer hours,
the audit trail; small ones download at once, large ones become background jobs whose files
only their owner downloads (ExportJobPages)."""

import time

import gridfs
from bson import ObjectId
from bson.errors import InvalidId
from flask import Response, abort, current_app, redirect, request, stream_with_context, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.export_jobs import deliver, describe, owner_scope
from admin.policy import PolicyView
from jobs.exporting import bucket, purge_expired
from models import ClearanceReport, ExportJob, StarRating
from models.base import utcnow
from models.choices import label
from models.export_job import EXPORT_STATUSES
from weimin.access import EXPORT, may, own_street, rating_visibility, ref_id, report_visibility
from weimin.core.sheets import CONTENT_TYPES, content_disposition
from weimin.exports.description import all_of
from weimin.exports.owner import may_still_export
from weimin.store import audit
from weimin.store.db import in_total_order

FORMATS = ("xlsx", "csv")
AREA = {"street": "street", "community": "community"}  # reports carry both
CHUNK = 256 * 1024
PURGE_EVERY = 60  # seconds between clean-ups started by the "my exports" page
_last_purge = [0.0]


def purge_now_and_then():
    """Purge expired exports at most once a minute (beat does it hourly; the demo has no beat)."""
    if time.monotonic() - _last_purge[0] >= PURGE_EVERY:
        _last_purge[0] = time.monotonic()
        purge_expired()


def _export_job(job_id):
    """The ExportJob with this id, whoever owns it; 404 for anything else."""
    try:
        job = ExportJob.objects(pk=ObjectId(job_id)).first()
    except (InvalidId, TypeError):
        job = None
    if job is None:
        abort(404)
    return job


def _audit_download(job, **changes):
    """Every download and every refused attempt goes into the audit trail."""
    street = own_street(current_user)
    changes = {"file": job.filename, **changes}
    audit.record("download", "exports", job.pk, changes=changes, street=street and street.id)


class ExportJobPages:
    """The user's own background exports: list, progress, download (mixed into ExportView).

    The file is served here only: by the job's id, to its owner, while their role and area
    are those the export was asked with. Its GridFS id is a random token the job keeps.
    """

    def own_job(self, job_id):
        job = _export_job(job_id)
        if ref_id(job, "owner") != current_user.pk:
            abort(404)  # someone else's export does not exist for this user
        return job

    def render_jobs(self, template, **context):
        config = current_app.config
        return self.render(
            f"admin/exports/{template}",
            status_label=lambda code: label(EXPORT_STATUSES, code),
            sync_max=config["EXPORT_SYNC_MAX_ROWS"],
            ttl=config["EXPORT_TTL_HOURS"],
            **context,
        )

    @expose("/jobs/")
    def jobs(self):
        purge_now_and_then()
        jobs = in_total_order(ExportJob.objects(owner=current_user.pk).order_by("-created_at"))
        jobs = jobs.limit(50)
        return self.render_jobs("jobs.html", jobs=list(jobs))

    @expose("/jobs/<job_id>")
    def job(self, job_id):
        return self.render_jobs("job.html", job=self.own_job(job_id))

    @expose("/jobs/<job_id>/download")
    def download(self, job_id):
        job = _export_job(job_id)
        if ref_id(job, "owner") != current_user.pk:
            _audit_download(job, refused="not the owner")
            abort(404)  # as for an unknown id: someone else's export does not exist here
        if job.status == "done" and job.expires_at and job.expires_at <= utcnow():
            purge_expired()
            job.reload()
        if job.status == "expired":
            _audit_download(job, refused="expired")
            error = _("This download link has expired; export the list again.")
            return self.render_jobs("job.html", job=job, error=error), 410
        if job.status != "done":
            return redirect(url_for(".job", job_id=job.pk))
        # The job keeps the owner's role and area as asked, as a description does.
        if not may_still_export(job, current_user._get_current_object()):
            _audit_download(job, refused="role or area changed")
            error = _("Your role or area has changed since this export; export the list again.")
            return self.render_jobs("job.html", job=job, error=error), 403
        try:
            stream = bucket().open_download_stream(job.file_id)
        except gridfs.errors.NoFile:
            abort(410)
        _audit_download(job)

        def chunks():
            with stream:
                while block := stream.read(CHUNK):
                    yield block

        response = Response(stream_with_context(chunks()), content_type=CONTENT_TYPES[job.fmt])
        response.headers["Content-Disposition"] = content_disposition(job.filename)
        response.headers["Content-Length"] = str(stream.length)
        response.headers["Cache-Control"] = "private, no-store"
        return response


class ExportView(ExportJobPages, PolicyView):
    action = EXPORT

    def _fmt(self):
        fmt = request.args.get("format", "xlsx")
        if fmt not in FORMATS:
            abort(404)
        return fmt

    def _report(self, source, collection, name, title, scope=AREA, **params):
        description = describe(
            source, self._fmt(), name, title, where=owner_scope(scope), params=params
        )
        return deliver(description, collection)

    @expose("/")
    def index(self):
        scope = all_of(owner_scope(AREA))
        ratings = StarRating.objects(scope).filter(**rating_visibility(current_user))
        periods = sorted(set(ratings.distinct("period")), reverse=True)
        reports = ClearanceReport.objects(scope).filter(**report_visibility(current_user))
        months = sorted(set(reports.distinct("month")), reverse=True)
        may_audit = may(current_user, "audit", EXPORT)
        return self.render(
            "admin/exports/index.html", periods=periods, months=months, may_audit=may_audit
        )

    @expose("/ratings")
    def ratings(self):
        period = request.args.get("period", "")
        name = f"星级评定-{period}"
        return self._report("ratings", "star_ratings", name, _("Star ratings"), period=period)

    @expose("/clearance")
    def clearance(self):
        month = request.args.get("month", "")
        name, title = f"月月清零-{month}", _("Monthly clearance")
        return self._report("clearance", "clearance_reports", name, title, month=month)

    @expose("/audit")
    def audit(self):
        """The audit trail is exported from its list, as filtered there (same arguments)."""
        if not may(current_user, "audit", EXPORT):
            abort(403)
        args = {k: v for k, v in request.args.to_dict(flat=False).items() if k != "format"}
        return redirect(url_for("audit.export", export_type=self._fmt(), **args))

    @expose("/volunteer-hours")
    def volunteer_hours(self):
        title = _("Volunteer hours")
        return self._report("volunteer_hours", "volunteers", "志愿服务时长", title)
