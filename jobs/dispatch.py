"""Send a requested run to the workers (or the in-process worker of the embedded demo)."""

from flask import current_app

from jobs.embedded import ensure_worker

TASKS = {
    "clearance": "jobs.clearance",
    "ratings": "jobs.ratings",
    "sla": "jobs.sla",
    "purchase_calendar": "jobs.purchase_calendar",
}
PERIOD_ARG = {"clearance": "month", "ratings": "period"}


def submit(run):
    """Queue the task for a saved JobRun; returns the Celery task id."""
    app = current_app._get_current_object()
    kwargs = {"run_id": str(run.pk)}
    street = run.to_mongo().get("street")
    kwargs["street_id"] = str(street) if street else None
    task = TASKS[run.kind]
    if run.kind == "clearance" and run.until:
        task, kwargs["first"], kwargs["last"] = "jobs.clearance_range", run.period, run.until
    elif run.kind in PERIOD_ARG:
        kwargs[PERIOD_ARG[run.kind]] = run.period
    ensure_worker(app)
    result = app.extensions["celery"].send_task(task, kwargs=kwargs)
    run.update(set__task_id=result.id)
    return result.id


def submit_export(job):
    """Queue the background export of a saved ExportJob; returns the Celery task id."""
    app = current_app._get_current_object()
    ensure_worker(app)
    result = app.extensions["celery"].send_task("jobs.export", kwargs={"export_id": str(job.pk)})
    job.update(set__task_id=result.id)
    return result.id


def queue_messages(ids, countdown=0):
    """Queue one sending attempt per outbox message (weimin.notify.sending.queue calls this)."""
    app = current_app._get_current_object()
    ensure_worker(app)
    celery = app.extensions["celery"]
    for message_id in ids:
        celery.send_task("jobs.notify_send", args=[message_id], countdown=countdown or None)
