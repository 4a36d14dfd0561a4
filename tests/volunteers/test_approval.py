"""Approval: once however often clicked (also at the same instant), exact Decimal totals, cap."""

import threading
from decimal import Decimal

import pytest
from bson import Decimal128

from models import AuditEntry, RuleSet, ServiceRecord, Volunteer
from tests.volunteers.pages import csrf_token, field_error
from weimin.volunteers.hours import approve, recount_approved_hours


@pytest.fixture
def record(make):
    return make.service_record(make.volunteer(), hours=Decimal("2.5"))


def _hours(volunteer):
    return Volunteer.objects.get(pk=volunteer.pk).approved_hours


def test_worker_approves_through_the_decide_page(make, login, record):
    client = login(make.user("community_worker", community_doc=record.community))
    page = client.get(f"/admin/service_record/decide/?id={record.pk}")
    assert page.status_code == 200 and "助老探访" in page.text
    response = client.post(f"/admin/service_record/decide/?id={record.pk}", data={"approve": "1"})
    assert response.status_code == 302
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert (
        saved.status == "approved" and saved.decided_by and saved.credited_hours == Decimal("2.5")
    )
    assert _hours(record.volunteer) == Decimal("2.5")
    trail = AuditEntry.objects(collection="service_records", doc_id=str(record.pk)).first()
    assert trail.changes["status"] == {"before": "submitted", "after": "approved"}


def test_double_click_counts_once(make, login, record):
    client = login(make.user("district_admin"))
    for _ in range(3):
        client.post(f"/admin/service_record/decide/?id={record.pk}", data={"approve": "1"})
    assert _hours(record.volunteer) == Decimal("2.5")


def test_simultaneous_approvals_count_once(make, record):
    start = threading.Barrier(8)
    results = []

    def click():
        start.wait()
        results.append(approve(record.pk, "worker"))

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]
    assert _hours(record.volunteer) == Decimal("2.5")


def test_bulk_approve_action_counts_each_once(make, login):
    vol = make.volunteer()
    first, second = (make.service_record(vol, hours=Decimal(h)) for h in ("1.5", "2"))
    client = login(make.user("district_admin"))
    data = {"action": "approve", "rowid": [str(first.pk), str(second.pk)]}
    client.post("/admin/service_record/action/", data=data)
    client.post("/admin/service_record/action/", data=data)
    assert _hours(vol) == Decimal("3.5")


def test_reject_needs_a_reason_shown_under_the_field(make, login, record):
    client = login(make.user("district_admin"))
    url = f"/admin/service_record/decide/?id={record.pk}"
    response = client.post(url, data={"reject": "1", "reject_reason": "  "})
    assert field_error(response.text, "reject_reason") == "驳回或不予受理必须填写原因"
    assert ServiceRecord.objects.get(pk=record.pk).status == "submitted"
    client.post(url, data={"reject": "1", "reject_reason": "活动当天未签到"})
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert saved.status == "rejected" and saved.reject_reason == "活动当天未签到"
    client.post(url, data={"approve": "1"})  # a late approve click changes nothing
    assert ServiceRecord.objects.get(pk=record.pk).status == "rejected"
    assert _hours(record.volunteer) == Decimal(0)


def test_decide_with_csrf_on(csrf_app, make):
    from tests.factories import PASSWORD

    record = make.service_record(make.volunteer())
    client = csrf_app.test_client()
    user = make.user("district_admin")
    token = csrf_token(client.get("/login").text)
    client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token}
    )
    url = f"/admin/service_record/decide/?id={record.pk}"
    assert client.post(url, data={"approve": "1"}).status_code == 400
    token = csrf_token(client.get(url).text)
    assert client.post(url, data={"approve": "1", "csrf_token": token}).status_code == 302
    assert ServiceRecord.objects.get(pk=record.pk).status == "approved"


def test_totals_are_exact_decimals(make):
    vol = make.volunteer()
    hours = ("0.1", "0.2", "0.1", "0.2", "0.1", "0.2", "0.1")
    for value in hours:
        approve(make.service_record(vol, hours=Decimal(value)).pk, "worker")
    assert sum(float(h) for h in hours) != 1.0  # a float total would have drifted
    assert _hours(vol) == Decimal("1.0")
    raw = Volunteer._get_collection().find_one({"_id": vol.pk})
    assert isinstance(raw["approved_hours"], Decimal128)
    Volunteer.objects(pk=vol.pk).update_one(set__approved_hours=Decimal(99))  # a crash's drift
    assert recount_approved_hours(vol.pk) == Decimal("1.0") == _hours(vol)


def test_cap_per_activity_from_the_rule_set(make):
    RuleSet(
        kind="volunteer_stars",
        code="default",
        name="星级",
        params={"thresholds": [100, 300], "cap_hours_per_activity": 2},
    ).save()
    record = make.service_record(make.volunteer(), hours=Decimal("3.5"))
    approve(record.pk, "worker")
    assert ServiceRecord.objects.get(pk=record.pk).credited_hours == Decimal(2)
    assert _hours(record.volunteer) == Decimal(2)


def test_supervisor_cannot_decide_and_other_community_gets_404(make, login, record):
    assert (
        login(make.user("supervisor"))
        .get(f"/admin/service_record/decide/?id={record.pk}")
        .status_code
        == 403
    )


def test_other_communitys_worker_gets_404(make, login, record):
    client = login(make.user("community_worker", community_doc=make.community()))
    assert client.get(f"/admin/service_record/decide/?id={record.pk}").status_code == 404
    assert (
        client.post(
            f"/admin/service_record/decide/?id={record.pk}", data={"approve": "1"}
        ).status_code
        == 404
    )
    assert ServiceRecord.objects.get(pk=record.pk).status == "submitted"
