"""The audit trail in headless Chromium, as a supervisor and as a street admin: Chinese labels,
a ticket number linking to the demand, a before/after table, a filter and its export."""

import io
import threading

import pytest
from openpyxl import load_workbook
from werkzeug.serving import make_server

from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]
PASSWORD = "Test-password-1"


@pytest.fixture(scope="module")
def site():
    """Two streets; a demand in each, one of them with its resident's phone changed."""
    app = make_app()
    with app.app_context():
        from models import JobRun
        from tests import factories as make
        from weimin.store import audit

        mine, other = make.street(name="甲街道"), make.street(name="乙街道")
        demand = make.demand(make.community(mine, name="甲一社区"), resident_phone="13805740001")
        elsewhere = make.demand(make.community(other, name="乙一社区"))
        change = {"resident_phone": {"before": "13805740001", "after": "13805749999"}}
        with audit.acting_as("user", "worker01"):
            audit.record("update", "demands", demand.pk, change, street=mine.pk)
        run = JobRun(kind="ratings", period="2026", status="done", total=3, done=3).save()
        with audit.acting_as("job", "ratings"):
            audit.record("job", "job_runs", run.pk, {"done": {"before": 0, "after": 3}})
        with audit.acting_as("system", "migration 0001"):
            audit.record("bulk", "migrations", 1, summary="migration 0001 x: nothing to change")
        make.user("supervisor", username="supervisor")
        make.user("district_admin", username="worker01", name="周小勤")
        make.user("street_admin", street_doc=mine, username="street")
        facts = {"ticket": demand.ticket_no, "id": str(demand.pk), "other": elsewhere.ticket_no}
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", **facts}
    server.shutdown()


def sign_in(page, site, username):
    page.goto(site["url"] + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def exported(page, fmt="xlsx"):
    """Open the list's export menu, take the file, return its rows."""
    page.click("a.dropdown-toggle:has-text('导出')")
    with page.expect_download() as info:
        page.click(f"a[href*='/admin/audit/export/{fmt}/']")
    with open(info.value.path(), "rb") as file:
        sheet = load_workbook(io.BytesIO(file.read())).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_a_supervisor_reads_filters_and_exports_the_trail(site, browser):
    page = browser.new_page(accept_downloads=True)
    sign_in(page, site, "supervisor")
    page.goto(site["url"] + "/admin/audit/")
    table = page.locator("table.model-list")
    assert "新建" in table.inner_text() and "诉求" in table.inner_text()
    # Job runs, migrations and changed fields in words, never their codes.
    for words in ("星级评定 2026", "星级评定", "已处理", "数据迁移 0001：无需更改"):
        assert words in table.inner_text()
    assert site["id"] not in table.inner_text()  # records by ticket number, never an id
    # The change of the phone: open its details, read the masked before/after table.
    row = page.locator("table.model-list tr", has_text="修改").first
    row.locator("a[href*='/admin/audit/details/']").click()
    diff = page.locator("#audit-diff")
    assert diff.locator("th").all_inner_texts()[:3] == ["字段", "修改前", "修改后"]
    assert "居民电话" in diff.inner_text() and "138****0001" in diff.inner_text()
    assert "13805740001" not in page.content()
    page.click(f"a.audit-record:has-text('{site['ticket']}')")  # the demand's own page
    page.wait_for_url("**/admin/demand/details/**")
    # Filter by action in the list's own filter menu, then export what it shows.
    page.goto(site["url"] + "/admin/audit/")
    page.click("a.dropdown-toggle:has-text('添加筛选器')")
    page.click(".field-filters a.filter:text-is('操作')")
    page.locator("#filter_form select.filter-val").first.select_option(
        label="修改", force=True
    )  # under select2; the options are words, never the stored codes
    page.click("#filter_form button[type=submit]")
    page.wait_for_url("**flt*")
    assert page.locator("table.model-list a.audit-record").all_inner_texts() == [site["ticket"]]
    header, *rows = exported(page)
    assert header[:6] == ["时间", "操作者类型", "操作者", "操作", "数据集", "记录"]
    assert [row[3:6] for row in rows] == [["修改", "诉求", site["ticket"]]]
    assert "138****0001 → 138****9999" in rows[0][8]
    page.close()


def test_a_street_admin_searches_their_streets_trail_and_exports_it(site, browser):
    page = browser.new_page(accept_downloads=True)
    sign_in(page, site, "street")
    page.goto(site["url"] + "/admin/audit/")
    records = page.locator("table.model-list a.audit-record").all_inner_texts()
    assert site["ticket"] in records and site["other"] not in records  # own street only
    page.fill("input[name=search]", site["ticket"])
    page.press("input[name=search]", "Enter")
    page.wait_for_url("**search=**")
    assert set(page.locator("table.model-list a.audit-record").all_inner_texts()) == {
        site["ticket"]
    }
    header, *rows = exported(page)
    assert len(rows) == 2 and {row[5] for row in rows} == {site["ticket"]}
    assert {row[3] for row in rows} == {"新建", "修改"}
    assert any("13805740001 → 13805749999" in (row[8] or "") for row in rows)  # in full here
    # Who acted reads as a name, and the actor filter takes (part of) that name.
    page.goto(site["url"] + "/admin/audit/")
    assert "周小勤" in page.locator("table.model-list").inner_text()
    page.click("a.dropdown-toggle:has-text('添加筛选器')")
    page.click(".field-filters a.filter:text-is('操作者')")
    page.locator("#filter_form input.filter-val").first.fill("周小")
    page.click("#filter_form button[type=submit]")
    page.wait_for_url("**flt*")
    assert page.locator("table.model-list td.col-actor").all_inner_texts() == ["周小勤"]
    page.close()
