"""The demand import reads cells as Excel and WPS give them and as people type them."""

import io
from datetime import UTC, date, datetime

import pytest
from bson import Decimal128
from openpyxl import Workbook

from models import Demand
from models.field_def import Choice, FieldDef
from tests.demands.test_import import upload

HEADER = [
    "序号",
    "社区",
    "居民姓名",
    "居民电话",
    "受理渠道",
    "诉求描述",
    "探访日期",
    "补贴",
    "独居",
]
HEADER += ["需求", "预约时间"]


@pytest.fixture
def scene(make, login):
    street = make.street()
    mine = make.community(street, code="GY01", name="幸福社区")
    make.community(street, code="GY02", name="和平社区")
    make.community(street, code="GY03", name="和平社区")  # two communities, one name
    item = make.item(street_doc=street, name="助老服务")
    item.fields = [
        FieldDef(name="visit_on", label_zh="探访日期", type="date", required=True),
        FieldDef(name="subsidy", label_zh="补贴", type="decimal", min_value=Decimal128("0")),
        FieldDef(name="alone", label_zh="独居", type="yes_no"),
        FieldDef(
            name="needs",
            label_zh="需求",
            type="multi_choice",
            choices=[Choice(code="meal", label_zh="助餐"), Choice(code="bath", label_zh="助浴")],
        ),
        FieldDef(name="booked_at", label_zh="预约时间", type="datetime"),
    ]
    item.save()
    client = login(make.user("street_admin", street_doc=street))
    return {"client": client, "item": item, "community": mine}


def workbook(rows, date_cells=()):
    """An XLSX as Excel saves it: (row, column) pairs in date_cells get a date format."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for r, c in date_cells:
        sheet.cell(r, c).number_format = "yyyy/m/d"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_date_and_number_cells_and_full_width_text_are_taken_in(scene):
    rows = [
        HEADER,
        ["示例", "幸福社区", "张三", "13800138000", "热线电话", "示例行", "2026-01-01", "", "", ""],
        [1, "幸福社区", "王  芳", 13805740001.0, "热线电话", "需要探访", datetime(2026, 12, 20)]
        + [120.5, "是", "助餐、助浴", datetime(2026, 12, 20, 9, 30)],
        [2, "ＧＹ０１", "李强", "１３９１２３４５６７８", " 综合受理窗口 ", "需要助餐", 46376]
        + ["１２．５", True, "助餐，助浴", "2026年12月20日9时30分"],
        [3, "幸福社区\u3000", "赵六", "\xa013700001111", "热线电话", "需要探访", "2026年12月20日"]
        + [None, "否", "助餐", None],
        [None, "幸福社区", "钱七", 13600001111, "热线电话", "需要探访", "２０２６／１２／２０"],
        [None, "GY01", "孙八", "136 0000 2222", "hotline", "需要探访", "2026.12.20"],
    ]
    response = upload(scene["client"], scene["item"], workbook(rows, [(3, 7), (4, 7)]))
    assert "import-receipts" in response.text, response.text[response.text.find("import-errors") :]
    demands = {d.resident_name: d for d in Demand.objects(item=scene["item"])}
    assert sorted(demands) == ["孙八", "李强", "王芳", "赵六", "钱七"]  # not the example
    assert {d.resident_phone for d in demands.values()} >= {"13805740001", "13912345678"}
    assert all(d.community == scene["community"] for d in demands.values())
    day = datetime(2026, 12, 20, tzinfo=UTC)
    raw = {d["resident_name"]: d["values"] for d in Demand._get_collection().find()}
    assert all(values["visit_on"].replace(tzinfo=UTC) == day for values in raw.values())
    assert raw["王芳"]["subsidy"] == Decimal128("120.5") and raw["李强"]["subsidy"] == Decimal128(
        "12.5"
    )
    assert raw["王芳"]["alone"] is True and raw["李强"]["alone"] is True
    assert raw["赵六"]["alone"] is False
    assert raw["王芳"]["needs"] == ["meal", "bath"] == raw["李强"]["needs"]
    booked = raw["李强"]["booked_at"].replace(tzinfo=UTC)
    assert (
        booked
        == raw["王芳"]["booked_at"].replace(tzinfo=UTC)
        == datetime(2026, 12, 20, 1, 30, tzinfo=UTC)
    )
    assert demands["李强"].channel == "window"


def test_bad_cells_name_row_and_column_in_chinese_and_nothing_is_written(scene):
    rows = [
        HEADER,
        [1, "幸福社区", "王芳", "13805740001", "热线电话", "好的一行", "2026-12-20"],
        [2, "和平社区", "李强", "13912345678", "热线电话", "同名社区", "2026-12-20"],
        [3, "光明社区", "赵六", "13700001111", "热线电话", "没有这个社区", "2026-02-30"],
        [4, "幸福社区", "钱七", "13600001111", "热线电话", "日期不是日期", "下周一", "很多"],
    ]
    response = upload(scene["client"], scene["item"], workbook(rows))
    assert response.status_code == 200 and Demand.objects.count() == 0
    table = response.text[response.text.index('id="import-errors"') :]
    assert (
        "<td>3</td><td>社区</td><td>您的范围内有多个社区名为 和平社区，"
        "请改填社区编码（GY02、GY03）。" in table
    )
    assert "<td>4</td><td>社区</td><td>您的范围内没有这个名称或编码的社区。" in table
    assert "<td>4</td><td>探访日期</td><td>没有这个日期。" in table
    assert (
        "<td>5</td><td>探访日期</td><td>请填写日期，如 2026-12-20、2026/12/20 或 2026年12月20日。"
        in table
    )
    assert "<td>5</td><td>补贴</td><td>请输入数字。" in table
    assert "<td>2</td>" not in table


def test_an_ambiguous_name_with_its_code_and_an_old_template_are_read(scene, make):
    rows = [
        ["社区编码", "居民姓名", "居民电话", "受理渠道", "诉求描述", "探访日期*"],
        ["和平社区（GY03）", "王芳", "13805740001", "热线电话", "需要探访", date(2026, 12, 20)],
        ["GY02", "李强", "13912345678", "热线电话", "需要探访", "2026-12-20"],
    ]
    response = upload(scene["client"], scene["item"], workbook(rows))
    assert 'id="import-receipts"' in response.text
    codes = sorted(d.community.code for d in Demand.objects(item=scene["item"]))
    assert codes == ["GY02", "GY03"]


def test_only_the_example_row_is_no_rows(scene):
    rows = [HEADER, ["示例", "幸福社区", "张三", "13800138000", "热线电话", "示例", "2026-12-20"]]
    response = upload(scene["client"], scene["item"], workbook(rows))
    assert response.status_code == 200 and "表格没有数据行" in response.text
    assert Demand.objects.count() == 0
