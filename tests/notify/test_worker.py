"""Sending goes through a real Celery worker: retried after a failure, swept when it waited."""

import time
import uuid

import pytest

from models import OutboxMessage
from tests.conftest import make_app
from tests.jobs.conftest import running_worker
from tests.jobs.test_worker import REDIS_URL, redis_reachable
from tests.notify.gateway import Gateway


@pytest.fixture
def worker(app):
    celery = app.extensions["celery"]
    celery.conf.task_default_queue = f"weimin-test-{uuid.uuid4().hex[:8]}"
    celery.conf.broker_transport_options = {"polling_interval": 0.05}
    with running_worker(celery) as w:
        yield w


@pytest.fixture
def prompt(app, monkeypatch):
    """Attempts one second apart, and the first one right after intake."""
    import weimin.notify

    monkeypatch.setattr(weimin.notify, "AFTER_INTAKE", 0)
    app.config.update(NOTIFY_BACKOFF_SECONDS=1, NOTIFY_WEBHOOK_SECRET="s")


def settled(message_id, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message = OutboxMessage.objects(pk=message_id).first()
        if message and message.status in ("sent", "gave_up", "cancelled"):
            return message
        time.sleep(0.05)
    raise AssertionError(f"message {message_id} not settled in {timeout}s")


def test_a_failed_send_is_retried_by_the_worker_until_it_goes(app, make, prompt, worker):
    with Gateway([503, 200]) as gateway:
        app.config["NOTIFY_SMS_WEBHOOK_URL"] = gateway.url
        demand = make.demand(make.community(), make.item())
        message = settled(OutboxMessage.objects.get(demand=demand.pk).pk)
    assert (message.status, message.attempts) == ("sent", 2)
    assert len(gateway.calls) == 2 and message.last_error == "HTTP 503: gateway busy"


def test_the_sweep_hands_over_what_waited_for_a_sender(app, make, prompt, worker):
    demand = make.demand(make.community(), make.item())  # no sender yet: nothing queued
    message = OutboxMessage.objects.get(demand=demand.pk)
    time.sleep(0.3)
    assert OutboxMessage.objects.get(pk=message.pk).status == "pending"
    with Gateway([200]) as gateway:
        app.config["NOTIFY_SMS_WEBHOOK_URL"] = gateway.url
        app.extensions["celery"].send_task("jobs.notify_sweep")
        assert settled(message.pk).status == "sent"
    assert len(gateway.calls) == 1


def test_the_send_task_acks_late_and_the_sweep_is_scheduled(app):
    celery = app.extensions["celery"]
    task = celery.tasks["jobs.notify_send"]
    assert task.acks_late and task.reject_on_worker_lost
    sweep = celery.conf.beat_schedule["notify-sweep"]
    assert sweep["task"] == "jobs.notify_sweep" and sweep["schedule"].minute == set(range(60))


@pytest.mark.redis
@pytest.mark.skipif(not redis_reachable(), reason="Redis is not reachable")
def test_a_message_goes_through_redis(make, monkeypatch):
    import weimin.notify
    from weimin.store.db import database

    monkeypatch.setattr(weimin.notify, "AFTER_INTAKE", 0)
    queue = f"weimin-test-{uuid.uuid4().hex[:8]}"
    application = make_app(CELERY_BROKER_URL=REDIS_URL, CELERY_QUEUE=queue,
                           NOTIFY_BACKOFF_SECONDS=1)  # fmt: skip
    celery = application.extensions["celery"]
    try:
        with application.app_context(), Gateway([500, 200]) as gateway:
            application.config["NOTIFY_SMS_WEBHOOK_URL"] = gateway.url
            with running_worker(celery):
                demand = make.demand(make.community(), make.item())
                message = settled(OutboxMessage.objects.get(demand=demand.pk).pk)
            assert (message.status, message.attempts) == ("sent", 2)
    finally:
        with celery.connection_for_write() as conn:
            keys = (queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
            conn.default_channel.client.delete(*keys)
        database().client.drop_database(database().name)
