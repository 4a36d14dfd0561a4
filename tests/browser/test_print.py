"""Printing in Chromium: the work order and the receipt print bare — no menu, no buttons,
no demo banner — with the paper's own page size; on screen the navigation is there."""

import io
import threading

import pytest
from pypdf import PdfReader
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]
CHROME = ("nav.navbar", "#paper-tools", "#demo-banner")


@pytest.fixture(scope="module")
def site():
    """A worker and a demand of their community, served on a local port."""
    app = make_app()
    with app.app_context():
        community = factories.community(name="幸福社区")
        demand = factories.demand(community, resident_name="欧阳娜娜")
        worker = factories.user("community_worker", community_doc=community).username
        demand_id = str(demand.pk)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "worker": worker, "demand": demand_id}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


@pytest.fixture
def page(browser, site):
    page = browser.new_context().new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", site["worker"])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    yield page
    page.context.close()


def _printed_size(page):
    """The page size Chromium prints with, in points, when the page's CSS chooses it."""
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    box = reader.pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def _visible(page, selector):
    return page.locator(selector).count() > 0 and page.locator(selector).first.is_visible()


def test_the_work_order_prints_without_the_navigation(page, site):
    page.goto(f"{site['url']}/admin/demand/details/?id={site['demand']}")
    page.click("#print-work-order")
    page.wait_for_selector("#paper")
    assert _visible(page, "nav.navbar") and _visible(page, "#paper-tools")
    page.emulate_media(media="print")
    for selector in CHROME:
        assert not _visible(page, selector), selector
    assert _visible(page, "#paper") and _visible(page, "#paper-qr svg")
    assert page.inner_text("h1.paper-title") == "工单"
    assert "欧阳娜娜" in page.inner_text("#paper-rows")
    # The sheet spans the printable width: nothing of the screen layout around it.
    left = page.eval_on_selector("#paper", "el => el.getBoundingClientRect().left")
    assert left < 20
    assert _printed_size(page) == (595, 842)  # A4 in points, as the page's CSS asks


def test_the_receipt_is_a5_and_prints_bare(page, site):
    page.goto(f"{site['url']}/admin/demand/print/receipt/{site['demand']}")
    page.emulate_media(media="print")
    assert not _visible(page, "nav.navbar") and not _visible(page, "#print-paper")
    assert "欧阳**" in page.inner_text("#paper-rows")
    assert _printed_size(page) == (420, 595)  # A5
