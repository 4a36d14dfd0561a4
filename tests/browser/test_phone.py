"""Phones at 390x844 in headless Chromium: a community worker's demand list, details, actions
and dashboard; a volunteer's pages and the wish wall."""

import threading
from decimal import Decimal

import pytest
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app
from weimin.volunteers.hours import recount_approved_hours

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}
OVERFLOW = "document.documentElement.scrollWidth"
CHANNELS = ("window", "hotline", "wechat", "visit", "meeting", "grid", "api")


@pytest.fixture(scope="module")
def site():
    """A community with demands of several categories and channels, its worker, a volunteer with
    approved hours and a wish on the wall; served on a local port."""
    app = make_app()
    with app.app_context():
        street = factories.street()
        community = factories.community(street, name="幸福里社区")
        names = ("居家养老服务", "环境卫生与绿化", "邻里纠纷调解", "助残帮困")
        items = [
            factories.item(
                street_doc=street,
                code=f"PH{n}",
                name=name,
                category=factories.category(code=f"C{n}", name=name, street_doc=street),
            )
            for n, name in enumerate(names)
        ]
        demands = [
            factories.demand(community, items[n % len(items)], channel=CHANNELS[n % len(CHANNELS)])
            for n in range(8)
        ]
        wish_item = factories.item("wish", street_doc=street, code="WISH", name="微心愿")
        factories.demand(community, wish_item, description="想要一台收音机")
        volunteer = factories.volunteer_user(community, name="李志愿")
        factories.service_record(
            volunteer.volunteer,
            status="approved",
            hours=Decimal("3.5"),
            credited_hours=Decimal("3.5"),
            content="陪伴独居老人聊天并帮助整理房间、购买日用品",
        )
        recount_approved_hours(volunteer.volunteer.pk)
        users = {
            "worker": factories.user("community_worker", community_doc=community).username,
            "volunteer": volunteer.username,
        }
        ticket = demands[0].ticket_no
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "users": users, "ticket": ticket}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def on_phone(browser, site, who, landing):
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", site["users"][who])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(landing)
    return page


def fits(page):
    """The page is no wider than the phone: nothing to scroll sideways."""
    width = page.evaluate(OVERFLOW)
    assert width <= PHONE["width"], (page.url, width)


def heights(locator):
    return [box["height"] for box in (el.bounding_box() for el in locator.all()) if box]


def test_a_worker_handles_demands_on_a_phone(site, browser):
    page = on_phone(browser, site, "worker", "**/admin/")
    # The dashboard's pie charts keep every label inside the chart, none cut short.
    for chart in ("category", "channel"):
        page.wait_for_selector(f"#chart-{chart}[data-drawn=true] svg")
        texts = page.eval_on_selector_all(
            f"#chart-{chart} svg text",
            """(texts) => texts.map((t) => {
                const box = t.getBoundingClientRect();
                const frame = t.closest('.chart').getBoundingClientRect();
                return [t.textContent, box.left >= frame.left - 1 && box.right <= frame.right + 1];
            })""",
        )
        assert texts and all(inside for _text, inside in texts), texts
        assert not any(text.endswith("…") or text.endswith("...") for text, _in in texts)
    fits(page)

    page.goto(site["url"] + "/admin/demand/")
    fits(page)
    assert page.is_hidden("table.model-list")
    cards = page.locator("#demand-cards .demand-card")
    assert cards.count() == 9 and cards.first.is_visible()
    assert min(heights(page.locator("#demand-cards .btn"))) >= 44

    card = page.locator(".demand-card", has_text=site["ticket"])
    card.locator("a.btn-primary").click()
    page.wait_for_url("**/admin/demand/details/**")
    fits(page)
    label, value = page.locator("table.searchable tr").first.locator("td").all()
    assert label.bounding_box()["y"] < value.bounding_box()["y"]  # the label above its value
    buttons = page.locator("form[data-action] button")
    assert min(heights(buttons)) >= 44
    assert min(box["width"] for box in map(lambda b: b.bounding_box(), buttons.all())) > 300
    page.click("#to-next-steps")  # the steps are one tap away, not 25 rows down
    assert page.locator("#next-steps").bounding_box()["y"] < PHONE["height"]
    page.locator("form[data-action=escalate] button").click()
    page.wait_for_selector(".alert-success")
    fits(page)
    page.context.close()


def test_a_volunteer_uses_their_pages_and_the_wall_on_a_phone(site, browser):
    page = on_phone(browser, site, "volunteer", "**/me/")
    fits(page)
    for path in ("/me/records", "/me/certificate", "/me/log"):
        page.goto(site["url"] + path)
        fits(page)
    page.goto(site["url"] + "/me/records")
    page.locator("[data-record]").first.click()
    page.wait_for_selector("[data-field=content]")
    fits(page)
    assert min(heights(page.locator("main .btn"))) >= 44
    assert page.evaluate("document.querySelector('#certificate') === null")  # on its own page
    page.goto(site["url"] + "/me/certificate")
    assert min(heights(page.locator("#issue"))) >= 44
    page.click("#issue")
    table = page.locator("#certificate table")
    table.wait_for()
    fits(page)
    assert table.is_visible()
    assert table.bounding_box()["width"] <= PHONE["width"]

    page.goto(site["url"] + "/wall/")
    fits(page)
    assert page.locator(".wish").count() == 1
    assert min(heights(page.locator(".wish .btn:visible"))) >= 44
    page.click(".wish summary")  # claiming asks to confirm: the confirm button is big too
    assert min(heights(page.locator(".wish .btn:visible"))) >= 44
    assert page.locator(".wish button[type=submit]").is_visible()
    page.click("#back-to-me")
    page.wait_for_url("**/me/")
    assert page.is_visible("#my-total")
    page.context.close()
