"""The outbox in the admin (scope, masking, filters, retry) and on the person's own pages."""

import pytest
from flask import render_template

from models import AuditEntry, OutboxMessage
from weimin.demands import transitions
from weimin.notify import messages_for_demand


@pytest.fixture
def world(make):
    street, other_street = make.street(name="甲街道"), make.street(name="乙街道")
    community = make.community(street, name="甲一社区")
    other = make.community(other_street, name="乙一社区")
    demand = make.demand(community, resident_name="王秀英", resident_phone="13912345678")
    elsewhere = make.demand(other, resident_phone="13698765432")
    failed = OutboxMessage.objects.get(demand=demand.pk)
    failed.update(set__status="failed", set__attempts=2, set__last_error="HTTP 503: busy")
    return {"street": street, "community": community, "demand": demand,
            "elsewhere": elsewhere, "failed": failed}  # fmt: skip


def test_staff_see_their_scope_masked_and_in_chinese(make, login, world):
    admin = make.user("street_admin", street_doc=world["street"])
    page = login(admin).get("/admin/outbox/").get_data(as_text=True)
    assert world["demand"].ticket_no in page and world["elsewhere"].ticket_no not in page
    assert "王**" in page or "王*" in page
    assert "139****5678" in page and "13912345678" not in page
    assert "发送失败（将重试）" in page and "HTTP 503: busy" in page
    assert "尚未配置发送通道" in page and "未配置发送通道" in page
    other = OutboxMessage.objects.get(demand=world["elsewhere"].pk)
    assert login(admin).get(f"/admin/outbox/details/?id={other.pk}").status_code == 404


def test_the_list_filters_by_status_and_event(make, login, world):
    client = login(make.user("district_admin"))
    admin = client.application.extensions["weimin_admin"]
    outbox = next(v for v in admin._views if getattr(v, "endpoint", "") == "outbox")
    index = {(str(f.column), str(f.operation())): n for n, f in enumerate(outbox._filters)}
    status = index[("status", "等于")]
    event = index[("event", "等于")]
    page = client.get(f"/admin/outbox/?flt0_{status}=failed").get_data(as_text=True)
    assert world["demand"].ticket_no in page and world["elsewhere"].ticket_no not in page
    page = client.get(f"/admin/outbox/?flt0_{event}=assigned").get_data(as_text=True)
    assert world["demand"].ticket_no not in page


def test_a_retry_is_audited_and_only_for_staff(make, login, world):
    worker = make.user("community_worker", community_doc=world["community"])
    client = login(worker)
    page = client.get("/admin/outbox/").get_data(as_text=True)
    assert "retry-form" in page
    answer = client.post("/admin/outbox/retry/", data={"id": world["failed"].pk})
    assert answer.status_code == 302
    stored = OutboxMessage.objects.get(pk=world["failed"].pk)
    assert (stored.status, stored.limit) == ("pending", 2 + 6)
    entry = AuditEntry.objects.get(collection="outbox_messages")
    assert entry.actor == worker.username and entry.changes["status"]["after"] == "pending"
    stored.update(set__status="failed")
    client.post("/logout")
    supervisor = login(make.user("supervisor"))
    refused = supervisor.post("/admin/outbox/retry/", data={"id": world["failed"].pk})
    assert refused.status_code == 403
    assert OutboxMessage.objects.get(pk=world["failed"].pk).status == "failed"


def test_the_supervisor_reads_the_outbox_but_sees_no_retry(make, login, world):
    page = login(make.user("supervisor")).get("/admin/outbox/").get_data(as_text=True)
    assert world["demand"].ticket_no in page and "retry-form" not in page
    details = login(make.user("supervisor")).get(f"/admin/outbox/details/?id={world['failed'].pk}")
    assert "139****5678" in details.get_data(as_text=True)


def test_the_staff_over_a_message_see_the_phone_in_full_on_its_page(make, login, world):
    admin = make.user("street_admin", street_doc=world["street"])
    page = login(admin).get(f"/admin/outbox/details/?id={world['failed'].pk}")
    assert "13912345678" in page.get_data(as_text=True)


def test_a_volunteer_sees_their_own_messages_only(make, login, world):
    mine = make.volunteer(world["community"], name="陈志强")
    other = make.volunteer(world["community"], id_number=make.VALID_IDS[1], name="李娜")
    demand = transitions.apply(world["demand"], "assign", "w", volunteer=mine)
    transitions.apply(world["elsewhere"], "assign", "w",
                      organisation=make.organisation(world["elsewhere"].street))  # fmt: skip
    user = make.user("volunteer", volunteer_doc=mine)
    page = login(user).get("/me/messages").get_data(as_text=True)
    assert demand.ticket_no in page and "诉求交办" in page
    assert world["elsewhere"].ticket_no not in page
    assert login(user).get("/me/").get_data(as_text=True).count("/me/messages") == 1
    assert login(user).get("/admin/outbox/").status_code == 403
    del other


def test_the_residents_include_shows_their_messages(app, world):
    demand = world["demand"]
    with app.test_request_context("/"):
        html = render_template("public/_messages.html", messages=messages_for_demand(demand))
    assert "发给您的消息" in html and demand.ticket_no in html
    assert "待发送" in html  # a failed attempt reads "waiting" to the resident
    assert "503" not in html
