"""Thin Celery tasks: ids and ISO strings in, the plain functions beside them do the work."""

from datetime import datetime

from bson import ObjectId
from celery import shared_task
from celery.signals import task_retry
from pymongo.errors import ConnectionFailure, ExecutionTimeout, WTimeoutError

from jobs.clearance import recompute_drafts, run_clearance
from jobs.clearance_range import run_clearance_range
from jobs.exporting import purge_expired, run_export
from jobs.funds_check import check_funds
from jobs.purchase_calendar import run_purchase_calendar
from jobs.ratings import run_ratings, run_volunteer_stars
from jobs.runs import mark_retrying
from jobs.sla import run_sla
from models import Street
from weimin.core.periods import periods_ended
from weimin.notify.sending import deliver, due

# Store errors worth another try: lost connections, elections, timeouts.
TRANSIENT = (ConnectionFailure, ExecutionTimeout, WTimeoutError)
OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": TRANSIENT,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="jobs.clearance", **OPTIONS)
def clearance(month: str, street_id: str | None = None, run_id: str | None = None):
    """Compute one month's clearance reports."""
    return run_clearance(month, street_id=street_id, run_id=run_id)


@shared_task(name="jobs.clearance_range", **OPTIONS)
def clearance_range(first: str, last: str, street_id: str | None = None, run_id: str | None = None):
    """Compute every month from `first` to `last` (YYYY-MM) in one run."""
    return run_clearance_range(first, last, street_id=street_id, run_id=run_id)


@shared_task(name="jobs.clearance_drafts", **OPTIONS)
def clearance_drafts(today: str | None = None):
    """Recompute the month just ended and every draft month (beat, 02:00 nightly); never publish."""
    return recompute_drafts(today)


@shared_task(name="jobs.clearance_previous_month", **OPTIONS)
def clearance_previous_month():
    """Recompute the draft months; kept for messages queued before the nightly run replaced it."""
    return recompute_drafts()


@shared_task(name="jobs.ratings", **OPTIONS)
def ratings(period: str, street_id: str | None = None, run_id: str | None = None):
    """Rate organisations and communities for one period."""
    return run_ratings(period, street_id=street_id, run_id=run_id)


@shared_task(name="jobs.ratings_due", **OPTIONS)
def ratings_due():
    """Rate the periods that have just ended (beat, on the first day of a quarter)."""
    return [run_ratings(period) for period in periods_ended()]


@shared_task(name="jobs.volunteer_stars", **OPTIONS)
def volunteer_stars():
    """Refresh every volunteer's star level."""
    return run_volunteer_stars(list(Street.objects))


@shared_task(name="jobs.sla", **OPTIONS)
def sla(street_id: str | None = None, run_id: str | None = None):
    """Run the deadline watch once."""
    return run_sla(street_id=street_id, run_id=run_id)


@shared_task(name="jobs.purchase_calendar", **OPTIONS)
def purchase_calendar(street_id: str | None = None, run_id: str | None = None,
                      now: str | None = None):  # fmt: skip
    """Close calls past their deadline; make final the awards whose objection period has ended
    (beat, every 15 minutes). `now`: an ISO instant, for a run "as of" a chosen moment."""
    at = datetime.fromisoformat(now) if now else None
    return run_purchase_calendar(street_id=street_id, run_id=run_id, now=at)


@shared_task(name="jobs.export", **OPTIONS)
def export(export_id: str):
    """Write one large export into GridFS."""
    return run_export(export_id)


@shared_task(name="jobs.purge_exports", **OPTIONS)
def purge_exports():
    """Delete export files whose download link has expired (beat, hourly)."""
    return purge_expired()


@shared_task(name="jobs.funds_check", **OPTIONS)
def funds_check():
    """Nightly: bring any fund whose running figures lag its ledger back in line."""
    return [str(fund.pk) for fund, _kept, _ledger in check_funds(repair=True)]


@shared_task(name="jobs.notify_send", bind=True, acks_late=True, reject_on_worker_lost=True,
             max_retries=None, autoretry_for=TRANSIENT, retry_backoff=5)  # fmt: skip
def notify_send(self, message_id: str):
    """One attempt at sending an outbox message; again after its backoff while it fails.

    The message itself counts its attempts and gives up after NOTIFY_MAX_ATTEMPTS, so the
    task has no retry limit of its own.
    """
    delay = deliver(ObjectId(message_id))
    if delay is not None:
        raise self.retry(countdown=delay)
    return message_id


@shared_task(name="jobs.notify_sweep", **OPTIONS)
def notify_sweep():
    """Hand every message whose next attempt has come to the workers (beat, every minute)."""
    ids = due()
    for message_id in ids:
        notify_send.delay(str(message_id))
    return len(ids)


@task_retry.connect
def _show_retry(request=None, reason=None, **_kwargs):
    kwargs = (request.kwargs or {}) if request else {}
    mark_retrying(kwargs.get("run_id"), reason, export_id=kwargs.get("export_id"))
