"""Large exports in the background: replay the user's request, stream the file into GridFS.

The job keeps the path and query string of the export the user asked for. The worker opens the
same request as the same user and calls the same view, so scope, filters, search, sort, masking
and language are exactly those of the list the user saw; the view hands back its Table instead
of a download, and the rows are written one by one (XLSX in constant memory) to a temporary file
that then goes into GridFS under the job's own id. Running a job again replaces its file.
"""

import logging
import os
import tempfile
from contextlib import contextmanager
from datetime import timedelta

import gridfs
from bson import ObjectId
from flask import current_app, g, request
from flask_babel import force_locale
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from models import ExportJob, User
from models.base import utcnow
from weimin.core.sheets import CONTENT_TYPES, Table, write_csv, write_xlsx
from weimin.store.db import database

log = logging.getLogger(__name__)
BUCKET = "exports"
CHUNK_ROWS = 500  # progress is written every this many rows
STALE = timedelta(hours=6)  # a queued or running export older than this has been lost
KEEP_RECORDS = timedelta(days=30)  # then an export leaves "my exports"


class ExportRefused(RuntimeError):
    """The owner may no longer export this list (signed out for good, role or scope changed)."""


def bucket():
    """The GridFS bucket that keeps finished export files."""
    return gridfs.GridFSBucket(database(), bucket_name=BUCKET)


def in_background():
    """The job whose file the current request is writing, or None in a normal request."""
    return g.get("export_job")


def run_export(export_id):
    """Build the file of one ExportJob; returns the number of rows written.

    Each attempt uploads under a new file id and publishes it only if no later attempt has
    started meanwhile (a redelivered task), so two runs never mix their files.
    """
    job = ExportJob.objects(pk=ObjectId(export_id)).modify(
        new=True, set__status="running", set__message="", set__done=0, inc__attempts=1
    )
    if job is None:
        raise LookupError(f"no export {export_id}")
    query = ExportJob.objects(pk=job.pk)
    try:
        with as_owner(job):
            table = _table(job)
            query.update_one(set__total=table.count)
            path, count = _write(job, table, query)
        try:
            file_id, size = _upload(job, path)
        finally:
            os.unlink(path)
    except ExportRefused as exc:
        _fail(query, str(exc))
        return 0  # a refusal is an answer, not an error worth retrying
    except Exception:
        log.exception("export %s failed", export_id)
        with current_app.app_context(), force_locale(_locale(job)):
            _fail(query, _("The export failed. Try again later, or ask an administrator."))
        raise
    now = utcnow()
    published = ExportJob.objects(pk=job.pk, attempts=job.attempts).update_one(
        set__status="done",
        set__done=count,
        set__total=count,
        set__size=size,
        set__file_id=file_id,
        set__finished_at=now,
        set__expires_at=now + timedelta(hours=current_app.config["EXPORT_TTL_HOURS"]),
    )
    if not published:
        _delete(bucket(), file_id)  # a later attempt has taken over
    elif job.file_id and job.file_id != file_id:
        _delete(bucket(), job.file_id)  # an earlier attempt's file
    return count


def _locale(job):
    """The language the owner asked in (records made before it was kept: the default)."""
    return job.locale or current_app.config["DEFAULT_LOCALE"]


def _fail(query, message):
    query.update_one(
        set__status="failed", set__message=str(message)[:1000], set__finished_at=utcnow()
    )


@contextmanager
def as_owner(job):
    """The request the owner made, made again now: same path, arguments, user and language.

    It runs in an app context of its own, so nothing of the owner stays behind in `g`.
    """
    app = current_app._get_current_object()
    args = MultiDict([tuple(pair) for pair in job.args])
    with app.app_context(), app.test_request_context(job.path, query_string=args):
        with force_locale(_locale(job)):
            owner = job.owner
            if not isinstance(owner, User) or not owner.is_active:
                raise ExportRefused(_("The account that asked for this export is disabled."))
            g._login_user = owner
            g.export_job = job
            yield


def _table(job):
    """The Table the export view gives for the replayed request (checked again for access)."""
    if request.routing_exception is not None or request.endpoint != job.source:
        raise ExportRefused(_("This export address is no longer valid."))
    try:
        result = current_app.view_functions[request.endpoint](**request.view_args)
    except HTTPException as exc:
        raise ExportRefused(_("You may no longer export this list.")) from exc
    if not isinstance(result, Table):
        raise ExportRefused(_("You may no longer export this list."))
    return result


def _counted(rows, query):
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % CHUNK_ROWS == 0:
            query.update_one(set__done=done)


def _write(job, table, query):
    """Write the rows to a temporary file; returns its path and the number of rows."""
    handle, path = tempfile.mkstemp(suffix=f".{job.fmt}", prefix="weimin-export-")
    try:
        rows = _counted(table.rows, query)
        if job.fmt == "xlsx":
            os.close(handle)
            count = write_xlsx(table.columns, rows, path, table.title)
        else:
            with os.fdopen(handle, "wb") as out:
                count = write_csv(table.columns, rows, out)
    except BaseException:
        os.unlink(path)
        raise
    return path, count


def _upload(job, path):
    """Put the file into GridFS under a new id; returns the id and the size."""
    file_id = ObjectId()
    metadata = {"export": job.pk, "owner": job.owner.pk, "contentType": CONTENT_TYPES[job.fmt]}
    with open(path, "rb") as source:
        bucket().upload_from_stream_with_id(file_id, job.filename, source, metadata=metadata)
    return file_id, os.path.getsize(path)


def _delete(store, file_id):
    if file_id is None:
        return
    try:
        store.delete(file_id)
    except gridfs.errors.NoFile:
        pass


def purge_expired(now=None):
    """Delete the files of exports whose link has expired; fail exports that never finished;
    forget exports after KEEP_RECORDS; delete files no finished export stands behind (an
    attempt cut off between its upload and its record). Returns how many files went."""
    now = now or utcnow()
    store = bucket()
    purged = 0
    for job in ExportJob.objects(status="done", expires_at__lte=now).only("id", "file_id"):
        _delete(store, job.file_id)
        ExportJob.objects(pk=job.pk, status="done").update_one(
            set__status="expired", unset__file_id=True, set__args=[]
        )
        purged += 1
    stale = ExportJob.objects(status__in=("queued", "running"), created_at__lt=now - STALE)
    for job in stale.only("id", "locale"):
        with force_locale(_locale(job)):
            message = _("The export did not finish; export the list again.")
        _fail(ExportJob.objects(pk=job.pk, status__in=("queued", "running")), message)
    ExportJob.objects(created_at__lt=now - KEEP_RECORDS, status__ne="done").delete()
    ttl = timedelta(hours=current_app.config["EXPORT_TTL_HOURS"])
    for stored in store.find({"uploadDate": {"$lt": now - ttl}}):
        if not ExportJob.objects(file_id=stored._id, status="done").count():
            _delete(store, stored._id)
            purged += 1
    return purged
