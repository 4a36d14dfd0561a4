"""API tokens in headless Chromium: a street admin creates, revokes and deletes; the API agrees."""

import json
import re
import threading
import urllib.error
import urllib.request

import pytest
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

SECRET = re.compile(r"wm_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}")
LIST = re.compile(r".*/admin/api_token/(\?.*)?$")

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def site():
    """Two streets, a street admin of the first, the district admin; served on a local port."""
    app = make_app()
    with app.app_context():
        own, other = factories.street(), factories.street()
        users = {
            "street": factories.user("street_admin", street_doc=own).username,
            "district": factories.user("district_admin").username,
        }
        ids = {"own": str(own.pk), "other": str(other.pk)}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "users": users, **ids}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def sign_in(browser, site, who):
    page = browser.new_context().new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the delete confirmation
    page.goto(site["url"] + "/login")
    page.fill("#username", site["users"][who])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def api_status(site, secret):
    """The status the API answers a catalogue read with this token."""
    request = urllib.request.Request(
        site["url"] + "/api/v1/catalogue/items", headers={"Authorization": f"Bearer {secret}"}
    )
    try:
        with urllib.request.urlopen(request) as answer:
            json.load(answer)
            return answer.status
    except urllib.error.HTTPError as exc:
        return exc.code


def create_token(page, site, name):
    page.goto(site["url"] + "/admin/api_token/new/")
    page.fill("#name", name)
    # Operations are ticked, not Ctrl-clicked in a list.
    page.click("label[for=scopes-catalogue-read]")
    page.click("label[for=scopes-demands-create]")
    page.click("input[type=submit].btn-primary")
    page.wait_for_url(LIST)
    return SECRET.search(page.inner_text(".alert-success")).group(0)


def row_of(page, name):
    return page.locator("table.model-list tbody tr", has_text=name)


def test_a_street_admin_creates_revokes_and_deletes_a_token(site, browser):
    page = sign_in(browser, site, "street")
    secret = create_token(page, site, "12345热线")
    assert api_status(site, secret) == 200
    page.reload()
    assert SECRET.search(page.content()) is None  # the secret is shown once only

    row_of(page, "12345热线").locator("a[href*='/edit/']").click()
    page.wait_for_selector("#active")
    page.uncheck("#active")
    page.click("input[type=submit].btn-primary")
    page.wait_for_url(LIST)
    assert api_status(site, secret) == 401  # revoked at once

    row_of(page, "12345热线").locator("button[data-confirm]").click()
    page.wait_for_selector(".alert-success")
    assert row_of(page, "12345热线").count() == 0
    page.context.close()


def test_the_district_admin_deletes_a_streets_token(site, browser):
    street = sign_in(browser, site, "street")
    street.goto(site["url"] + "/admin/api_token/new/")
    assert street.locator(f"#street option[value='{site['other']}']").count() == 0
    secret = create_token(street, site, "网格平台")
    street.context.close()

    page = sign_in(browser, site, "district")
    page.goto(site["url"] + "/admin/api_token/")
    row_of(page, "网格平台").locator("button[data-confirm]").click()
    page.wait_for_selector(".alert-success")
    assert row_of(page, "网格平台").count() == 0
    assert api_status(site, secret) == 401
    page.context.close()
