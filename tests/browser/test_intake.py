"""Intake and handling in headless Chromium: a worker's intake feedback and phone search, an
unhappy evaluation sent back, a street admin's void, a volunteer's confirmed claim and release."""

import re
import threading

import pytest
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]
PHONE = "13805740001"
PHONE_SIZE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site():
    """A street with one community, its worker, street admin and volunteer; an affair waiting
    for the resident's evaluation and a wish on the wall; served on a local port."""
    from weimin.demands import transitions
    from weimin.demands.links import evaluation_token

    app = make_app()
    with app.app_context():
        street = factories.street()
        community = factories.community(street)
        affair = factories.item(street_doc=street, name="路灯维修")
        wish = factories.item(kind="wish", street_doc=street, name="陪老人就医")
        answered = factories.demand(community, affair, resident_phone="13900001111")
        org = factories.organisation(street)
        transitions.apply(answered, "assign", "worker", organisation=org)
        for action in ("start", "close", "answer"):
            transitions.apply(answered, action, "worker")
        on_wall = factories.demand(community, wish, description="周三陪王奶奶去医院复查")
        from jobs.clearance import run_clearance
        from weimin.core.periods import previous_month

        run_clearance(previous_month())  # a draft month to publish
        users = {
            "worker": factories.user(
                "community_worker", street_doc=street, community_doc=community
            ).username,
            "street": factories.user("street_admin", street_doc=street).username,
            "volunteer": factories.volunteer_user(community).username,
        }
        data = {
            "item": str(affair.pk),
            "evaluate": "/e/" + evaluation_token(answered),
            "answered": answered.ticket_no,
            "wish": on_wall.ticket_no,
        }
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "users": users, **data}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def sign_in(browser, site, who, **context):
    page = browser.new_context(**context).new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", site["users"][who])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page


def take_in(page, site, phone):
    """Fill and save the demand form; the details page of the new demand opens."""
    page.goto(f"{site['url']}/admin/demand/new/?item={site['item']}")
    for name in ("item", "street", "community"):  # select2 hides the selects it replaces
        page.eval_on_selector(
            f"select#{name}",
            "s => { s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change')) }",
        )
    page.fill("#resident_name", "钱多多")
    page.fill("#resident_phone", phone)
    page.select_option("#channel", "hotline")
    page.fill("#description", "小区门口路灯不亮")
    page.click("input[type=submit][value='保存']")
    page.wait_for_url("**/admin/demand/details/**")
    return page.locator(".alert-info").first.inner_text()


def test_worker_sees_ticket_deadline_duplicate_and_finds_by_phone(site, browser):
    page = sign_in(browser, site, "worker", viewport=PHONE_SIZE)
    told = take_in(page, site, PHONE)
    first = re.search(r"受理编号 (\S+)，期限 (\d{4}-\d\d-\d\d \d\d:\d\d)", told)
    assert first, told
    assert "同一电话" not in told
    told = take_in(page, site, "138 0574 0001")
    assert f"同一电话同一事项尚有未办结诉求 {first[1]}，查看" in told
    later = page.url
    assert page.locator("#duplicate-of").is_visible()
    page.click(".alert-info .duplicate-note a")  # the link in the message opens the earlier one
    page.wait_for_url("**/admin/demand/details/**")
    assert first[1] in page.locator("table").first.inner_text()

    # The list marks the later one 重复? and finds both by the phone's last four digits.
    page.goto(site["url"] + "/admin/demand/")
    page.fill("input[name=search]", "0001")
    page.keyboard.press("Enter")
    page.wait_for_url("**search=0001**")
    rows = page.locator("table.model-list tbody tr")
    assert rows.count() == 2
    assert page.locator(".duplicate-marker").inner_text() == "重复?"

    # 合并: the later one closes as merged into the earlier one, after confirming.
    page.goto(later)
    merge = page.locator("form[data-action=merge]")
    merge.locator("input[name=confirm]").check()
    merge.locator("button[type=submit]").click()
    page.wait_for_selector("#duplicate-of:has-text('已合并到')")
    page.goto(site["url"] + "/admin/demand/?search=0001")
    assert page.locator("table.model-list tbody tr").count() == 1
    page.context.close()


def test_an_unhappy_evaluation_sends_the_demand_back(site, browser):
    resident = browser.new_context(viewport=PHONE_SIZE).new_page()
    resident.goto(site["url"] + site["evaluate"])
    resident.check("#s-dissatisfied")
    resident.check("#r-no")
    resident.click("button[type=submit]")
    resident.wait_for_selector("#thanks")
    assert "重新办理" in resident.locator("#reworked").inner_text()
    resident.context.close()

    page = sign_in(browser, site, "worker")
    page.goto(site["url"] + "/admin/demand/")
    page.fill("input[name=search]", site["answered"])
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    page.locator("table.model-list a[title='查看记录']").first.click()
    page.wait_for_url("**/admin/demand/details/**")
    timeline = page.locator("#timeline").inner_text()
    assert "重新办理" in timeline and "已转重新办理" in timeline
    page.click("#follow-up a")
    page.wait_for_url("**/admin/demand/details/**")
    assert site["answered"] in page.locator("#follow-up-of").inner_text()
    assert "重新办理" in page.locator("#timeline").inner_text()
    page.context.close()


def test_street_admin_voids_with_a_reason_after_confirming(site, browser):
    page = sign_in(browser, site, "street")
    page.goto(site["url"] + "/admin/demand/")
    assert page.locator("a[title='删除记录'], button[title='删除记录']").count() == 0
    page.locator("table.model-list a[title='查看记录']").first.click()
    page.wait_for_url("**/admin/demand/details/**")
    ticket = page.locator("table").first.locator("td").nth(1).inner_text().strip()
    void = page.locator("form[data-action=void]")
    void.locator("input[name=note]").fill("测试录入，作废")
    void.locator("button[type=submit]").click()  # the box is not ticked: the browser stops it
    assert page.locator("#voided").count() == 0
    void.locator("input[name=confirm]").check()
    void.locator("button[type=submit]").click()
    page.wait_for_selector("#voided")
    assert "测试录入，作废" in page.locator("#voided").inner_text()
    page.goto(site["url"] + "/admin/demand/")
    assert ticket not in page.locator("table.model-list").inner_text()
    page.context.close()


def test_volunteer_claims_with_confirmation_sees_it_and_releases_it(site, browser):
    page = sign_in(browser, site, "volunteer", viewport=PHONE_SIZE)
    page.goto(site["url"] + "/wall/")
    card = page.locator(f".wish[data-ticket='{site['wish']}']")
    card.locator("summary").click()
    card.locator("button[type=submit]").click()  # not confirmed yet: nothing is sent
    assert page.url.endswith("/wall/")
    card.locator("input[name=confirm]").check()
    card.locator("button[type=submit]").click()
    page.wait_for_url("**/me/")
    mine = page.locator(f"#my-wishes [data-ticket='{site['wish']}']")
    assert "请于" in mine.inner_text() and "24:00" in mine.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_SIZE["width"], width
    mine.locator("summary").click()
    mine.locator("input[name=confirm]").check()
    mine.locator("button[type=submit]").click()
    page.wait_for_selector("#no-wishes")
    page.goto(site["url"] + "/wall/")
    assert page.locator(f".wish[data-ticket='{site['wish']}']").count() == 1
    page.context.close()


def test_publishing_and_reopening_a_month_ask_to_confirm(site, browser):
    page = sign_in(browser, site, "street")
    page.goto(site["url"] + "/admin/clearance_month/")
    page.locator("input.action-checkbox").first.check()
    page.click("text=选中的")
    page.click("a[data-model-action=publish]")
    page.wait_for_url("**/admin/clearance_month/confirm/**")
    assert page.locator("#confirm-months li").count() == 1
    page.click("#confirm-form button[type=submit]")  # not ticked: the browser keeps the page
    assert "/confirm/" in page.url
    page.check("#confirm")
    page.click("#confirm-form button[type=submit]")
    page.wait_for_url(re.compile(r".*/admin/clearance_month/(\?.*)?$"))
    assert "发布完成" in page.locator(".alert-success").inner_text()
    page.click("table.model-list td a[href*='board']")  # the month's board
    page.wait_for_selector("#confirm-decide")
    page.click("button[value=reopen]")  # not ticked
    assert page.locator("#month-status").get_attribute("data-status") == "published"
    page.check("#confirm-decide")
    page.click("button[value=reopen]")
    page.wait_for_selector("#month-status[data-status=draft]")
    page.context.close()
