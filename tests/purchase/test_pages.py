"""The pages: a call drafted through the form, published, applied to on /org/, scored, awarded,
exported, announced; organisation accounts see only their own, in Chinese."""

import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from models import Application, PanelScore, PurchaseCall
from models.base import utcnow
from tests.purchase.conftest import PDF, form
from weimin.purchase import applications, calls, review


@pytest.fixture
def org_user(world, make):
    return make.user("organisation", organisation=world["orgs"][0], username="org1")


@pytest.fixture
def published(world):
    return calls.advance(world["call"], "publish", utcnow() - timedelta(hours=1))


def _zh(client):
    client.get("/lang/zh_Hans_CN")
    return client


def test_the_street_drafts_a_call_through_the_form(world, make, login):
    admin = make.user("street_admin", street_doc=world["street"])
    client = login(admin)
    assert client.get("/admin/purchase_call/new/").status_code == 200
    data = {
        "street": str(world["street"].pk),
        "title": "助餐服务",
        "category": str(world["item"].category.pk),
        "item": str(world["item"].pk),
        "budget_cap": "50000",
        "service_start": "2026-01-01 00:00:00",
        "service_end": "2026-12-31 00:00:00",
        "min_stars": "0",
        "application_days": "10",
        "objection_days": "5",
        "contact_name": "李主任",
        "contact_phone": "13800002222",
        "criteria-0-name": "方案",
        "criteria-0-weight": "70",
        "criteria-0-max_score": "100",
        "criteria-1-name": "价格",
        "criteria-1-weight": "20",
        "criteria-1-max_score": "100",
        "milestones-0-name": "首期款",
        "milestones-0-share": "30",
        "milestones-1-name": "尾款",
        "milestones-1-share": "70",
    }
    response = client.post("/admin/purchase_call/new/", data=data)
    assert response.status_code == 200 and not PurchaseCall.objects(title="助餐服务")
    assert "各项权重之和为 90" in response.get_data(as_text=True)
    data["criteria-1-weight"] = "30"
    response = client.post("/admin/purchase_call/new/", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    call = PurchaseCall.objects.get(title="助餐服务")
    assert call.street.pk == world["street"].pk and call.status == "draft"
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}")
    assert page.status_code == 200
    client.post("/admin/purchase_call/act/", data={"id": str(call.pk), "do": "publish"})
    assert call.reload().status == "published" and call.deadline is not None


def test_an_organisation_applies_and_sees_only_its_own(world, published, org_user, login, make):
    client = _zh(login(org_user))
    home = client.get("/org/")
    assert home.status_code == 200 and "2025年助老服务项目" in home.get_data(as_text=True)
    url = f"/org/calls/{published.pk}/apply"
    bad = client.post(url, data={**form(), "file_0": (io.BytesIO(b"GIF89a"), "方案.pdf")},
                      content_type="multipart/form-data")  # fmt: skip
    assert "不是" in bad.get_data(as_text=True) or "PDF" in bad.get_data(as_text=True)
    assert Application.objects.count() == 0
    ok = client.post(url, data={**form(), "file_0": (io.BytesIO(PDF), "方案.pdf")},
                     content_type="multipart/form-data")  # fmt: skip
    assert ok.status_code == 302
    mine = Application.objects.get()
    assert client.get(f"/org/applications/{mine.pk}").status_code == 200
    assert client.get(f"/org/applications/{mine.pk}/files/0").data == PDF
    other = applications.submit(published, world["orgs"][1], form(), [("服务方案", "a.pdf", PDF)],
                                "街道", utcnow())  # fmt: skip
    assert client.get(f"/org/applications/{other.pk}").status_code == 404
    assert client.get(f"/org/applications/{other.pk}/files/0").status_code == 404
    for path in ("/admin/purchase_call/", "/admin/application/", "/admin/demand/", "/me/"):
        assert client.get(path).status_code == 403, path
    assert client.get("/admin/").status_code == 302


def test_an_ineligible_organisation_is_told_why(world, published, make, login):
    org = make.organisation(world["street"], org_type="volunteer_team",
                            community=world["community"])  # fmt: skip
    client = _zh(login(make.user("organisation", organisation=org)))
    page = client.get(f"/org/calls/{published.pk}/apply").get_data(as_text=True)
    assert 'id="not-eligible"' in page and "apply-form" not in page


def test_panel_scoring_export_and_bulletin(world, published, make, login):
    for org in world["orgs"]:
        applications.submit(published, org, form(), [("服务方案", "a.pdf", PDF)], "街道",
                            utcnow())  # fmt: skip
    PurchaseCall.objects(pk=published.pk).update(set__status="reviewing")
    call = published.reload()
    first, second = Application.objects.order_by("submitted_at")
    judge = world["panel"][0]
    client = _zh(login(judge))
    url = f"/admin/purchase_call/score/?id={call.pk}&application={first.pk}"
    assert client.get(url).status_code == 200
    bad = client.post(url, data={"mark-0": "120", "mark-1": "5"})
    assert bad.status_code == 200 and PanelScore.objects.count() == 0
    assert client.post(url, data={"mark-0": "90", "mark-1": "9"}).status_code == 302
    declare = f"/admin/purchase_call/score/?id={call.pk}&application={second.pk}"
    client.post(declare, data={"do": "declare", "note": "理事兼任"})
    for member in world["panel"][1:]:
        for app in (first, second):
            review.score(call, app, member, {"服务方案": "80", "团队经验": "8"})
    workbook = client.get(f"/admin/purchase_call/scores.xlsx?id={call.pk}")
    assert workbook.status_code == 200
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    assert sheet["A2"].value == 1 and isinstance(sheet["D2"].value, float | int)
    assert sheet["D2"].value == pytest.approx(83.33)  # (90+80+80)/3 on both criteria
    page = client.get(f"/admin/purchase_call/details/?id={call.pk}").get_data(as_text=True)
    assert 'id="ranking"' in page
    assert (
        client.post(
            "/admin/purchase_call/act/", data={"id": str(call.pk), "do": "award"}
        ).status_code
        == 302
    )
    assert call.reload().status == "awarded"
    board = client.get(f"/bulletin/{world['street'].code}/awards").get_data(as_text=True)
    assert world["orgs"][0].name in board and "异议" in board


def test_another_streets_call_is_not_found(world, published, make, login):
    client = login(make.user("street_admin", street_doc=make.street()))
    assert client.get(f"/admin/purchase_call/details/?id={published.pk}").status_code == 404


def test_only_the_panel_scores(world, published, make, login):
    client = login(make.user("community_worker", community_doc=world["community"]))
    app = applications.submit(published, world["orgs"][0], form(), [("服务方案", "a.pdf", PDF)],
                              "街道", utcnow())  # fmt: skip
    url = f"/admin/purchase_call/score/?id={published.pk}&application={app.pk}"
    assert client.get(url).status_code == 403  # not on the panel


def test_an_organisation_account_opens_no_admin_list(app, org_user, login):
    from admin import VIEWS

    client = login(org_user)
    for *_rest, endpoint in VIEWS:
        assert client.get(f"/admin/{endpoint}/").status_code == 403, endpoint
