"""A call from application to contract, objection included (headless Chromium): an organisation
applies on its phone (390x844), the street closes the call, scores and announces the award; the
organisation objects on its phone, the street dismisses the objection; once the objection period
has passed, the calendar job makes the award final and the contract shows on both sides. Every
page keeps to the CSP and raises no script error."""

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from werkzeug.serving import make_server

from jobs.purchase_calendar import run_purchase_calendar
from models import PurchaseCall, PurchaseContract, PurchaseObjection
from models.base import utcnow
from models.purchase_call import Criterion
from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app
from tests.purchase.conftest import PDF, form, plan
from weimin.purchase import applications, calls

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def site():
    """A street with an open call, two organisations (one with its account) and the street
    admin, alone on the call's panel; served."""
    app = make_app()
    with app.app_context():
        street = factories.street()
        community = factories.community(street, name="幸福里社区")
        item = factories.item("project", street_doc=street, subsidy_max=Decimal(100000))
        mine = factories.organisation(street, name="乐龄社工服务中心", community=community)
        rival = factories.organisation(street, name="邻里互助会", community=community)
        admin = factories.user("street_admin", street_doc=street, name="王科长")
        org_user = factories.user("organisation", organisation=mine, name="周社工")
        call = PurchaseCall(
            title="幸福里助老服务项目", street=street, category=item.category, item=item,
            budget_cap=Decimal(80000), service_start=datetime(2027, 1, 1, tzinfo=UTC),
            service_end=datetime(2027, 12, 31, tzinfo=UTC), required_documents=["服务方案"],
            criteria=[Criterion(name="服务方案", weight=60), Criterion(name="团队经验", weight=40)],
            panel=[admin], contact_name="王科长", contact_phone="13800001111",
        ).save()  # fmt: skip
        calls.advance(call, "publish", utcnow() - timedelta(hours=1))
        applications.submit(call, rival, form("50000"), plan(), "王科长", utcnow())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "app": app, "call": call.pk,
           "admin": admin.username, "org": org_user.username}  # fmt: skip
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def _page(browser, viewport, **kw):
    context = browser.new_context(viewport=viewport, **kw)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    return page


def _sign_in(page, site, username, lands):
    page.goto(site["url"] + "/login")
    page.fill("#username", username)
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lands)


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_apply_award_object_dismiss_and_final(site, browser, tmp_path):
    phone = _page(browser, PHONE, is_mobile=True, has_touch=True)
    _sign_in(phone, site, site["org"], "**/org/")
    fits(phone)
    phone.click("#open-calls a.btn")  # 申报
    phone.wait_for_selector("#apply-form")
    phone.fill("#proposal", "每周两次上门探访独居老人，建立一户一档")
    phone.fill("#budget", "60000")
    phone.fill("#team", "社工3名、志愿者10名")
    phone.set_input_files("input[name=file_0]", files=[
        {"name": "服务方案.pdf", "mimeType": "application/pdf", "buffer": PDF}])  # fmt: skip
    phone.click("#submit")
    phone.wait_for_selector("#status")
    fits(phone)

    with site["app"].app_context():  # the application period passes
        PurchaseCall.objects(pk=site["call"]).update(set__deadline=utcnow() - timedelta(minutes=1))
    desk = _page(browser, DESK)
    _sign_in(desk, site, site["admin"], "**/admin/")
    call_page = f"{site['url']}/admin/purchase_call/details/?id={site['call']}"
    desk.goto(call_page)
    for step in ("close", "review"):
        desk.click(f"#do-{step}")
        desk.wait_for_selector(".alert-success")
    for n in range(2):
        desk.locator(".score-link").nth(n).click()
        desk.wait_for_selector("#score-form")
        marks = ("90", "85") if "乐龄社工服务中心" in desk.content() else ("70", "60")
        desk.fill("#mark-0", marks[0])
        desk.fill("#mark-1", marks[1])
        desk.click("#save-scores")
        desk.wait_for_selector("#applications")
    assert "乐龄社工服务中心" in desk.inner_text("#ranking tbody tr:first-child")
    desk.click("#do-award")
    desk.wait_for_selector("#objections")
    assert "乐龄社工服务中心" in desk.inner_text("#ranking")

    phone.goto(site["url"] + "/org/")
    phone.click("#my-applications a")
    phone.wait_for_selector("#my-rank")
    assert "排名第 1" in phone.inner_text("#my-rank") and "邻里互助会" not in phone.content()
    phone.click("#object-link")
    phone.wait_for_selector("#objection-form")
    fits(phone)
    phone.fill("#grounds", "请公开团队经验一项的评分依据")
    phone.click("#submit-objection")
    phone.wait_for_selector(".objection[data-status=open]")
    fits(phone)
    phone.screenshot(path=str(tmp_path / "objection-on-phone.png"), full_page=True)

    desk.goto(call_page)
    objection = desk.locator(".objection[data-status=open]")
    assert "请公开团队经验一项的评分依据" in objection.inner_text()
    objection.locator("textarea[name=answer]").fill("评分依据已在评分表中列明，异议不成立")
    objection.locator(".do-dismiss").click()
    desk.wait_for_selector(".objection[data-status=dismissed]")
    desk.click("#do-finalise")  # refused: the objection period still runs
    desk.wait_for_selector(".alert-danger")
    with site["app"].app_context():
        assert PurchaseCall.objects.get(pk=site["call"]).status == "awarded"

    with site["app"].app_context():  # the calendar job, run as of the end of the period
        ends = calls.aware(PurchaseCall.objects.get(pk=site["call"]).objection_ends)
        assert run_purchase_calendar(now=ends - timedelta(seconds=1))["finalised"] == 0
        assert run_purchase_calendar(now=ends)["finalised"] == 1
        contract = PurchaseContract.objects.get()
        assert PurchaseObjection.objects.get().status == "dismissed"
    desk.goto(f"{site['url']}/admin/purchase_contract/details/?id={contract.pk}")
    assert "乐龄社工服务中心" in desk.inner_text("body")
    desk.screenshot(path=str(tmp_path / "contract.png"), full_page=True)
    phone.goto(site["url"] + "/org/")
    assert contract.demand.ticket_no in phone.inner_text("#my-projects")
    phone.click("#my-applications a")
    phone.wait_for_selector(".objection .answer")
    assert "评分依据已在评分表中列明" in phone.inner_text(".objection .answer")
    fits(phone)
    for page in (phone, desk):
        assert page.problems == [], page.problems  # CSP violations are console errors
        page.context.close()
