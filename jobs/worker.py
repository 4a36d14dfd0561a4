"""Celery entry point: `celery -A jobs.worker worker` / `celery -A jobs.worker beat`."""

from weimin import create_app

celery = create_app().extensions["celery"]
