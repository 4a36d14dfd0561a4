"""The demand list exports as shown, with the item's fields as typed columns."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from urllib.parse import unquote

import openpyxl
from bson import Decimal128

from models import Demand
from models.field_def import FieldDef
from weimin.core import sheets as exports


def seed(world, make):
    values = {
        "age": 81,
        "amount": Decimal128("12.5"),
        "visit_date": datetime(2024, 5, 1, tzinfo=UTC),
        "floor": "2",
        "contact": "13800138000",
        "gone": "旧值",
    }
    make.demand(world.community, world.item, values=values, resident_phone="13912345678")
    make.demand(world.community, world.item, values={"age": 60, "floor": "1"})
    item = world.item
    item.fields.append(FieldDef(name="gone", label_zh="旧字段"))
    item.save()  # version 2 has "gone"
    item.fields = [f for f in item.fields if f.name != "gone"]
    item.save()  # version 3 retired it


def test_xlsx_export_of_a_filtered_list_has_typed_runtime_columns(login, admin_of, world, make):
    seed(world, make)
    client = login(admin_of(world))
    answer = client.get(f"/admin/demand/export/xlsx/?item={world.item.pk}&v.floor=2")
    assert answer.status_code == 200
    disposition = answer.headers["Content-Disposition"]
    assert "诉求_上门服务_" in unquote(disposition.split("filename*=UTF-8''")[1])
    sheet = openpyxl.load_workbook(io.BytesIO(answer.data)).active
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert len(rows) == 2  # the filter applies
    row = dict(zip(header, rows[1], strict=True))
    assert row["年龄"] == 81 and row["金额"] == 12.5 and row["楼层"] == "二楼"
    ticket = Demand.objects.get(resident_phone="13912345678").ticket_no
    assert row["走访日期"] == datetime(2024, 5, 1) and row["受理编号"] == ticket
    assert row["旧字段（已停用字段）"] == "旧值" and row["联系电话"] == "13800138000"
    assert row["居民电话"] == "13912345678"


def test_csv_export_has_a_bom_and_supervisors_get_masked_phones(login, world, make):
    seed(world, make)
    client = login(make.user("supervisor"))
    answer = client.get(f"/admin/demand/export/csv/?item={world.item.pk}")
    assert answer.status_code == 200 and answer.data.startswith("\ufeff".encode())
    table = list(csv.DictReader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert len(table) == 2
    first = next(row for row in table if row["年龄"] == "81")
    assert first["居民电话"] == "139****5678" and first["联系电话"] == "138****8000"
    assert first["走访日期"] == "2024-05-01" and first["金额"] == "12.5"


def test_export_needs_the_export_permission(login, world, make):
    worker = make.user("community_worker", community_doc=world.community, street_doc=world.street)
    assert login(worker).get("/admin/demand/export/xlsx/").status_code == 403


def test_the_export_module_works_on_plain_rows():
    columns = [
        exports.Column("n", "数量"),
        exports.Column("d", "日期"),
        exports.Column("t", "说明"),
    ]
    rows = [{"n": Decimal("1.5"), "d": date(2024, 1, 2), "t": "=HYPERLINK(1)"}, {"n": 2}]
    text = exports.to_csv(columns, rows).decode("utf-8-sig")
    assert text.splitlines() == ["数量,日期,说明", "1.5,2024-01-02,'=HYPERLINK(1)", "2,,"]
    sheet = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(columns, rows, "表"))).active
    assert sheet["A2"].value == 1.5 and sheet["B2"].value == datetime(2024, 1, 2)
    assert sheet["C2"].value == "=HYPERLINK(1)" and sheet["C2"].data_type == "s"
    header = exports.content_disposition("诉求 5月.xlsx")
    assert header.startswith('attachment; filename="export_5.xlsx"; ')
    assert header.endswith("filename*=UTF-8''%E8%AF%89%E6%B1%82%205%E6%9C%88.xlsx")


def test_a_file_written_in_constant_memory_equals_the_one_built_in_memory(tmp_path):
    columns = [
        exports.Column("name", "名称"),
        exports.Column("rate", "清零率", percent=True),
        exports.Column("at", "时间"),
        exports.Column("score", "得分"),
    ]

    def rows():
        for n in range(1500):
            at = datetime(2026, 3, 1, n % 24, tzinfo=UTC)
            yield {"name": f"社区{n}", "rate": n / 1500, "at": at, "score": Decimal128(f"{n}.25")}

    path = tmp_path / "big.xlsx"
    assert exports.write_xlsx(columns, rows(), str(path), "表") == 1500
    streamed = openpyxl.load_workbook(path).active
    built = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(columns, rows(), "表"))).active
    values = [[c.value for c in row] for row in streamed.iter_rows()]
    assert values == [[c.value for c in row] for row in built.iter_rows()]
    assert values[2] == ["社区1", 1 / 1500, datetime(2026, 3, 1, 9), 1.25]  # Beijing time
    assert streamed.freeze_panes == "A2" and streamed["B2"].number_format == "0.0%"
    assert streamed.column_dimensions["A"].width == built.column_dimensions["A"].width

    out = io.BytesIO()
    assert exports.write_csv(columns, rows(), out) == 1500
    assert out.getvalue() == exports.to_csv(columns, rows())
    assert out.getvalue().startswith(b"\xef\xbb\xbf") and not out.closed
