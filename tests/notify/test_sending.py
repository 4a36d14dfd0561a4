"""Sending through the webhook senders: down then up, backoff, giving up, nothing lost."""

import json
from datetime import timedelta

import pytest

from models import OutboxMessage
from models.base import utcnow
from tests.notify.gateway import Gateway
from weimin.notify.senders import signature
from weimin.notify.sending import backoff, deliver, due, retry

SECRET = "gateway-secret"


@pytest.fixture
def received(make):
    """A demand's receipt message, waiting to be sent."""
    demand = make.demand(make.community(), make.item(), resident_phone="13912345678")
    return OutboxMessage.objects.get(demand=demand.pk, event="received")


def configure(app, url, channel="sms", **extra):
    app.config.update(NOTIFY_WEBHOOK_SECRET=SECRET, NOTIFY_CHANNEL=channel,
                      NOTIFY_PUBLIC_URL="https://weimin.example.cn", **extra)  # fmt: skip
    key = "NOTIFY_SMS_WEBHOOK_URL" if channel == "sms" else "NOTIFY_WECHAT_WEBHOOK_URL"
    app.config[key] = url


def test_without_a_sender_the_message_stays_pending(app, received):
    assert deliver(received.pk) is None
    stored = OutboxMessage.objects.get(pk=received.pk)
    assert (stored.status, stored.attempts) == ("pending", 0)
    assert due() == []  # nothing to hand over until a sender is configured


def test_a_sender_down_then_up_sends_the_message_once(app, received):
    with Gateway([503, 503, 200]) as gateway:
        configure(app, gateway.url)
        now = utcnow()
        assert deliver(received.pk, now) == backoff(1) == 30
        failed = OutboxMessage.objects.get(pk=received.pk)
        assert (failed.status, failed.attempts) == ("failed", 1)
        assert failed.last_error == "HTTP 503: gateway busy"
        assert deliver(received.pk, now + timedelta(seconds=10)) is None  # not due yet
        assert due(now + timedelta(seconds=10)) == []
        later = now + timedelta(seconds=31)
        assert due(later) == [received.pk]
        assert deliver(received.pk, later) == backoff(2) == 60
        assert deliver(received.pk, later + timedelta(seconds=61)) is None
        sent = OutboxMessage.objects.get(pk=received.pk)
    assert (sent.status, sent.attempts) == ("sent", 3) and sent.sent_at is not None
    assert len(gateway.calls) == 3
    call = gateway.calls[-1]
    assert call["json"]["phone"] == "13912345678"
    assert call["json"]["text"].endswith(" https://weimin.example.cn" + received.link)
    headers = call["headers"]
    assert headers["Idempotency-Key"] == received.key
    stamp = headers["X-Weimin-Timestamp"]
    assert headers["X-Weimin-Signature"] == signature(SECRET, stamp, call["body"])
    assert deliver(received.pk, later + timedelta(hours=1)) is None  # sent: never again
    assert len(gateway.calls) == 3


def test_backoff_doubles_up_to_its_cap(app):
    app.config.update(NOTIFY_BACKOFF_SECONDS=30, NOTIFY_BACKOFF_MAX_SECONDS=200)
    assert [backoff(n) for n in range(1, 6)] == [30, 60, 120, 200, 200]


def test_after_the_last_attempt_it_gives_up_and_a_retry_gives_more(app, received, make):
    app.config["NOTIFY_MAX_ATTEMPTS"] = 2
    received.update(set__limit=2)
    with Gateway([500, 500, 200]) as gateway:
        configure(app, gateway.url)
        now = utcnow()
        deliver(received.pk, now)
        assert deliver(received.pk, now + timedelta(hours=1)) is None
        stored = OutboxMessage.objects.get(pk=received.pk)
        assert (stored.status, stored.attempts) == ("gave_up", 2)
        assert due(now + timedelta(days=1)) == []  # given up: the sweep leaves it
        assert retry(stored)
        assert not retry(stored)  # pending again: a second retry changes nothing
        assert deliver(received.pk, utcnow()) is None
    stored = OutboxMessage.objects.get(pk=received.pk)
    assert (stored.status, stored.attempts, stored.limit) == ("sent", 3, 4)


def test_the_wechat_adapter_sends_a_template_message(app, make):
    with Gateway([200]) as gateway:
        configure(app, gateway.url, channel="wechat", NOTIFY_WECHAT_TEMPLATE_ID="TPL-1")
        demand = make.demand(make.community(), make.item(), resident_phone="13912345678")
        message = OutboxMessage.objects.get(demand=demand.pk)
        assert message.channel == "wechat"
        assert deliver(message.pk) is None
    body = gateway.calls[0]["json"]
    assert body["template_id"] == "TPL-1"
    assert body["data"]["keyword1"]["value"] == demand.ticket_no
    assert body["url"] == "https://weimin.example.cn" + message.link
    assert json.dumps(body, ensure_ascii=False).count("受理") >= 1


def test_a_message_whose_event_was_never_stored_is_cancelled(app, make):
    from models import Demand
    from weimin.demands.intake import prepare_new

    community, item = make.community(), make.item()
    demand = Demand(item=item, street=community.street, community=community,
                    resident_name="李", resident_phone="13912345678", channel="window",
                    description="路灯不亮")  # fmt: skip
    prepare_new(demand, "worker")  # the process "dies" here: the demand is never saved
    message = OutboxMessage.objects.get(demand=demand.pk)
    with Gateway([200]) as gateway:
        configure(app, gateway.url)
        assert deliver(message.pk) == 10  # not there yet: look again in a moment
        assert deliver(message.pk, utcnow() + timedelta(minutes=3)) is None
    assert OutboxMessage.objects.get(pk=message.pk).status == "cancelled"
    assert gateway.calls == []


def test_a_message_leased_by_one_worker_is_not_sent_by_another(app, received):
    from weimin.notify.sending import _take

    with Gateway([200]) as gateway:
        configure(app, gateway.url)
        taken, _lease = _take(received.pk, utcnow())
        assert taken is not None
        assert deliver(received.pk) is None  # the other worker finds it leased
    assert gateway.calls == []
