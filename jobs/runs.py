"""Job runs: the record admins watch while a job is queued, running, done or failed."""

import logging
from contextlib import contextmanager

from bson import ObjectId
from mongoengine import ValidationError

from models import ExportJob, JobRun, Street
from models.base import utcnow
from weimin.core.errors import field_errors
from weimin.store import audit

log = logging.getLogger(__name__)


def new_run(kind, period=None, street=None, requested_by=None, until=None):
    """A queued run; its id travels with the task. ValueError when the period is malformed."""
    run = JobRun(kind=kind, period=period, until=until, street=street, requested_by=requested_by)
    try:
        run.save()
    except ValidationError as exc:
        raise ValueError("; ".join(field_errors(exc).values())) from None
    return run


def street_of(street_id):
    """The street with this id (a string or ObjectId), or None for the whole district."""
    if not street_id:
        return None
    street = Street.objects(pk=ObjectId(str(street_id))).first()
    if street is None:
        raise LookupError(f"no street {street_id}")
    return street


class Progress:
    """Counts and status of one run, written as the work goes."""

    def __init__(self, run):
        self.run = run
        self.query = JobRun.objects(pk=run.pk)

    def begin(self, total):
        self.query.update_one(set__total=total, set__done=0)

    def step(self, count=1):
        if count:
            self.query.update_one(inc__done=count)

    def note(self, message):
        self.query.update_one(set__message=str(message)[:1000])

    def finish(self, summary, message=""):
        self.query.update_one(
            set__status="done",
            set__summary=summary,
            set__message=str(message)[:1000],
            set__finished_at=utcnow(),
        )
        record_run(self.run, "done", summary=summary, message=message)

    def fail(self, exc):
        reason = f"{type(exc).__name__}: {exc}"[:1000]
        self.query.update_one(set__status="failed", set__message=reason, set__finished_at=utcnow())
        record_run(self.run, "failed", message=reason)


def record_run(run, status, summary=None, message=""):
    """A run's start and end in the audit trail, with its parameters and counts."""
    before = {"running": "queued", "done": "running", "failed": "running"}[status]
    changes = {"status": {"before": before, "after": status}}
    if status == "running":
        params = {"kind": run.kind, "period": run.period, "requested_by": run.requested_by}
        changes.update({k: {"before": None, "after": v} for k, v in params.items() if v})
    if summary:
        changes["summary"] = {"before": None, "after": summary}
    with audit.acting_as("job", run.kind):
        audit.record(
            "job",
            "job_runs",
            run.pk,
            changes,
            street=run.to_mongo().get("street"),
            summary=str(message or "")[:500] or None,
            subject=str(run),
        )


@contextmanager
def tracked(kind, period=None, street_id=None, run_id=None, until=None):
    """Mark the run as running (creating it for command-line calls); failed on an exception."""
    run = JobRun.objects(pk=ObjectId(run_id)).first() if run_id else None
    if run is None:
        street = Street.objects(pk=street_id).first() if ObjectId.is_valid(street_id) else None
        run = new_run(kind, period, street, "cli" if not run_id else None, until)
    JobRun.objects(pk=run.pk).update_one(
        set__status="running",
        set__started_at=utcnow(),
        unset__finished_at=True,
        set__message="",
        inc__attempts=1,
    )
    progress = Progress(run)
    try:
        record_run(run, "running")
        with audit.acting_as("job", kind):
            yield progress
    except Exception as exc:
        log.exception("%s %s failed", kind, period or "")
        progress.fail(exc)
        raise


def mark_retrying(run_id, exc, export_id=None):
    """A transient error: the task will run again after a pause."""
    message = f"retrying after {type(exc).__name__}: {exc}"[:1000]
    if run_id:
        JobRun.objects(pk=ObjectId(run_id)).update_one(set__status="queued", set__message=message)
    if export_id:
        ExportJob.objects(pk=ObjectId(export_id)).update_one(
            set__status="queued", set__message=message
        )
