"""Service records: Art. 7 fields, plausible hours, late entries, corrections with history."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from mongoengine import ValidationError, signals

from models import ServiceRecord, Volunteer
from models.base import local_today
from tests.volunteers.pages import field_error, filter_arg
from weimin.core.errors import field_errors
from weimin.volunteers.hours import approve, correct
from weimin.volunteers.records import check

# National Day 2025: 1-8 October off; Sunday 28 September and Saturday 11 October are worked.
ACTIVITY = date(2025, 9, 26)
IN_TIME = datetime(2025, 10, 13, 2, tzinfo=UTC)  # 7 working days later (11 weekdays)
LATE = datetime(2025, 10, 20, 2, tzinfo=UTC)  # 12 working days later


def _record(make, **kw):
    vol = kw.pop("volunteer", None) or make.volunteer()
    org = make.organisation(vol.street)
    base = dict(
        volunteer=vol,
        organisation=org,
        activity_name="助老探访",
        location="服务中心",
        content="陪伴聊天",
        leader="王队长",
        hours=Decimal(2),
        activity_date=local_today() - timedelta(days=1),
    )
    return ServiceRecord(**{**base, **kw})


def _errors(record):
    """The messages of the check every write path runs (weimin.volunteers.records.check)."""
    with pytest.raises(ValidationError) as info:
        check(record)
    return field_errors(info.value)


@pytest.mark.parametrize("hours", ["0", "-1", "12.5", "2.555"])
def test_implausible_hours_are_refused(make, hours):
    assert "hours" in _errors(_record(make, hours=Decimal(hours)))


def test_more_than_a_day_across_records_is_refused(make):
    vol = make.volunteer()
    yesterday = local_today() - timedelta(days=1)
    make.service_record(vol, hours=Decimal(12), activity_date=yesterday)
    make.service_record(vol, hours=Decimal(10), activity_date=yesterday)
    third = _record(make, volunteer=vol, hours=Decimal(3), activity_date=yesterday)
    assert _errors(third) == {"hours": "More than 24 hours on one day for this volunteer"}


def test_future_activity_is_refused(make):
    record = _record(make, activity_date=local_today() + timedelta(days=1))
    assert "activity_date" in _errors(record)


def test_entry_across_the_national_day_holiday_is_in_time(make):
    record = _record(make, activity_date=ACTIVITY, submitted_at=IN_TIME).save()
    assert record.late is False


def test_late_entry_across_the_holiday_needs_a_reason_and_is_flagged(make):
    record = _record(make, activity_date=ACTIVITY, submitted_at=LATE)
    assert "late_reason" in _errors(record)
    record.late_reason = "纸质签到表延迟交回"
    record.save()
    assert ServiceRecord.objects.get(pk=record.pk).late is True


def test_a_plain_save_applies_the_late_rule_too(make):
    record = _record(make, activity_date=ACTIVITY, submitted_at=LATE)
    with pytest.raises(ValidationError) as info:
        record.save()  # no check() first: the save itself marks it late and asks for the reason
    assert "late_reason" in field_errors(info.value)
    assert ServiceRecord.objects(activity_date=ACTIVITY).count() == 0


def test_correcting_the_date_makes_a_record_late(make):
    record = make.service_record(make.volunteer())
    with pytest.raises(ValidationError) as info:
        correct(record.pk, {"activity_date": ACTIVITY}, "worker")
    assert "late_reason" in field_errors(info.value)
    correct(record.pk, {"activity_date": ACTIVITY, "late_reason": "补录"}, "worker")
    assert ServiceRecord.objects.get(pk=record.pk).late is True


def test_late_filter_narrows_the_admin_list(app, make, login):
    vol = make.volunteer()
    _record(
        make, volunteer=vol, activity_date=ACTIVITY, submitted_at=IN_TIME, activity_name="准时录入"
    ).save()
    _record(
        make,
        volunteer=vol,
        activity_date=ACTIVITY,
        submitted_at=LATE,
        late_reason="补录",
        activity_name="逾期补录",
    ).save()
    client = login(make.user("district_admin"))
    page = client.get(f"/admin/service_record/?{filter_arg(app, 'service_record', 'late')}=1")
    assert "逾期补录" in page.text and "准时录入" not in page.text


def test_staff_create_record_in_the_admin(make, login):
    vol = make.volunteer()
    org = make.organisation(vol.street, community=vol.community)
    client = login(make.user("community_worker", community_doc=vol.community))
    response = client.post(
        "/admin/service_record/new/",
        data={
            "volunteer": str(vol.pk),
            "activity_name": "垃圾分类督导",
            "activity_date": str(local_today() - timedelta(days=2)),
            "location": "3号楼",
            "content": "桶边督导",
            "hours": "1.5",
            "organisation": str(org.pk),
            "leader": "李组长",
        },
    )
    assert response.status_code == 302
    record = ServiceRecord.objects.get(activity_name="垃圾分类督导")
    assert record.status == "submitted" and record.community == vol.community
    assert record.hours == Decimal("1.5") and record.entered_by


def test_staff_entering_a_late_record_in_the_admin_give_a_reason(make, login):
    vol = make.volunteer()
    org = make.organisation(vol.street, community=vol.community)
    client = login(make.user("community_worker", community_doc=vol.community))
    form = {
        "volunteer": str(vol.pk),
        "activity_name": "垃圾分类督导",
        "activity_date": str(local_today() - timedelta(days=40)),
        "location": "3号楼",
        "content": "桶边督导",
        "hours": "1.5",
        "organisation": str(org.pk),
        "leader": "李组长",
    }
    response = client.post("/admin/service_record/new/", data=form)
    assert field_error(response.text, "late_reason") and ServiceRecord.objects.count() == 0
    response = client.post("/admin/service_record/new/", data={**form, "late_reason": "补录"})
    assert response.status_code == 302
    assert ServiceRecord.objects.get(activity_name="垃圾分类督导").late is True


def test_an_admin_correction_saves_the_record_once(make, login):
    record = make.service_record(make.volunteer(), hours=Decimal(3))
    client = login(make.user("district_admin"))
    form = {
        "volunteer": str(record.volunteer.pk),
        "activity_name": "改名后的活动",
        "activity_date": str(record.activity_date),
        "location": record.location,
        "content": record.content,
        "hours": "3",
        "organisation": str(record.organisation.pk),
        "leader": record.leader,
    }
    saves = []

    def count(sender, document, **kwargs):
        saves.append(document.pk)

    signals.post_save.connect(count, sender=ServiceRecord)
    try:
        response = client.post(f"/admin/service_record/edit/?id={record.pk}", data=form)
    finally:
        signals.post_save.disconnect(count, sender=ServiceRecord)
    assert response.status_code == 302
    assert saves == [record.pk]
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert saved.activity_name == "改名后的活动" and saved.history[-1].action == "edit"


def test_correcting_an_approved_record_needs_a_reason_and_keeps_history(make, login):
    record = make.service_record(make.volunteer(), hours=Decimal(3))
    approve(record.pk, "worker")
    client = login(make.user("district_admin"))
    form = {
        "volunteer": str(record.volunteer.pk),
        "activity_name": record.activity_name,
        "activity_date": str(record.activity_date),
        "location": record.location,
        "content": record.content,
        "hours": "2.5",
        "organisation": str(record.organisation.pk),
        "leader": record.leader,
    }
    url = f"/admin/service_record/edit/?id={record.pk}"
    response = client.post(url, data=form)
    assert field_error(response.text, "reason")
    assert ServiceRecord.objects.get(pk=record.pk).hours == Decimal(3)
    assert (
        client.post(url, data={**form, "reason": "志愿者申请：实际服务2.5小时"}).status_code == 302
    )
    saved = ServiceRecord.objects.get(pk=record.pk)
    assert saved.hours == Decimal("2.5") and saved.credited_hours == Decimal("2.5")
    assert saved.history[-1].changes["hours"] == ["3", "2.5"]
    assert saved.history[-1].reason == "志愿者申请：实际服务2.5小时"
    assert Volunteer.objects.get(pk=record.volunteer.pk).approved_hours == Decimal("2.5")
    details = client.get(f"/admin/service_record/details/?id={record.pk}").text
    assert "志愿者申请：实际服务2.5小时" in details


def test_approved_records_are_not_deleted(make, login):
    vol = make.volunteer()
    record, stray = make.service_record(vol), make.service_record(vol, activity_name="误录")
    approve(record.pk, "worker")
    client = login(make.user("district_admin"))
    for doc in (record, stray):
        client.post("/admin/service_record/delete/", data={"id": str(doc.pk)})
    assert ServiceRecord.objects(pk=record.pk).count() == 1
    assert ServiceRecord.objects(pk=stray.pk).count() == 0
