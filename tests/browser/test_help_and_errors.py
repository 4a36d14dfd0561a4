"""In Chromium: each role opens its 使用帮助 from the menu; an empty list leads there; 404s
are Chinese pages with a way back in the admin, the public pages and the volunteer pages."""

import threading

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]

PHONE = {"width": 390, "height": 844}
TITLES = {
    "district": "区级管理员",
    "street": "街道管理员",
    "worker": "社区工作者",
    "supervisor": "督导/考核",
    "volunteer": "志愿者",
}


@pytest.fixture(scope="module")
def site():
    app = make_app()
    with app.app_context():
        from seeds import seed_all

        seed_all(demo=True, size="small")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def signed_in(browser, site, username, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(site + "/login")
    page.fill("#username", username)
    page.fill("#password", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return context, page


def assert_chinese_404(page, back):
    assert page.locator("#error-page").get_attribute("data-code") == "404"
    assert page.inner_text("#error-title") == "页面不存在"
    page.click("#error-back")
    page.wait_for_url(back)


@pytest.mark.parametrize("username", ("district", "street", "worker", "supervisor"))
def test_staff_open_their_help_from_the_menu(site, browser, username):
    context, page = signed_in(browser, site, username)
    page.click("nav a[href='/admin/help/']")
    page.wait_for_url("**/admin/help/")
    assert page.inner_text("#help-page h1") == f"使用帮助 · {TITLES[username]}"
    if username == "street":  # its links open the screens it names; an empty list leads back
        assert page.locator("#help-page", has_text="至（月份）").count() == 1
        page.click("#help-page a[href='/admin/rating_period/']")
        page.wait_for_url("**/admin/rating_period/")
        page.goto(site + "/admin/api_token/")
        page.click("a.empty-help")
        page.wait_for_url("**/admin/help/")
        page.goto(site + "/admin/no-such-page/")
        assert page.locator("nav a[href='/admin/help/']").count() == 1  # inside the admin
        assert_chinese_404(page, "**/admin/")
    context.close()


def test_a_volunteer_on_a_phone_opens_help_and_meets_a_chinese_404(site, browser):
    context, page = signed_in(browser, site, "volunteer", viewport=PHONE)
    page.wait_for_url("**/me/")
    page.click("#help-link")
    page.wait_for_url("**/me/help")
    assert page.inner_text("#help-page h1") == "使用帮助 · 志愿者"
    assert "我认领的心愿" in page.inner_text("#help-page")  # as /me/ names them
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width  # readable without sideways scrolling
    page.goto(site + "/me/no-such-page")
    assert_chinese_404(page, "**/me/")
    context.close()


def test_a_public_404_is_chinese(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(site + "/bulletin/NOWHERE/")
    assert_chinese_404(page, "**/login**")
    context.close()
