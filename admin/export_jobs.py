"""Hand an export over: at once when it is small, through a background job when it is large.

A view describes its export (weimin.exports.description); the rows come from that description
either way. A large export becomes an ExportJob keeping the description; its page shows the
progress and, once the file is in GridFS, a download link that only its owner can use and that
expires after EXPORT_TTL_HOURS.
"""

import logging
import time

import gridfs
from bson import ObjectId
from bson.errors import InvalidId
from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    request,
    stream_with_context,
    url_for,
)
from flask_admin import expose
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from jobs.dispatch import submit_export
from jobs.exporting import bucket, purge_expired
from models import ExportJob
from models.base import utcnow
from models.choices import label
from models.export_job import EXPORT_STATUSES
from weimin.access import area_key, scope_filter_for
from weimin.core.sheets import CONTENT_TYPES, XLSX_MAX_ROWS, content_disposition, send_table
from weimin.exports.description import Description, scope_triples
from weimin.exports.tables import table as export_table
from weimin.store import audit
from weimin.store.db import in_total_order

CHUNK = 256 * 1024
PURGE_EVERY = 60  # seconds between clean-ups started by the "my exports" page
log = logging.getLogger(__name__)
_last_purge = [0.0]


def describe(source, fmt, name, title, **parts):
    """The Description of an export the current user asks for now, in their language."""
    user = current_user._get_current_object()
    return Description(
        source=source,
        owner=user.pk,
        scope=area_key(user),
        fmt=fmt,
        locale=str(get_locale()),
        name=name,
        title=title,
        **parts,
    )


def owner_scope(mapping, district_wide=False):
    """The current user's scope over documents with these scope fields, as triples."""
    return scope_triples(scope_filter_for(current_user, mapping), district_wide)


def purge_now_and_then():
    """Purge expired exports at most once a minute (beat does it hourly; the demo has no beat)."""
    if time.monotonic() - _last_purge[0] >= PURGE_EVERY:
        _last_purge[0] = time.monotonic()
        purge_expired()


def deliver(description, collection, back=None):
    """The response to an export request: the file, or a redirect to its background job."""
    fmt = description.fmt
    table = export_table(description, current_user._get_current_object())
    if fmt == "xlsx" and table.count > XLSX_MAX_ROWS:
        flash(
            _(
                "%(count)s rows do not fit in one XLSX sheet (at most 1,048,575): "
                "choose CSV or narrow the list.",
                count=table.count,
            ),
            "error",
        )
        return redirect(back or url_for("exports.index"))
    large = table.count > current_app.config["EXPORT_SYNC_MAX_ROWS"]
    if not large:
        audit.record("export", collection, count=table.count, changes={"format": fmt})
        return send_table(table, fmt)
    args = [[key, value] for key, value in request.args.items(multi=True)]
    asked = {"owner": current_user.pk, "path": request.path, "args": args, "fmt": fmt}
    job = ExportJob.objects(status__in=("queued", "running"), **asked).first()
    if job is not None:  # the same export is already on its way
        return redirect(url_for("exports.job", job_id=job.pk))
    audit.record(
        "export", collection, count=table.count, changes={"format": fmt, "background": True}
    )
    job = ExportJob(
        **asked,
        source=description.source,
        description=description.to_doc(),
        scope=description.scope,
        locale=description.locale,
        filename=f"{table.name}.{fmt}",
        total=table.count,
    ).save()
    try:
        submit_export(job)
    except Exception:
        log.exception("export %s could not be queued", job.pk)
        message = _("The export could not be started. Try again later, or ask an administrator.")
        job.update(set__status="failed", set__message=message, set__finished_at=utcnow())
        flash(message, "error")
        return redirect(back or url_for("exports.index"))
    hours = current_app.config["EXPORT_TTL_HOURS"]
    message = _(
        "%(count)s rows: the file is being prepared in the background. This page shows its "
        "progress; the download link stays valid for %(hours)s hours.",
        count=table.count,
        hours=hours,
    )
    flash(message, "info")
    return redirect(url_for("exports.job", job_id=job.pk))


class ExportJobPages:
    """The user's own background exports: list, progress, download (mixed into ExportView)."""

    def own_job(self, job_id):
        try:
            oid = ObjectId(job_id)
        except (InvalidId, TypeError):
            abort(404)
        job = ExportJob.objects(pk=oid, owner=current_user.pk).first()
        if job is None:
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
        job = self.own_job(job_id)
        if job.status == "done" and job.expires_at and job.expires_at <= utcnow():
            purge_expired()
            job.reload()
        if job.status == "expired":
            error = _("This download link has expired; export the list again.")
            return self.render_jobs("job.html", job=job, error=error), 410
        if job.status != "done":
            return redirect(url_for(".job", job_id=job.pk))
        if job.scope != area_key(current_user):
            error = _("Your role or area has changed since this export; export the list again.")
            return self.render_jobs("job.html", job=job, error=error), 403
        try:
            stream = bucket().open_download_stream(job.file_id)
        except gridfs.errors.NoFile:
            abort(410)
        audit.record("download", "exports", job.pk, changes={"file": job.filename})

        def chunks():
            with stream:
                while block := stream.read(CHUNK):
                    yield block

        response = Response(stream_with_context(chunks()), content_type=CONTENT_TYPES[job.fmt])
        response.headers["Content-Disposition"] = content_disposition(job.filename)
        response.headers["Content-Length"] = str(stream.length)
        response.headers["Cache-Control"] = "private, no-store"
        return response
