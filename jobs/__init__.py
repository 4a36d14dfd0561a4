"""Celery wiring; tasks live beside the plain functions they call."""


def init_jobs(app):
    """Attach a Celery app configured from the Flask config, with the tasks registered."""
    from jobs import tasks  # noqa: F401 - registers the shared tasks with every Celery app
    from jobs.celery_app import make_celery

    app.extensions["celery"] = make_celery(app)
