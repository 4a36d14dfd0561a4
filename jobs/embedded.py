"""An in-process Celery worker for the embedded demo, so job progress shows without a broker."""

import logging
import threading

log = logging.getLogger(__name__)
_lock = threading.Lock()


def wanted(app):
    """True when jobs should run on a worker thread inside this process."""
    setting = app.config.get("JOBS_EMBEDDED_WORKER")
    if setting is None:
        return not app.config.get("CELERY_BROKER_URL") and not app.testing
    return bool(setting)


def ensure_worker(app):
    """Start this app's worker thread once, the first time a job is submitted."""
    if not wanted(app):
        return None
    with _lock:
        worker = app.extensions.get("celery_worker")
        if worker is not None:
            return worker
        celery = app.extensions["celery"]
        celery.finalize()
        worker = celery.WorkController(
            pool="solo",
            concurrency=1,
            hostname="embedded@weimin",
            without_heartbeat=True,
            without_mingle=True,
            without_gossip=True,
        )
        thread = threading.Thread(target=worker.start, name="celery-embedded", daemon=True)
        thread.start()
        app.extensions["celery_worker"] = worker
        log.info("started the in-process job worker (no CELERY_BROKER_URL)")
        return worker
