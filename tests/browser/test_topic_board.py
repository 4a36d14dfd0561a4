"""A resident supports a topic on the public board from a phone (390x844, headless Chromium)."""

import threading

import pytest
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site():
    app = make_app()
    with app.app_context():
        community = factories.community(name="幸福里社区")
        topic = factories.topic(community, title="电动车充电棚建设", raiser_name="赵敏",
                                raiser_phone="13900001234", supporters=4)  # fmt: skip
        code, topic_id = community.code, str(topic.pk)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "code": code, "topic": topic_id}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def test_a_resident_supports_a_topic_on_a_phone(site, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    refused = []
    page.on("console", lambda msg: refused.append(msg.text) if "Content Security" in msg.text
            else None)  # fmt: skip
    page.goto(f"{site['url']}/topics/{site['code']}/")
    card = page.locator(f"#topic-{site['topic']}")
    assert "电动车充电棚建设" in card.inner_text() and "4 人支持" in card.inner_text()
    assert "赵敏" not in page.content() and "13900001234" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card.locator("summary").tap()
    card.locator("input[name=phone]").fill("139 0000 5678")
    card.locator("button[type=submit]").tap()
    page.wait_for_selector(".alert-success")
    assert "感谢支持" in page.locator(".alert-success").inner_text()
    assert "5 人支持" in page.locator(f"#topic-{site['topic']}").inner_text()
    # The same phone again: refused, in plain Chinese, and the count stays.
    card = page.locator(f"#topic-{site['topic']}")
    card.locator("summary").tap()
    card.locator("input[name=phone]").fill("13900005678")
    card.locator("button[type=submit]").tap()
    page.wait_for_selector(".alert-danger")
    assert "已支持过此议题" in page.locator(".alert-danger").inner_text()
    assert "5 人支持" in page.locator(f"#topic-{site['topic']}").inner_text()
    assert not refused, refused
    context.close()
