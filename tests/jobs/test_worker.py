"""Tasks go through a real Celery worker: in-process, and through Redis when it is reachable."""

import os
import time
import uuid

import pytest
from pymongo.errors import AutoReconnect

from jobs.clearance import run_clearance
from jobs.dispatch import submit
from jobs.runs import new_run
from models import ClearanceMonth, ClearanceReport, JobRun
from tests.conftest import make_app
from tests.jobs.conftest import MONTH, running_worker, wait_for

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def test_a_clearance_run_goes_through_the_worker(app, march, worker):
    run = new_run("clearance", MONTH, march["street"], "street1")
    submit(run)
    done = wait_for(run.pk)
    assert done.status == "done", done.message
    assert (done.total, done.done, done.attempts) == (4, 4, 1)
    assert done.summary["computed"] == [march["street"].code]
    assert done.task_id
    assert ClearanceReport.objects(month=MONTH, community=march["a"]).get().composite == 0.679


def test_a_failed_run_says_why(app, worker):
    run = new_run("clearance", MONTH)
    kwargs = {"month": MONTH, "street_id": "0123456789abcdef01234567", "run_id": str(run.pk)}
    app.extensions["celery"].send_task("jobs.clearance", kwargs=kwargs)
    failed = wait_for(run.pk)
    assert failed.status == "failed"
    assert failed.message == "LookupError: no street 0123456789abcdef01234567"


def test_a_transient_store_error_is_retried(app, march, worker, monkeypatch):
    import celery.app.autoretry

    import jobs.tasks

    monkeypatch.setattr(celery.app.autoretry, "get_exponential_backoff_interval", lambda **kw: 0)
    real, calls = jobs.tasks.run_clearance, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise AutoReconnect("primary stepped down")
        return real(*args, **kwargs)

    monkeypatch.setattr(jobs.tasks, "run_clearance", flaky)
    run = new_run("clearance", MONTH)
    submit(run)
    done = wait_for(run.pk)
    assert (done.status, len(calls)) == ("done", 2)


def test_tasks_ack_late_and_retry_store_errors(app):
    celery = app.extensions["celery"]
    task = celery.tasks["jobs.clearance"]
    assert task.acks_late and task.reject_on_worker_lost
    assert issubclass(AutoReconnect, task.autoretry_for) and task.retry_backoff
    assert celery.conf.worker_prefetch_multiplier == 1
    assert celery.conf.timezone == "Asia/Shanghai"
    schedule = celery.conf.beat_schedule
    clearance = schedule["clearance-drafts"]["schedule"]
    assert (clearance.hour, clearance.minute) == ({2}, {0})
    assert (clearance.day_of_month, clearance.day_of_week) == (set(range(1, 32)), set(range(7)))
    assert schedule["deadline-watch"]["schedule"].minute == {0, 15, 30, 45}
    assert schedule["ratings-after-period"]["schedule"].month_of_year == {1, 4, 7, 10}
    assert "beat_scheduler" not in celery.conf.changes  # no Redis: no redbeat


def test_no_scheduled_task_publishes(app, march, worker):
    celery = app.extensions["celery"]
    scheduled = {entry["task"] for entry in celery.conf.beat_schedule.values()}
    assert "jobs.clearance_drafts" in scheduled and scheduled <= set(celery.tasks)
    assert not [name for name in scheduled if "publish" in name or "previous_month" in name]
    run_clearance("2026-02")
    celery.send_task("jobs.clearance_drafts", kwargs={"today": "2026-04-02"})
    for month in ("2026-02", "2026-03"):
        assert wait_for(scheduled_run(month).pk).status == "done"
    states = ClearanceMonth.objects.order_by("month")
    assert [(s.month, s.status, s.published_at) for s in states] == [
        ("2026-02", "draft", None),
        ("2026-03", "draft", None),
    ]
    assert not ClearanceReport.objects(published=True).count()
    assert ClearanceReport.objects.get(month=MONTH, community=march["a"]).composite == 0.679


def scheduled_run(month, timeout=30):
    """The run the nightly task started for `month`, once it exists."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = JobRun.objects(period=month, requested_by="schedule").first()
        if run:
            return run
        time.sleep(0.05)
    raise AssertionError(f"no scheduled run of {month} in {timeout}s")


def test_beat_uses_the_redis_lock_when_redis_is_configured():
    application = make_app(REDBEAT_REDIS_URL="redis://127.0.0.1:6379/14")
    conf = application.extensions["celery"].conf
    assert conf.beat_scheduler == "redbeat.RedBeatScheduler"
    assert conf.redbeat_redis_url == "redis://127.0.0.1:6379/14"
    assert conf.redbeat_lock_timeout > 0


def redis_reachable():
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.mark.redis
@pytest.mark.skipif(not redis_reachable(), reason="Redis is not reachable")
def test_a_run_goes_through_redis(make):
    from seeds.reference import seed_rule_sets
    from weimin.store.db import database

    queue = f"weimin-test-{uuid.uuid4().hex[:8]}"
    application = make_app(CELERY_BROKER_URL=REDIS_URL, CELERY_QUEUE=queue)
    celery = application.extensions["celery"]
    try:
        with application.app_context():
            seed_rule_sets()
            street = make.street()
            make.demand(make.community(street), make.item())
            run = new_run("clearance", MONTH)
            with running_worker(celery):
                submit(run)
                done = wait_for(run.pk)
            assert done.status == "done", done.message
            assert JobRun.objects.get(pk=run.pk).summary["computed"] == [street.code]
    finally:
        with celery.connection_for_write() as conn:
            keys = (queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
            conn.default_channel.client.delete(*keys)
        database().client.drop_database(database().name)
