"""The Celery app, configured from Flask; tasks run inside the Flask app context."""

from celery import Celery, Task


def make_celery(app):
    """A Celery app bound to this Flask app (in-process when no broker is configured)."""

    class FlaskTask(Task):
        def __call__(self, *args, **kwargs):
            with app.app_context():
                return self.run(*args, **kwargs)

    broker = app.config.get("CELERY_BROKER_URL")
    celery = Celery(app.name, task_cls=FlaskTask)
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
        broker_connection_retry_on_startup=True,
    )
    celery.set_default()
    return celery
