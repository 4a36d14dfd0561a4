"""Large exports in the background: build the file from its description, keep it in GridFS.

The job keeps the description of the export the user asked for (weimin.exports.description):
the list or report, the owner's scope, filters, search, sort, columns and language. The worker
checks that the owner still has the role and area the export was asked with, builds the rows
with the same function as a download made at once (weimin.exports.tables), and writes them one
by one (XLSX in constant memory) to a temporary file that then goes into GridFS under a random
id only the job knows (an ObjectId would tell when it was made, and so be guessable). Running a
job again replaces its file.
"""

import logging
import os
import secrets
import tempfile
from datetime import timedelta

import gridfs
from bson import ObjectId
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from models import ExportJob
from models.base import utcnow
from weimin.core.sheets import CONTENT_TYPES, write_csv, write_xlsx
from weimin.exports.description import Description
from weimin.exports.owner import may_still_export
from weimin.exports.tables import UnknownExport, table
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
        with current_app.app_context(), force_locale(_locale(job)):
            rows = _table(job)
            query.update_one(set__total=rows.count)
            path, count = _write(job, rows, query)
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


def _table(job):
    """The Table of the job's description, for its owner as they are now."""
    owner = job.owner
    if not getattr(owner, "is_active", False):
        raise ExportRefused(_("The account that asked for this export is disabled."))
    try:
        description = Description.from_doc(job.description)
    except TypeError as exc:  # asked for before exports were described
        raise ExportRefused(_("This export address is no longer valid.")) from exc
    if not may_still_export(description, owner):
        raise ExportRefused(_("You may no longer export this list."))
    try:
        return table(description, owner)
    except UnknownExport as exc:
        raise ExportRefused(_("This export address is no longer valid.")) from exc


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
            count = write_xlsx(table.columns, rows, path, table.title, table.note)
        else:
            with os.fdopen(handle, "wb") as out:
                count = write_csv(table.columns, rows, out, table.note)
    except BaseException:
        os.unlink(path)
        raise
    return path, count


def _upload(job, path):
    """Put the file into GridFS under a new random id; returns the id and the size."""
    file_id = secrets.token_urlsafe(32)
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
