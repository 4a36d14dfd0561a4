"""Bulk intake from XLSX or CSV: all rows, or none, with every bad row reported."""

import io

import pytest
from bson import Decimal128
from openpyxl import Workbook, load_workbook

from models import AuditEntry, Demand
from models.field_def import Choice, FieldDef
from tests.core import bad_files
from weimin.core.timefmt import deadline_text


@pytest.fixture
def setup(make, login):
    street = make.street()
    community = make.community(street, code="GY01")
    other = make.community(code="XX99")
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
    ]
    item.save()
    client = login(make.user("street_admin", street_doc=street))
    return {"client": client, "item": item, "community": community, "other": other}


def xlsx(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = [
    "社区编码",
    "居民姓名",
    "居民电话",
    "居民地址",
    "受理渠道",
    "诉求描述",
    "年龄*",
    "居住情况",
]


def upload(client, item, data, name="demands.xlsx"):
    return client.post(
        "/admin/demand_import/",
        data={"item": str(item.id), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_template_has_the_items_fields(setup):
    response = setup["client"].get(f"/admin/demand_import/template/{setup['item'].id}")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    header = [c.value for c in load_workbook(io.BytesIO(response.data)).active[1]]
    assert header == ["序号", "社区*", "居民姓名*", "居民电话*", "居民地址", "受理渠道*"] + [
        "诉求描述*",
        "年龄*",
        "居住情况",
    ]


def test_good_sheet_takes_in_every_row_typed(setup):
    data = xlsx(
        [
            HEADER,
            ["GY01", "王芳", 13800138000, "幸福小区1幢", "热线电话", "需要上门探访", 82, "独居"],
            ["GY01", "李强", "13912345678", "", "window", "需要助餐", "75", "family"],
        ]
    )
    response = upload(setup["client"], setup["item"], data)
    assert response.status_code == 200
    demands = list(Demand.objects(item=setup["item"]).order_by("resident_name"))
    assert [d.resident_name for d in demands] == ["李强", "王芳"]
    # The result page tells every row's ticket number and deadline.
    for demand in demands:
        assert f'data-ticket="{demand.ticket_no}"' in response.text
        assert deadline_text(demand.deadline_at) in response.text
    assert all(d.ticket_no and d.timeline[0].action == "intake" for d in demands)
    raw = Demand._get_collection().find_one({"resident_name": "王芳"})
    assert raw["values"] == {"age": 82, "living": "alone"} and raw["channel"] == "hotline"
    assert AuditEntry.objects(action="import", collection="demands").first().count == 2


def test_one_bad_row_writes_nothing_and_every_bad_row_is_listed(setup):
    data = xlsx(
        [
            HEADER,
            ["GY01", "王芳", "13800138000", "", "热线电话", "好的一行", 82, "独居"],
            ["GY01", "李强", "12345", "", "热线电话", "电话不对", 75, ""],
            ["XX99", "赵六", "13700001111", "", "飞鸽传书", "社区不在范围", 200, "独居"],
        ]
    )
    response = upload(setup["client"], setup["item"], data)
    assert response.status_code == 200
    assert Demand.objects.count() == 0
    table = response.text[response.text.index('id="import-errors"') :]
    assert "<td>3</td><td>居民电话</td>" in table
    assert "<td>4</td><td>社区编码</td>" in table
    assert "<td>4</td><td>受理渠道</td>" in table
    assert "<td>4</td><td>年龄</td>" in table


def test_csv_with_bom_and_gbk_csv(setup):
    text = ",".join(HEADER) + "\nGY01,王芳,13800138000,,热线电话,需要探访,80,独居\n"
    assert (
        upload(setup["client"], setup["item"], text.encode("utf-8-sig"), "a.csv").status_code == 200
    )
    assert upload(setup["client"], setup["item"], text.encode("gbk"), "b.csv").status_code == 200
    assert Demand.objects.count() == 2


def test_unreadable_files_are_refused(setup):
    bad = upload(setup["client"], setup["item"], b"not a workbook", "x.xlsx")
    assert bad.status_code == 200 and "XLSX" in bad.text
    assert upload(setup["client"], setup["item"], b"a,b", "x.txt").status_code == 200
    missing = upload(setup["client"], setup["item"], xlsx([["姓名"], ["王芳"]]))
    assert "社区、居民姓名、居民电话" in missing.text
    assert Demand.objects.count() == 0


def test_supervisors_cannot_import(make, login, setup):
    setup["client"].post("/logout")
    client = login(make.user("supervisor"))
    assert client.get("/admin/demand_import/").status_code == 403


def test_a_far_cell_costs_no_memory_and_only_the_real_rows_are_taken_in(setup):
    good = ["GY01", "王芳", "13800138000", "", "热线电话", "需要探访", 80, "独居"]
    data = bad_files.workbook([HEADER, good], far_cell="XFD6000")  # old code: ≈700 MB
    response, peak = bad_files.peak_memory(lambda: upload(setup["client"], setup["item"], data))
    assert response.status_code == 200 and 'id="import-receipts"' in response.text
    assert peak < 50 * 1024 * 1024
    assert Demand.objects.count() == 1


def test_a_zip_bomb_is_refused_with_a_message(setup):
    good = ["GY01", "王芳", "13800138000", "", "热线电话", "需要探访", 80, "独居"]
    data = bad_files.inflated(bad_files.workbook([HEADER, good]))
    response = upload(setup["client"], setup["item"], data)
    assert response.status_code == 200 and "解压后超过 20 MB" in response.text
    assert Demand.objects.count() == 0


def test_a_csv_cell_over_128_kb_is_a_message_not_a_500(setup):
    good = ["GY01", "王芳", "13800138000", "", "热线电话", "需要探访", "80", "独居"]
    data = bad_files.csv_with_a_huge_cell(HEADER, good, 5)
    response = upload(setup["client"], setup["item"], data, "big.csv")
    assert response.status_code == 200
    assert "CSV 文件第 2 行有单元格超过 131072 个字符" in response.text
    assert Demand.objects.count() == 0
