"""Celery wiring; tasks live beside the plain functions they call."""


def init_jobs(app):
    """Attach a Celery app configured from the Flask config, its tasks and `flask jobs`."""
    from jobs import tasks  # noqa: F401 - registers the shared tasks with every Celery app
    from jobs.celery_app import make_celery
    from jobs.cli import jobs_cli
    from jobs.dispatch import queue_messages

    app.extensions["celery"] = make_celery(app)
    app.cli.add_command(jobs_cli)
    app.extensions["notify_queue"] = queue_messages
