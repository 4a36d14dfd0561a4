"""Imports in headless Chromium: a street admin downloads the demand template, fills it in as
people do (names, date cells, numbers, full-width digits) and uploads it through the page."""

import io
import threading
from datetime import datetime

import pytest
from bson import Decimal128
from openpyxl import load_workbook
from werkzeug.serving import make_server

from tests import factories
from tests.browser.conftest import needs_chromium
from tests.conftest import make_app

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def site():
    """A street with two communities, an item with its own fields, its street admin."""
    from models.field_def import Choice, FieldDef

    app = make_app()
    with app.app_context():
        street = factories.street()
        factories.community(street, code="GY01", name="幸福社区")
        factories.community(street, code="GY02", name="和平社区")
        factories.item(street_doc=street, code="ZL01", name="助老服务")  # listed first
        item = factories.item(street_doc=street, code="ZL02", name="独居老人探访")
        item.fields = [
            FieldDef(name="visit_on", label_zh="探访日期", type="date", required=True),
            FieldDef(name="age", label_zh="年龄", type="integer", min_value=Decimal128("0")),
            FieldDef(
                name="living",
                label_zh="居住情况",
                type="choice",
                choices=[
                    Choice(code="alone", label_zh="独居"),
                    Choice(code="family", label_zh="与家人同住"),
                ],
            ),
        ]
        item.save()
        user = factories.user("street_admin", street_doc=street).username
        item_id = str(item.pk)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}", "user": user, "item": item_id}
    server.shutdown()
    with app.app_context():
        from weimin.store.db import database

        database().client.drop_database(database().name)


def sign_in(browser, site):
    page = browser.new_context(accept_downloads=True).new_page()
    page.goto(site["url"] + "/login")
    page.fill("#username", site["user"])
    page.fill("#password", factories.PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def fill(book, rows):
    """The template's first sheet with rows appended below its example, as bytes."""
    sheet = book["诉求"]
    header = [c.value.rstrip("*") for c in sheet[1]]
    for row in rows:
        sheet.append([row.get(name) for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(page, data):
    page.set_input_files(
        "#file",
        files=[{"name": "诉求.xlsx", "mimeType": "application/octet-stream", "buffer": data}],
    )
    page.click("#import-submit")


def test_download_fill_and_upload_the_template(site, browser):
    page = sign_in(browser, site)
    page.goto(site["url"] + "/admin/demand_import/")
    assert "示例" in page.inner_text("#import-tips")
    page.select_option("#item", site["item"])  # the link follows the chosen item
    with page.expect_download() as download_info:
        page.click("#template-link")
    download = download_info.value
    assert "独居老人探访" in download.suggested_filename
    with open(download.path(), "rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    assert book.sheetnames == ["诉求", "说明", "选项"] and book["诉求"]["A2"].value == "示例"
    assert book["诉求"].data_validations.dataValidation  # the drop-downs are there
    person = {"社区": "和平社区", "受理渠道": "热线电话", "诉求描述": "需要上门探访"}
    good = fill(
        book,
        [
            person
            | {"居民姓名": "王芳", "居民电话": 13805740001.0, "探访日期": datetime(2026, 12, 20)}
            | {"年龄": 82.0, "居住情况": "独居"},
            person
            | {
                "居民姓名": "李  强",
                "居民电话": "１３９１２３４５６７８",
                "探访日期": "2026年12月20日",
            }
            | {"社区": "GY01"},
        ],
    )
    page.select_option("#item", site["item"])
    upload(page, good)
    page.wait_for_selector("#import-receipts")
    flashed = page.inner_text("body")
    assert "已受理 2 条诉求" in flashed and "示例行未导入" in flashed
    assert page.locator("#import-receipts tbody tr").count() == 2  # each ticket and deadline
    page.context.close()


def test_a_bad_cell_is_named_by_row_and_column_and_nothing_is_taken_in(site, browser):
    page = sign_in(browser, site)
    page.goto(site["url"] + "/admin/demand_import/")
    page.select_option("#item", site["item"])
    with page.expect_download() as download_info:
        page.click("#template-link")
    with open(download_info.value.path(), "rb") as file:
        book = load_workbook(io.BytesIO(file.read()))
    row = {"社区": "光明社区", "居民姓名": "赵六", "居民电话": "13700001111"}
    row |= {"受理渠道": "热线电话", "诉求描述": "需要探访", "探访日期": "2026-02-30"}
    upload(page, fill(book, [row]))
    errors = page.locator("#import-errors tbody tr")
    assert errors.count() == 2
    texts = sorted(errors.all_inner_texts())
    assert texts[0].split("\t")[:2] == ["3", "探访日期"] and "没有这个日期" in texts[0]
    assert texts[1].split("\t")[:2] == ["3", "社区"] and "没有这个名称或编码的社区" in texts[1]
    assert "未导入任何数据" in page.inner_text("body")
    page.context.close()
