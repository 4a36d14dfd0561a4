"""Dashboard and reports in headless Chromium: cards open their lists, empty charts say so,
red and black lists per street, a range of months in one run, ratings published to the bulletin.
"""

import threading
import uuid

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site():
    """The small demo: 12 months computed, those before last month published, this year's
    ratings drafts."""
    app = make_app(JOBS_EMBEDDED_WORKER=True, CELERY_QUEUE=f"browser-{uuid.uuid4().hex[:8]}")
    with app.app_context():
        from jobs.clearance import run_clearance
        from jobs.ratings import run_ratings
        from models import Street
        from models.base import utcnow
        from seeds import seed_all
        from weimin.core.periods import previous_month, shift_month

        seed_all(demo=True, size="small")
        month = previous_month()
        run_clearance(month)
        run_ratings(str(utcnow().year))
        streets = [s.code for s in Street.objects.order_by("code")]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {
        "url": f"http://127.0.0.1:{server.server_port}",
        "streets": streets,
        "month": month,
        "before": shift_month(month, -2),
        "current": shift_month(month, 1),
        "year": str(utcnow().year),
    }
    server.shutdown()
    worker = app.extensions.get("celery_worker")
    if worker is not None:
        worker.stop(in_sighandler=False, exitcode=0)


def sign_in(browser, site, username):
    page = browser.new_context().new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # confirmations (publish)
    page.goto(site["url"] + "/login")
    page.fill("#username", username)
    page.fill("#password", "Demo@2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def test_each_card_opens_a_list_of_its_count_and_lists_are_per_street(site, browser):
    page = sign_in(browser, site, "district")
    counts = {}
    for card in page.locator("[data-card]").all():
        code = card.get_attribute("data-card")
        counts[code] = int(card.locator("[data-count]").inner_text())
    assert set(counts) == {"received_month", "closed_month", "open", "overdue"}
    # Red and black lists: a card per street, each numbered on its own; drafts say so.
    groups = page.locator("#honour-lists .honour-street")
    assert groups.count() == len(site["streets"])
    for group in groups.all():
        assert group.locator("[data-draft]").count() == 2  # red and black: last month's draft
        for listing in group.locator("ol[data-list]").all():
            assert listing.evaluate("ol => ol.start") == 1
    comparison = page.locator("#street-comparison tbody tr")
    assert comparison.count() == len(site["streets"])
    # The latest month computed: this month, a draft the district admin sees.
    assert site["current"] in page.inner_text("#street-comparison h6")
    for code, count in counts.items():
        page.click(f"[data-card={code}]")
        page.wait_for_url("**/admin/demand/**")
        assert int(page.get_attribute("#list-total", "data-total")) == count, code
        page.go_back()
        page.wait_for_url("**/admin/")
    page.context.close()


def test_an_empty_chart_says_so(site, browser):
    page = sign_in(browser, site, "supervisor")  # no rating published yet: nothing to chart
    page.wait_for_selector("#chart-ratings[data-empty=true]")
    assert page.inner_text("#chart-ratings .chart-empty") == "暂无数据"
    page.wait_for_selector("#chart-category[data-drawn=true] svg")  # this month has demands
    page.context.close()


def test_the_district_admin_recomputes_a_range_of_months_in_one_run(site, browser):
    page = sign_in(browser, site, "district")
    page.goto(site["url"] + "/admin/job_run/new/?kind=clearance")
    page.fill("#period", site["month"])
    page.fill("#until", site["before"])  # reversed: refused under the field
    page.click("input[type=submit].btn-primary")
    page.wait_for_selector("#until.is-invalid")  # the message stands under the field
    assert "结束月份不能早于开始月份" in page.inner_text("body")
    page.fill("#period", site["before"])
    page.fill("#until", site["current"])
    page.click("input[type=submit].btn-primary")  # the months before last are published
    page.wait_for_selector("#until.is-invalid, #period.is-invalid")
    assert "已发布" in page.inner_text("body")
    page.fill("#period", site["month"])  # last month and this month: drafts
    page.fill("#until", site["current"])
    page.click("input[type=submit].btn-primary")
    page.wait_for_url("**/admin/job_run/**")
    row = page.locator("table.model-list tbody tr").first
    assert site["month"] in row.inner_text()
    page.wait_for_selector("[data-status=done]", timeout=60_000)  # the page refreshes itself
    page.context.close()


def test_a_street_admin_publishes_ratings_to_the_bulletin(site, browser):
    page = sign_in(browser, site, "street")
    page.goto(site["url"] + "/admin/objection_contact/new/")
    page.fill("#office", "街道社会事务办公室")
    page.fill("#phone", "0574-86881234")
    page.fill("#address", "人民路1号")
    page.click("input[type=submit].btn-primary")
    page.wait_for_url("**/admin/objection_contact/")
    page.goto(site["url"] + "/admin/rating_period/")
    page.locator("input.action-checkbox").first.check()
    page.click("text=选中的")
    page.click("a[data-model-action=publish]")  # asks to confirm (accepted by sign_in)
    page.wait_for_selector(".alert-success")
    assert "已发布" in page.inner_text(".alert-success")
    page.context.close()

    public = browser.new_context().new_page()
    public.goto(f"{site['url']}/bulletin/{site['streets'][0]}/")
    assert public.locator("#ratings tbody tr").count() > 0
    assert "公示 7 天" in public.inner_text("#objection-period")
    contact = public.inner_text("#objection-contact")
    assert "街道社会事务办公室" in contact and "057486881234" in contact and "人民路1号" in contact
    public.goto(f"{site['url']}/bulletin/{site['streets'][1]}/")  # not published there
    assert public.locator("#ratings").count() == 0
    public.context.close()
