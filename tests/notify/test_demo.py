"""The demo's events come with their messages, and the live rules agree with them."""

from collections import Counter
from datetime import UTC, datetime, timedelta

from models import Demand, OutboxMessage
from seeds import seed_all
from weimin.demands.watch import run_watch


def test_the_demo_outbox_holds_its_recent_events_waiting_for_a_sender(app, login, make):
    seed_all(demo=True, size="small")
    messages = list(OutboxMessage.objects)
    events = Counter(m.event for m in messages)
    assert {"received", "assigned", "answered", "record_approved"} <= set(events)
    assert {m.status for m in messages if m.channel != "inbox"} == {"pending"}
    assert {m.status for m in messages if m.channel == "inbox"} <= {"sent"}
    assert len({m.key for m in messages}) == len(messages)
    since = datetime.now(UTC) - timedelta(days=15)
    assert all(m.created_at >= since or m.event == "overdue" for m in messages)
    received = next(m for m in messages if m.event == "received")
    demand = Demand.objects.get(pk=received.demand)
    assert demand.ticket_no in received.text and received.recipient_phone == demand.resident_phone
    # The live watch finds the demo's overdue demands told already: no second message.
    told = {m.demand for m in OutboxMessage.objects(event="overdue")}
    assert told
    before = {m.key for m in OutboxMessage.objects(event="overdue")}
    run_watch(datetime.now(UTC))
    new = [m for m in OutboxMessage.objects(event="overdue") if m.key not in before]
    assert not [m for m in new if m.demand in told]
    page = login(make.user("district_admin")).get("/admin/outbox/").get_data(as_text=True)
    assert "尚未配置发送通道" in page and "未配置发送通道" in page
