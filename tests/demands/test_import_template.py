"""The import template read back: example row, 说明 sheet, drop-downs; filled, it imports."""

import io

import pytest
from bson import Decimal128
from openpyxl import load_workbook

from models import Demand
from models.field_def import Choice, FieldDef
from tests.demands.test_import import upload


@pytest.fixture
def scene(make, login):
    street = make.street()
    make.community(street, code="GY01", name="幸福社区")
    make.community(street, code="GY02", name="和平社区")
    make.community(make.street(), code="XX99", name="别人的社区")  # another street
    item = make.item(street_doc=street, name="独居老人探访")
    item.fields = [
        FieldDef(
            name="age",
            label_zh="年龄",
            type="integer",
            required=True,
            min_value=Decimal128("0"),
            max_value=Decimal128("120"),
        ),
        FieldDef(
            name="living",
            label_zh="居住情况",
            type="choice",
            choices=[
                Choice(code="alone", label_zh="独居"),
                Choice(code="family", label_zh="与家人同住"),
            ],
        ),
        FieldDef(name="visit_on", label_zh="探访日期", type="date"),
        FieldDef(name="id_no", label_zh="身份证号", type="id_number"),
    ]
    item.save()
    client = login(make.user("street_admin", street_doc=street))
    response = client.get(f"/admin/demand_import/template/{item.id}")
    assert response.status_code == 200
    return {"client": client, "item": item, "book": load_workbook(io.BytesIO(response.data))}


def _validations(sheet):
    """{column letter: (type, formula)} of the sheet's data validations."""
    found = {}
    for rule in sheet.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            found[cells.coord.split(":")[0].rstrip("0123456789")] = (rule.type, rule.formula1)
    return found


def test_the_template_has_an_example_row_help_and_lists(scene):
    book = scene["book"]
    assert book.sheetnames == ["诉求", "说明", "选项"]
    data, help_sheet, lists = book["诉求"], book["说明"], book["选项"]
    assert lists.sheet_state == "hidden" and data.sheet_state == "visible"
    header = [c.value for c in data[1]]
    assert header[:3] == ["序号", "社区*", "居民姓名*"] and "年龄*" in header
    example = dict(zip(header, [c.value for c in data[2]], strict=True))
    assert example["序号"] == "示例" and example["社区*"] in ("幸福社区", "和平社区")
    assert example["居民电话*"] == "13800138000" and example["年龄*"] == 60
    assert example["探访日期"].year >= 2026  # a real date cell
    rules = _validations(data)
    column = {name.rstrip("*"): chr(ord("A") + i) for i, name in enumerate(header)}
    assert rules[column["社区"]][0] == "list" and "选项" in rules[column["社区"]][1]
    assert rules[column["受理渠道"]][0] == "list"
    assert rules[column["居住情况"]][0] == "list"
    assert rules[column["年龄"]] == ("whole", "0")
    assert rules[column["探访日期"]][0] == "date"
    listed = {c[0].value: [v.value for v in c[1:] if v.value] for c in lists.iter_cols()}
    assert sorted(listed["社区"]) == ["和平社区", "幸福社区"]  # the user's scope only
    assert "热线电话" in listed["受理渠道"] and listed["居住情况"] == ["独居", "与家人同住"]
    assert data.column_dimensions[column["身份证号"]].number_format == "@"  # 18 digits kept
    text = [[c.value for c in row] for row in help_sheet.iter_rows()]
    lines = {row[0]: row[1:] for row in text if row[0]}
    assert lines["年龄"][:2] == ["必填", "整数，0～120"]
    assert lines["居民地址"][0] == "选填" and "与家人同住" in lines["居住情况"][2]
    assert any("示例" in (row[0] or "") and "跳过" in row[0] for row in text)


def test_a_filled_template_with_its_example_left_in_round_trips(scene):
    book = scene["book"]
    data = book["诉求"]
    header = [c.value for c in data[1]]
    row = {
        "序号": 1,
        "社区*": "和平社区",
        "居民姓名*": "王芳",
        "居民电话*": "13805740001",
        "受理渠道*": "热线电话",
        "诉求描述*": "需要上门探访",
        "年龄*": 82,
        "居住情况": "独居",
        "探访日期": "2026年12月20日",
    }
    data.append([row.get(name) for name in header])
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(scene["client"], scene["item"], buffer.getvalue())
    assert 'id="import-receipts"' in response.text
    demand = Demand.objects.get()  # the example row was skipped
    assert demand.community.code == "GY02" and demand.values["living"] == "alone"
