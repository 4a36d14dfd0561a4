"""A grid worker on a phone (390x844, headless Chromium): log a visit, then one tap turns its
finding into a demand, linked both ways."""

import threading

import pytest
from werkzeug.serving import make_server

from models import Demand, Visit
from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app
from tests.grids.conftest import grid

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site():
    """A community with two grids, a grid worker of the first, a service item; served."""
    app = make_app()
    with app.app_context():
        street = factories.street()
        community = factories.community(street, name="幸福里社区")
        mine = grid(community, "G01", households=120, name="幸福里第一网格")
        grid(community, "G02", households=90, name="幸福里第二网格")
        factories.item(street_doc=street, code="HOME", name="居家养老服务")
        worker = factories.user("community_worker", community_doc=community, name="赵网格")
        worker.grid = mine
        worker.save()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "user": worker.username, "app": app}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_grid_worker_logs_a_visit_and_turns_it_into_a_demand(site, browser):
    page = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    page.goto(site["url"] + "/login?next=/grid/")
    page.fill("#username", site["user"])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/grid/")
    assert "幸福里第一网格" in page.inner_text("#my-grid")
    fits(page)

    page.click("#new-visit-link")
    page.wait_for_selector("#visit-form")
    fits(page)
    page.click("#save-visit")  # empty: field messages, nothing saved
    page.wait_for_selector(".invalid-feedback[data-field=place]")
    page.fill("#place", "3栋2单元401室")
    page.fill("#met", "王奶奶")
    page.fill("#met_phone", "13912345678")
    page.fill("#findings", "独居老人，腿脚不便，希望有人上门送餐")
    page.click("label[for=tags-0]")  # 独居老人: the label is what a finger taps
    page.click("label[for=follow_up]")
    assert page.is_checked("input[name=tags][value=elderly_alone]")
    page.click("#save-visit")
    page.wait_for_selector("#take-in-form")
    assert "走访已记录" in page.inner_text("main")
    fits(page)
    button = page.locator("#take-in-button").bounding_box()
    assert button["height"] >= 38 and button["width"] > 300

    page.click("#take-in-button")  # one tap: prefilled from the visit
    page.wait_for_selector("#visit-demand")
    ticket = page.get_attribute("#visit-demand a", "data-ticket")
    assert ticket and ticket in page.inner_text(".alert-success")
    fits(page)
    with site["app"].app_context():
        visit = Visit.objects.get(place="3栋2单元401室")
        demand = Demand.objects.get(ticket_no=ticket)
        assert visit.demand == demand and demand.visit == visit
        assert demand.channel == "grid" and demand.grid == visit.grid
        assert demand.resident_phone == "13912345678"

    page.click("#visit-demand a")  # to the demand, which links back to the visit
    page.wait_for_url("**/admin/demand/details/**")
    assert page.locator("#demand-visit").count() == 1
    page.goto(site["url"] + "/grid/visits")
    assert page.locator("[data-visit]").count() == 1
    fits(page)
    page.context.close()
