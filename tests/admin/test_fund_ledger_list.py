"""The funds' ledger list: read-only, scoped, filtered, exported with numbers as numbers, and
donors who did not agree to be named masked for supervisors; entries in the audit trail."""

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from models import LedgerEntry
from models.base import local_today
from tests.funds.samples import fund_with_entries
from weimin.funds import ledger

ROLES = ("district_admin", "street_admin", "community_worker", "supervisor")


@pytest.fixture
def world(make):
    street, other = make.street(name="甲街道"), make.street(name="乙街道")
    community = make.community(street, name="甲一社区")
    make.demand(community, make.item("project", street_doc=street))
    fund = fund_with_entries(community)
    far = make.fund(other, name="乙街道基金")
    ledger.append(far, "contribution", "77", "w", donor="远方人", channel="cash")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=community),
        "supervisor": make.user("supervisor"),
    }
    return {"fund": fund, "far": far, "users": users}


def _filter(app, column):
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == "ledger_entry")
    index, flt = next((i, f) for i, f in enumerate(view._filters) if f.column == column)
    return f"flt0_{view.get_filter_arg(index, flt)}"


def _rows(page):
    return page.split("</thead>")[1].count('class="col-seq"')


@pytest.mark.parametrize("role", ROLES)
def test_the_list_opens_per_role_within_scope(client, login, world, role):
    login(world["users"][role])
    page = client.get("/admin/ledger_entry/")
    assert page.status_code == 200
    assert ("远方人" in page.text or "远*" in page.text) == (
        role in ("district_admin", "supervisor")
    )
    assert (
        "/admin/ledger_entry/new/" not in page.text and "/admin/ledger_entry/edit/" not in page.text
    )
    assert client.get("/admin/ledger_entry/new/").status_code == 302


def test_filters_by_fund_kind_and_dates(app, client, login, world):
    login(world["users"]["district_admin"])
    fund_arg = f"{_filter(app, 'fund')}={world['fund'].pk}"
    assert _rows(client.get(f"/admin/ledger_entry/?{fund_arg}").text) == LedgerEntry.objects(
        fund=world["fund"]).count()  # fmt: skip
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == "ledger_entry")
    kind = next(
        f"flt0_{view.get_filter_arg(i, f)}" for i, f in enumerate(view._filters)
        if f.column == "kind" and "FilterEqual" in type(f).__name__
    )  # fmt: skip
    assert _rows(client.get(f"/admin/ledger_entry/?{fund_arg}&{kind}=pledge").text) == 1
    today = local_today()
    span = f"{today - timedelta(days=1):%Y-%m-%d} to {today:%Y-%m-%d}"
    dated = client.get(f"/admin/ledger_entry/?{fund_arg}&{_filter(app, 'value_date')}={span}")
    expected = LedgerEntry.objects(fund=world["fund"], value_date__gte=today - timedelta(days=1))
    assert _rows(dated.text) == expected.count() and expected.count() < 7


def test_a_supervisor_sees_named_donors_only_and_the_staff_see_all(client, login, world):
    login(world["users"]["supervisor"])
    page = client.get("/admin/ledger_entry/").text
    assert "宁波爱心超市" in page and "张三丰" not in page and "张**" in page
    client.post("/logout")
    login(world["users"]["community_worker"])
    assert "张三丰" in client.get("/admin/ledger_entry/").text


def _sheet(response):
    assert response.status_code == 200, response.status_code
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(response.data)).active.rows]
    return rows[0], rows[1:]


def test_the_xlsx_export_has_number_and_date_cells_and_masks_for_supervisors(
    app, client, login, world
):
    login(world["users"]["supervisor"])
    fund_arg = f"{_filter(app, 'fund')}={world['fund'].pk}"
    header, rows = _sheet(client.get(f"/admin/ledger_entry/export/xlsx/?{fund_arg}"))
    assert header[:4] == ["序号", "发生日期", "类型", "金额（元）"]
    amounts = {row[0]: row[3] for row in rows}
    assert all(isinstance(v, int | float) for v in amounts.values())
    assert Decimal(str(amounts[2])) == Decimal("5000")
    assert all(isinstance(row[1], date) for row in rows)
    donors = {row[4] for row in rows}
    assert "宁波爱心超市" in donors and "张三丰" not in donors and "张**" in donors
    assert {row[2] for row in rows} >= {"捐入", "认捐承诺", "冲正"}


def test_a_worker_cannot_export_the_ledger(client, login, world):
    login(world["users"]["community_worker"])
    assert client.get("/admin/ledger_entry/export/xlsx/").status_code == 403


def test_entries_appear_in_the_audit_trail_in_chinese(client, login, world):
    login(world["users"]["district_admin"])
    page = client.get("/admin/audit/").text
    rows = page.split("</thead>")[1]
    assert "基金台账" in rows and "ledger_entries" not in rows
