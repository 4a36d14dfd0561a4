"""A supervisor in headless Chromium: dashboard charts, a ratings export, the public bulletin."""

import io
import threading
import uuid

import pytest
from openpyxl import load_workbook
from werkzeug.serving import make_server

from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]


@pytest.fixture(scope="module")
def site():
    """The product on a local port: small demo, computed reports, one published month."""
    # Jobs run on the in-process worker, as in the demo, on a queue of this module's own.
    app = make_app(JOBS_EMBEDDED_WORKER=True, CELERY_QUEUE=f"browser-{uuid.uuid4().hex[:8]}")
    with app.app_context():
        from jobs.clearance import run_clearance
        from jobs.publication import publish_month
        from jobs.rating_publication import publish_ratings
        from jobs.ratings import run_ratings
        from models import Street
        from models.base import utcnow
        from seeds import seed_all
        from weimin.core.periods import previous_month

        seed_all(demo=True, size="small")
        month = previous_month()
        run_clearance(month)
        run_ratings(str(utcnow().year))
        street = Street.objects.order_by("code").first()
        for each in Street.objects:  # supervisors see published figures only
            publish_month(each, month, "test")
            publish_ratings(each, str(utcnow().year), "test")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    yield {"url": url, "street": street.code, "month": month, "app": app}
    server.shutdown()
    worker = app.extensions.get("celery_worker")
    if worker is not None:
        worker.stop(in_sighandler=False, exitcode=0)


def sign_in(page, site, username):
    page.goto(site["url"] + "/login")
    page.fill("#username", username)
    page.fill("#password", "Demo@2026")
    page.click("button[type=submit]")


def read_xlsx(download):
    with open(download.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_supervisor_sees_charts_and_exports_ratings(site, browser):
    page = browser.new_page(accept_downloads=True)
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    sign_in(page, site, "supervisor")
    page.wait_for_url("**/admin/")
    for chart in ("trends", "ratings", "category", "channel"):
        page.wait_for_selector(f"#chart-{chart}[data-drawn=true] :is(canvas, svg)")
    assert page.locator("[data-count=received_month]").inner_text().strip().isdigit()

    page.goto(site["url"] + "/admin/exports/")
    with page.expect_download() as download_info:
        page.click("#export-ratings-xlsx")
    download = download_info.value
    assert (
        download.suggested_filename.endswith(".xlsx") and "星级评定" in download.suggested_filename
    )
    *rows, blank, note = read_xlsx(download)  # the rows, then the breakdown's footnote
    assert rows[0][:5] == ["名称", "类型", "街道", "得分", "星级"]
    assert len(rows) > 1 and all(isinstance(r[3], (int, float)) for r in rows[1:])
    assert not any(blank) and note[0].startswith("各项得分按四舍五入")
    assert not problems, problems
    page.close()


def test_a_large_export_shows_progress_then_downloads(site, browser):
    site["app"].config["EXPORT_SYNC_MAX_ROWS"] = 10
    page = browser.new_page(accept_downloads=True)
    sign_in(page, site, "supervisor")
    page.wait_for_url("**/admin/")
    page.goto(site["url"] + "/admin/exports/")
    page.click("#export-ratings-xlsx")
    page.wait_for_url("**/admin/exports/jobs/*")
    assert "后台生成" in page.inner_text(".alert-info")
    page.wait_for_selector("#export-download", timeout=60_000)  # the page refreshes itself
    with page.expect_download() as download_info:
        page.click("#export-download")
    download = download_info.value
    assert "星级评定" in download.suggested_filename
    rows = read_xlsx(download)
    assert rows[0][:5] == ["名称", "类型", "街道", "得分", "星级"] and len(rows) > 11
    page.goto(site["url"] + "/admin/exports/jobs/")
    assert page.locator("#export-jobs tr[data-job]").count() == 1
    page.close()


def test_public_bulletin_needs_no_sign_in(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site['url']}/bulletin/{site['street']}/")
    assert page.locator("#month-title").inner_text().endswith(site["month"])
    assert page.locator("#ranking tbody tr").count() > 0
    context.close()
