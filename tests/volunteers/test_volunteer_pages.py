"""/me/: the volunteer's phone-sized pages; only their own records, Chinese field errors."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest

from models import RuleSet, ServiceRecord
from models.base import local_today
from tests.volunteers.ids import IDS
from tests.volunteers.pages import field_error
from weimin.volunteers.hours import approve, reject

EXTERNAL = re.compile(r'(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture
def me(make):
    return make.volunteer_user()


def _log_form(org, **extra):
    return {
        "activity_name": "四点半课堂",
        "activity_date": str(local_today() - timedelta(days=1)),
        "organisation": str(org.pk),
        "location": "社区书屋",
        "content": "辅导作业",
        "hours": "2",
        "leader": "周老师",
        **extra,
    }


def test_anonymous_is_sent_to_sign_in_and_staff_are_refused(client, make, login):
    response = client.get("/me/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert (
        login(make.user("community_worker", community_doc=make.community())).get("/me/").status_code
        == 403
    )


def test_volunteer_lands_on_me_after_sign_in(client, me):
    from tests.factories import PASSWORD

    response = client.post("/login", data={"username": me.username, "password": PASSWORD})
    assert response.headers["Location"] == "/me/"
    assert client.get("/admin/").headers["Location"] == "/me/"


def test_home_is_phone_sized_local_and_script_free(login, me):
    page = login(me).get("/me/").text
    assert 'name="viewport" content="width=device-width' in page
    assert "bootstrap4/css/bootstrap.min.css" in page
    assert not EXTERNAL.search(page) and "<script" not in page
    assert 'data-total="0"' in page and 'data-level="0"' in page
    # the volunteer sees their own identifiers in full
    assert me.volunteer.id_number in page and me.volunteer.phone in page


def test_log_hours_creates_a_submitted_record(make, login, me):
    org = make.organisation(me.volunteer.street)
    client = login(me)
    response = client.post("/me/log", data=_log_form(org))
    assert response.status_code == 302
    record = ServiceRecord.objects.get(volunteer=me.volunteer)
    assert record.status == "submitted" and record.entered_by == me.username
    assert client.get(response.headers["Location"]).status_code == 200


def test_log_hours_errors_are_per_field_and_chinese(make, login, me):
    org = make.organisation(me.volunteer.street)
    client = login(me)
    page = client.post("/me/log", data=_log_form(org, hours="两小时")).text
    assert field_error(page, "hours") == "不是有效的小数。"
    assert field_error(client.post("/me/log", data=_log_form(org, location="")).text, "location")
    assert field_error(client.post("/me/log", data=_log_form(org, hours="30")).text, "hours")
    page = client.post(
        "/me/log", data=_log_form(org, activity_date=str(local_today() - timedelta(days=40)))
    ).text
    assert field_error(page, "late_reason")
    assert ServiceRecord.objects.count() == 0


def test_log_hours_links_a_wish_the_volunteer_holds(make, login, me):
    org = make.organisation(me.volunteer.street)
    wish = make.item(kind="wish", street_doc=me.volunteer.street)
    demand = make.demand(
        me.volunteer.community, wish, status="claimed", assigned_volunteer=me.volunteer
    )
    client = login(me)
    assert client.post("/me/log", data=_log_form(org, demand=demand.ticket_no)).status_code == 302
    assert ServiceRecord.objects.get(volunteer=me.volunteer).demand == demand


def test_log_hours_links_a_demand_of_the_records_organising_unit(make, login, me):
    org = make.organisation(me.volunteer.street)
    demand = make.demand(me.volunteer.community, status="assigned", assigned_org=org)
    client = login(me)
    assert client.post("/me/log", data=_log_form(org, demand=demand.ticket_no)).status_code == 302
    assert ServiceRecord.objects.get(volunteer=me.volunteer).demand == demand


def test_log_hours_cannot_link_other_demands_and_cannot_tell_them_from_unknown(make, login, me):
    org = make.organisation(me.volunteer.street)
    elsewhere = make.community()  # another street
    theirs = make.organisation(elsewhere.street)
    other_street = make.demand(elsewhere, status="assigned", assigned_org=theirs)
    not_mine = make.demand(me.volunteer.community)  # own street, held by nobody
    other_team = make.demand(
        me.volunteer.community, status="assigned", assigned_org=make.organisation(org.street)
    )
    client = login(me)
    messages = set()
    for ticket in ("JD01-99999999-0000", other_street.ticket_no, not_mine.ticket_no,
                   other_team.ticket_no):  # fmt: skip
        page = client.post("/me/log", data=_log_form(org, demand=ticket)).text
        messages.add(field_error(page, "demand"))
    assert messages == {"您或您的团队经办的诉求中没有这个受理编号。"}
    assert ServiceRecord.objects.count() == 0


def test_another_volunteers_record_is_404_everywhere(make, login, me):
    other = make.volunteer(id_number=IDS[1], phone="13900000000", name="李娜")
    theirs = make.service_record(other)
    client = login(me)
    for method, url in (
        ("get", f"/me/records/{theirs.pk}"),
        ("get", f"/me/records/{theirs.pk}/edit"),
        ("post", f"/me/records/{theirs.pk}/edit"),
        ("post", f"/me/records/{theirs.pk}/request"),
        ("get", "/me/records/not-an-id"),
    ):
        assert getattr(client, method)(url, data={"text": "x"}).status_code == 404, url
    assert str(theirs.pk) not in client.get("/me/records").text
    assert ServiceRecord.objects.get(pk=theirs.pk).history == []


def test_rejected_record_is_corrected_and_resubmitted_with_history(make, login, me):
    record = make.service_record(me.volunteer, hours=Decimal(3))
    reject(record.pk, "worker", "时长与签到表不符")
    client = login(me)
    form = _log_form(
        record.organisation,
        hours="2",
        activity_name=record.activity_name,
        activity_date=str(record.activity_date),
        reason="按签到表更正",
    )
    assert client.post(f"/me/records/{record.pk}/edit", data=form).status_code == 302
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert saved.status == "submitted" and saved.hours == Decimal(2)
    assert saved.history[-1].action == "resubmit" and saved.history[-1].changes["hours"] == [
        "3",
        "2",
    ]


def test_approved_record_takes_a_correction_request(app, make, login, me):
    from tests.volunteers.pages import filter_arg

    record = make.service_record(me.volunteer)
    approve(record.pk, "worker")
    client = login(me)
    assert client.get(f"/me/records/{record.pk}/edit").status_code == 302
    client.post(f"/me/records/{record.pk}/request", data={"text": "实际服务3小时"})
    assert ServiceRecord.objects.get(pk=record.pk).correction_request == "实际服务3小时"
    make.service_record(me.volunteer, activity_name="无需更正")
    staff = app.test_client()
    from tests.factories import PASSWORD

    staff.post("/login", data={"username": make.user().username, "password": PASSWORD})
    arg = filter_arg(app, "service_record", "correction_request", kinds=("FilterEmpty",))
    page = staff.get(f"/admin/service_record/?{arg}=0").text
    assert "助老探访" in page and "无需更正" not in page


def test_star_progress_uses_the_rule_set(make, login, me):
    RuleSet(
        kind="volunteer_stars",
        code="default",
        name="星级",
        params={"thresholds": [4, 10, 20], "cap_hours_per_activity": None},
    ).save()
    for hours in ("2.5", "3"):
        approve(make.service_record(me.volunteer, hours=Decimal(hours)).pk, "worker")
    page = login(me).get("/me/").text
    assert 'data-total="5.5"' in page and 'data-level="1"' in page
    assert 'data-to-next="4.5"' in page
