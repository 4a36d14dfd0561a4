"""Catalogue editing and account forms in headless Chromium: a street admin's item list and
item form, the version history; the district admin's user form."""

import threading

import pytest
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site():
    """A street with its own item (one text field) and a district template; served locally."""
    app = make_app()
    with app.app_context():
        street = factories.street()
        own = factories.item(
            street_doc=street,
            code="OWN1",
            name="上门理发",
            fields=[{"name": "note", "label_zh": "备注", "type": "text"}],
        )
        template = factories.item(code="TPL1", name="助浴服务")
        users = {
            "street": factories.user("street_admin", street_doc=street).username,
            "district": factories.user("district_admin").username,
        }
        ids = {"own": str(own.pk), "template": str(template.pk)}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "users": users, **ids}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def sign_in(browser, site, who):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", site["users"][who])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_a_street_admin_edits_an_item_and_reads_the_change(site, browser):
    page = sign_in(browser, site, "street")
    page.goto(site["url"] + "/admin/item/")
    template_row = page.locator("table.model-list tr", has_text="TPL1")
    assert template_row.locator("[data-source=template]").is_visible()
    assert template_row.locator("a[href*='/edit/']").count() == 0
    assert page.locator("table.model-list tr", has_text="OWN1").locator("a[href*='/edit/']").count()

    page.goto(site["url"] + f"/admin/item/edit/?id={site['own']}")
    # A text field shows its own attributes only, side by side (each one under the other, all
    # thirteen of them, made a definition 1,000 px tall).
    height = page.eval_on_selector("#fields-0", "card => card.getBoundingClientRect().height")
    assert height < 450, height
    assert page.evaluate("document.documentElement.scrollHeight") < 2000
    assert page.is_visible("#fields-0-max_length") and page.is_hidden("#fields-0-choices")
    assert page.is_hidden("#fields-0-min_value")
    page.select_option("#fields-0-type", "choice")
    assert page.is_visible("#fields-0-choices") and page.is_hidden("#fields-0-max_length")
    page.fill("#fields-0-choices", "a | 甲")  # typed, then the type goes back to text
    page.select_option("#fields-0-type", "text")
    page.fill("#fields-0-label_zh", "服务备注")
    page.fill("#fields-0-max_length", "50")
    page.click("input[type=submit].btn-primary")
    page.wait_for_url("**/admin/item/**")

    page.goto(site["url"] + f"/admin/item/details/?id={site['own']}")
    change = page.inner_text("#item-versions tr[data-version='2']")
    assert "修改字段" in change and "中文名称：备注 → 服务备注" in change
    assert "最长长度：（空） → 50" in change and "选项" not in change
    page.goto(site["url"] + f"/admin/item/edit/?id={site['template']}")
    assert "/admin/item/details/" in page.url and page.is_visible("#template-note")
    page.click("#adopt-template")
    page.wait_for_selector(".alert-success")
    copy = page.locator("table.model-list tr", has_text="TPL1")
    assert copy.count() == 1 and copy.locator("[data-source=copy]").is_visible()
    page.context.close()


def test_the_user_form_starts_without_a_role(site, browser):
    page = sign_in(browser, site, "district")
    page.goto(site["url"] + "/admin/user/new/")
    assert page.eval_on_selector("#role", "select => select.value") == ""
    assert page.inner_text("#role option:checked") == "请选择角色"
    page.fill("#username", "lina")
    page.fill("#name", "李娜")
    page.fill("#password", "Lang-Pass-2026!")
    page.click("input[type=submit].btn-primary")
    # The browser itself holds the form back until a role is chosen (the server's message is
    # tested with the test client).
    assert page.eval_on_selector("#role", "select => select.validity.valueMissing")
    assert page.url.endswith("/admin/user/new/")
    page.context.close()
