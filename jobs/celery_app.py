"""The Celery app, configured from Flask; tasks run inside the Flask app context."""

from celery import Celery, Task
from celery.schedules import crontab

# Times are Asia/Shanghai (the app's TIMEZONE); each task works out its own period.
# Nothing here publishes: publishing a month is an explicit act of an admin.
BEAT_SCHEDULE = {
    "clearance-drafts": {"task": "jobs.clearance_drafts", "schedule": crontab(minute=0, hour=2)},
    "ratings-after-period": {
        "task": "jobs.ratings_due",
        "schedule": crontab(minute=0, hour=3, day_of_month=1, month_of_year="1,4,7,10"),
    },
    "volunteer-stars": {"task": "jobs.volunteer_stars", "schedule": crontab(minute=30, hour=1)},
    "deadline-watch": {"task": "jobs.sla", "schedule": crontab(minute="*/15")},
    # Purchased services: calls close and awards turn final as their deadlines pass.
    "purchase-calendar": {"task": "jobs.purchase_calendar", "schedule": crontab(minute="*/15")},
    "purge-exports": {"task": "jobs.purge_exports", "schedule": crontab(minute=5)},
    "funds-check": {"task": "jobs.funds_check", "schedule": crontab(minute=40, hour=1)},
    # Outbox messages whose sender was down, or that were written while none was configured.
    "notify-sweep": {"task": "jobs.notify_sweep", "schedule": crontab(minute="*")},
}


def redis_url(config):
    """Where celery-redbeat keeps the schedule and its single-beat lock."""
    url = config.get("REDBEAT_REDIS_URL") or config.get("CELERY_BROKER_URL") or ""
    return url if url.startswith(("redis://", "rediss://")) else None


def make_celery(app):
    """A Celery app bound to this Flask app (in-process when no broker is configured)."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config.get("CELERY_BROKER_URL")
    celery = Celery(app.name, task_cls=FlaskTask, include=["jobs.tasks"])
    celery.conf.update(
        broker_url=broker or "memory://",
        result_backend=app.config.get("CELERY_RESULT_BACKEND") or None,
        timezone=app.config["TIMEZONE"],
        enable_utc=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=not app.config.get("CELERY_RESULT_BACKEND"),
        task_default_queue=app.config["CELERY_QUEUE"],
        broker_connection_retry_on_startup=True,
        beat_schedule=BEAT_SCHEDULE,
    )
    if redis_url(app.config):
        celery.conf.update(
            beat_scheduler="redbeat.RedBeatScheduler",
            redbeat_redis_url=redis_url(app.config),
            redbeat_key_prefix="weimin:redbeat",
            redbeat_lock_timeout=5 * 60,
        )
    celery.set_default()
    return celery
