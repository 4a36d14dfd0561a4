"""Every event becomes its messages, once, written in the event's own path."""

from datetime import timedelta

import pytest

from models import Demand, OutboxMessage
from weimin.demands import transitions
from weimin.demands.watch import run_watch
from weimin.volunteers.hours import approve


def act(demand, action, **params):
    return transitions.apply(demand, action, "worker", params.pop("note", None), **params)


def messages(**query):
    return list(OutboxMessage.objects(**query).order_by("created_at", "key"))


@pytest.fixture
def place(make):
    community = make.community()
    return community, make.item(kind="affair", name="楼道照明维修")


def test_a_received_demand_tells_the_resident_its_ticket_and_follow_link(make, place):
    demand = make.demand(*place, resident_phone="13912345678")
    (told,) = messages(demand=demand.pk)
    assert (told.event, told.recipient_kind, told.channel) == ("received", "resident", "sms")
    assert told.recipient_phone == "13912345678" and told.status == "pending"
    assert demand.ticket_no in told.text and "受理" in told.text  # stored in Chinese
    assert told.link.startswith("/f/") and told.key == f"received:{demand.pk}"
    assert (told.street, told.community) == (demand.street.pk, demand.community.pk)


def test_the_links_in_messages_open_their_pages(app, make, place):
    """Built from the app's routes: the resident's follow link and evaluation link open."""
    demand = make.demand(*place)
    demand = act(demand, "assign", organisation=make.organisation(demand.street))
    act(act(demand, "close", note="已修复"), "answer", note="已告知")
    client = app.test_client()
    for event in ("received", "answered"):
        (told,) = messages(event=event)
        page = client.get(told.link)
        assert page.status_code == 200, (event, told.link)
        assert demand.ticket_no in page.get_data(as_text=True)


def test_assigning_tells_the_organisation_contact_and_the_volunteer(make, place):
    demand = make.demand(*place)
    org = make.organisation(demand.street, contact_name="刘主任", contact_phone="13700001111")
    person = make.volunteer(place[0], phone="13600002222")
    act(demand, "assign", organisation=org, volunteer=person)
    told = messages(event="assigned")
    assert {(m.recipient_kind, m.recipient_phone) for m in told} == {
        ("organisation", "13700001111"),
        ("volunteer", "13600002222"),
    }
    assert all("楼道照明维修" in m.text and demand.ticket_no in m.text for m in told)
    assert told[0].subject_at == Demand.objects.get(pk=demand.pk).timeline[-1].at


def test_an_organisation_without_a_phone_is_told_in_the_back_office(make, place):
    demand = make.demand(*place)
    act(demand, "assign", organisation=make.organisation(demand.street))
    (told,) = messages(event="assigned")
    assert (told.channel, told.status) == ("inbox", "sent")


def test_answering_sends_the_resident_the_evaluation_link(make, place):
    demand = make.demand(*place)
    demand = act(demand, "assign", organisation=make.organisation(demand.street))
    demand = act(act(demand, "close", note="已修复"), "answer", note="已告知")
    (told,) = messages(event="answered")
    assert told.recipient_kind == "resident" and told.link.startswith("/e/")
    assert "评价" in told.text


def test_a_refused_transition_leaves_no_message(make, place):
    demand = make.demand(*place)
    stale = Demand.objects.get(pk=demand.pk)
    act(demand, "assign", organisation=make.organisation(demand.street))
    other = make.organisation(demand.street, contact_phone="13700003333")
    with pytest.raises(transitions.Conflict):
        transitions.apply(stale, "reject", "worker", "不属于受理范围")
    with pytest.raises(transitions.Conflict):  # same revision seen twice: the second loses
        transitions.apply(stale, "assign", "worker", organisation=other, rev=stale.rev)
    assert [m.recipient_phone for m in messages(event="assigned")] == [None]


def test_overdue_tells_handler_and_community_once_per_deadline(make, place):
    demand = make.demand(*place)
    person = make.volunteer(place[0])
    demand = act(demand, "assign", volunteer=person)
    late = demand.deadline_at + timedelta(minutes=5)
    run_watch(late)
    run_watch(late + timedelta(minutes=15))  # the watch runs again: nothing new
    told = messages(event="overdue")
    assert sorted(m.recipient_kind for m in told) == ["community", "volunteer"]
    community = next(m for m in told if m.recipient_kind == "community")
    assert community.channel == "inbox" and community.recipient_name == place[0].name
    # Escalated, it has a new deadline; when that one passes too it is told again.
    later = Demand.objects.get(pk=demand.pk).deadline_at + timedelta(minutes=5)
    run_watch(later)
    assert len(messages(event="overdue")) == 4


def test_a_claim_near_its_deadline_warns_the_volunteer_once(make):
    community = make.community()
    wish = make.demand(community, make.item(kind="wish"))
    person = make.volunteer(community)
    wish = transitions.apply(wish, "claim", "vol", volunteer=person)
    run_watch(wish.deadline_at - timedelta(days=5))
    assert messages(event="claim_expiring") == []
    run_watch(wish.deadline_at - timedelta(hours=20))
    run_watch(wish.deadline_at - timedelta(hours=10))
    (told,) = messages(event="claim_expiring")
    assert told.volunteer == person.pk and told.link == "/me/"
    assert wish.ticket_no in told.text and "心愿墙" in told.text


def test_approved_hours_tell_the_volunteer_once(make):
    person = make.volunteer(phone="13500004444")
    record = make.service_record(person)
    staff = make.user("district_admin")
    assert approve(record.pk, staff.username)
    assert not approve(record.pk, staff.username)  # approved already: no second message
    (told,) = messages(event="record_approved")
    assert (told.volunteer, told.record, told.recipient_phone) == (
        person.pk,
        record.pk,
        "13500004444",
    )
    assert "助老探访" in told.text and "2 小时" in told.text


def test_a_refused_approval_leaves_no_message(make):
    record = make.service_record(make.volunteer())
    record.update(set__status="rejected", set__reject_reason="重复")
    assert not approve(record.pk, "admin")
    assert messages(event="record_approved") == []


def test_messages_are_written_in_chinese_whatever_the_request_language(app, make, place):
    demand = make.demand(*place)
    org = make.organisation(demand.street, contact_phone="13700001111")
    with app.test_request_context("/?lang=en", headers={"Accept-Language": "en"}):
        from flask_babel import force_locale

        with force_locale("en"):
            act(demand, "assign", organisation=org)
    (told,) = messages(event="assigned")
    assert "已交由您办理" in told.text
