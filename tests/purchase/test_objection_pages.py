"""Objections on the pages: an applicant objects on /org/ and sees the answer; the street enters
paper objections and answers on the call's page; the bulletin shows only the count; the
organisation sees its own rank and marks, never another applicant's."""

import io
from datetime import timedelta

import pytest

from models import PurchaseObjection
from models.base import utcnow
from tests.purchase.conftest import PDF, announced


@pytest.fixture
def awarded(world):
    return announced(world, utcnow() - timedelta(hours=1))


@pytest.fixture
def loser(world, make):
    return make.user("organisation", organisation=world["orgs"][1], username="org2")


def _zh(client):
    client.get("/lang/zh_Hans_CN")
    return client


def test_an_applicant_objects_and_reads_the_answer(world, awarded, loser, login, make):
    call, (first, second) = awarded
    client = _zh(login(loser))
    page = client.get(f"/org/applications/{second.pk}").text
    assert "提出异议" in page and "排名第 2" in page and "加权得分 70.00" in page
    assert world["orgs"][0].name not in page  # the winner's name and marks are not shown
    assert client.get(f"/org/applications/{first.pk}/objection").status_code == 404
    url = f"/org/applications/{second.pk}/objection"
    empty = client.post(url, data={"grounds": " "})
    assert empty.status_code == 200 and "异议未受理" in empty.text
    response = client.post(url, data={"grounds": "评分未考虑服务年限",
                                      "document": (io.BytesIO(PDF), "说明.pdf")},
                           content_type="multipart/form-data")  # fmt: skip
    assert response.status_code == 302
    objection = PurchaseObjection.objects.get()
    assert objection.organisation.pk == world["orgs"][1].pk
    assert "待答复" in client.get("/org/").text
    assert "评分未考虑服务年限" in client.get(f"/org/applications/{second.pk}").text
    assert client.get(f"/org/objections/{objection.pk}/file").data == PDF

    client.post("/logout")
    admin = make.user("street_admin", street_doc=world["street"])
    staff = _zh(login(admin))
    details = staff.get(f"/admin/purchase_call/details/?id={call.pk}").text
    assert "评分未考虑服务年限" in details and "驳回异议" in details
    assert staff.get(f"/admin/purchase_call/objection_file/?id={call.pk}"
                     f"&objection={objection.pk}").data == PDF  # fmt: skip
    answered = staff.post("/admin/purchase_call/answer/", data={
        "id": str(call.pk), "objection": str(objection.pk), "outcome": "dismissed",
        "answer": "评分符合公告载明的办法"})  # fmt: skip
    assert answered.status_code == 302 and objection.reload().status == "dismissed"
    staff.post("/logout")
    client = _zh(login(loser))
    assert "评分符合公告载明的办法" in client.get(f"/org/applications/{second.pk}").text


def test_the_street_enters_a_paper_objection_and_the_bulletin_counts_it(world, awarded, make,
                                                                       login, client):  # fmt: skip
    call, _apps = awarded
    admin = make.user("street_admin", street_doc=world["street"])
    staff = _zh(login(admin))
    url = f"/admin/purchase_call/objection/?id={call.pk}"
    assert staff.get(url).status_code == 200
    bad = staff.post(url, data={"objector_name": "张先生", "objector_phone": "123",
                                "grounds": "中选机构资质存疑"})  # fmt: skip
    assert bad.status_code == 200 and not PurchaseObjection.objects.count()
    assert "电话" in bad.text or "号码" in bad.text
    ok = staff.post(url, data={"objector_name": "张先生", "objector_phone": "13800002222",
                               "grounds": "中选机构资质存疑"})  # fmt: skip
    assert ok.status_code == 302 and PurchaseObjection.objects.get().channel == "paper"
    staff.post("/logout")
    bulletin = _zh(client).get(f"/bulletin/{world['street'].code}/awards").text
    assert "已收到异议 1 件，已答复 0 件" in bulletin
    assert "张先生" not in bulletin and "13800002222" not in bulletin


def test_who_may_record_and_answer(world, awarded, make, login):
    call, _apps = awarded
    objection = PurchaseObjection(
        call=call,
        street=world["street"],
        awarded_at=call.awarded_at,
        channel="paper",
        objector_name="张先生",
        objector_phone="13800002222",
        grounds="理由",
    ).save()
    worker = make.user("community_worker", community_doc=world["community"])
    client = login(worker)
    answer = {"id": str(call.pk), "objection": str(objection.pk), "outcome": "upheld",
              "answer": "x"}  # fmt: skip
    assert client.post("/admin/purchase_call/answer/", data=answer).status_code == 403
    assert client.get(f"/admin/purchase_call/objection/?id={call.pk}").status_code == 403
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").text
    assert "138****2222" in page and "13800002222" not in page  # read, phone masked
    assert objection.reload().status == "open" and call.reload().status == "awarded"
    client.post("/logout")
    other = make.street()
    stranger = make.user("street_admin", street_doc=other)
    client = login(stranger)
    assert client.post("/admin/purchase_call/answer/", data=answer).status_code == 404
    assert client.get("/admin/purchase_objection/").status_code == 200
