"""A resident on a phone (390x844, headless Chromium): ask through the community page, fail and
pass the challenge, keep the receipt, follow the link, evaluate; and look a request up. Every
page keeps to the CSP and asks nothing of any host but the product."""

import re
import threading

import pytest
from werkzeug.serving import make_server

from models import Demand
from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app
from weimin.demands import transitions

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}
FIELDS = [{"name": "age", "label_zh": "老人年龄", "type": "integer", "required": True,
           "min_value": 0, "max_value": 120}]  # fmt: skip


@pytest.fixture(scope="module")
def site():
    app = make_app()
    with app.app_context():
        street = factories.street()
        community = factories.community(street, name="幸福里社区")
        factories.item(street_doc=street, code="HAIR", name="上门理发", fields=FIELDS)
        factories.item("wish", street_doc=street, code="WISH", name="微心愿")
        org = factories.organisation(street, name="阳光为老服务社")
        code = community.code
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "app": app, "code": code, "org": org}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


@pytest.fixture
def phone(browser, site):
    """A phone page that records CSP violations, script errors and every host it asks."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.problems, page.hosts = [], set()
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: page.hosts.add(re.match(r"\w+://[^/]+", r.url).group(0)))
    yield page
    assert page.problems == [], page.problems  # CSP violations are console errors
    assert page.hosts <= {site["url"]}, page.hosts
    context.close()


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def answer(page):
    a, b = map(int, re.findall(r"\d+", page.inner_text("#question")))
    return str(a + b)


def test_ask_follow_and_evaluate_on_a_phone(phone, site):
    page = phone
    page.goto(f"{site['url']}/r/{site['code']}")
    assert page.inner_text("#community-name") == "幸福里社区" and fits(page)
    page.click("[data-item=HAIR]")
    page.fill("#description", "老人行动不便，想请人上门理发")
    page.fill("#v_age", "86")
    page.fill("#resident_name", "王秀英")
    page.fill("#resident_phone", "13912345678")
    page.fill("#resident_address", "幸福里3幢2单元501室")
    page.check("#consent")
    wrong = str(int(answer(page)) + 1)
    page.fill("#answer", wrong)
    page.click("#send")
    assert "答案不对" in page.inner_text("[data-field=answer]") and fits(page)
    assert page.is_checked("#consent") and page.input_value("#v_age") == "86"
    page.fill("#answer", answer(page))
    page.click("#send")
    page.wait_for_selector("#received")
    ticket = page.inner_text("#ticket-no")
    assert page.locator("#follow-qr svg").count() == 1 and fits(page)
    page.click("#follow-link")
    page.wait_for_selector("#status-card")
    assert page.inner_text("#ticket-no") == ticket and "已受理" in page.inner_text("#steps")
    assert page.locator("input[name=satisfaction]").count() == 0

    with site["app"].app_context():  # staff handle it: assign, start, close, answer
        demand = Demand.objects.get(ticket_no=ticket)
        transitions.apply(demand, "assign", "worker", "内部备注", organisation=site["org"])
        for action in ("start", "close", "answer"):
            transitions.apply(Demand.objects.get(ticket_no=ticket), action, "worker", "内部备注")
    page.reload()
    assert "内部备注" not in page.content() and "阳光为老服务社" not in page.content()
    page.check("#s-satisfied")
    page.check("#r-yes")
    page.click("button[type=submit]")
    page.wait_for_selector("#thanks")
    assert fits(page)
    with site["app"].app_context():
        assert Demand.objects.get(ticket_no=ticket).status == "evaluated"

    page.goto(f"{site['url']}/f/")
    page.fill("#ticket", ticket)
    page.fill("#phone4", "0000")
    page.click("#look-up")
    page.wait_for_selector("#lookup-error")
    page.fill("#ticket", ticket)
    page.fill("#phone4", "5678")
    page.click("#look-up")
    page.wait_for_selector("#status-card")
    assert page.inner_text("#ticket-no") == ticket and fits(page)


def test_a_wish_without_consent_is_refused_on_its_field(phone, site):
    page = phone
    page.goto(f"{site['url']}/r/{site['code']}/WISH")
    page.fill("#description", "想要一台收音机")
    page.fill("#resident_name", "李大爷")
    page.fill("#resident_phone", "13812345678")
    page.fill("#resident_address", "幸福里5幢101室")
    page.fill("#answer", answer(page))
    page.click("#send")
    assert "未经您同意" in page.inner_text("[data-field=consent]") and fits(page)
