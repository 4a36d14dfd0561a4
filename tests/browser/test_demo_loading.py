"""In Chromium: the sign-in page answers while the demo loads and follows its progress."""

import threading

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

import admin.dashboard
import seeds.demo_reports
from seeds.loading import load_in_background
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.mark.embedded_store
def test_the_banner_shows_the_loading_and_then_that_the_demo_is_ready(browser, monkeypatch):
    reached, release = threading.Event(), threading.Event()
    real = seeds.demo_reports.run_ratings

    def waiting(period):
        reached.set()
        assert release.wait(60)
        return real(period)

    monkeypatch.setattr(seeds.demo_reports, "run_ratings", waiting)
    monkeypatch.setattr(admin.dashboard, "warm_up", lambda app: None)
    app = make_app()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    loading = load_in_background(app, "small")
    page = browser.new_page(locale="zh-CN")
    try:
        assert reached.wait(120)
        page.goto(f"http://127.0.0.1:{server.server_port}/login")
        banner = page.locator("#demo-loading")
        assert "演示数据加载中" in banner.inner_text()
        assert 0 < int(page.locator("#demo-percent").inner_text()) < 100
        release.set()
        # The page is not reloaded: the banner hears that the demo is ready by itself.
        expect(banner).to_contain_text("加载完成", timeout=60_000)
    finally:
        release.set()
        loading.join(120)
        page.close()
        server.shutdown()
