"""Grids, visit logs and the coverage table in the admin, per role and scope."""

import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from models import AuditEntry, Grid, User
from weimin.core.periods import month_of
from weimin.core.workdays import TZ

ROLES = ("district_admin", "street_admin", "gridworker", "worker", "supervisor")


@pytest.mark.parametrize(
    ("who", "status"),
    [("district_admin", 200), ("street_admin", 200), ("gridworker", 200), ("worker", 200),
     ("supervisor", 200), ("volunteer", 403)],
)  # fmt: skip
def test_who_opens_the_lists_and_the_table(client, login, world, who, status):
    login(world["users"][who])
    for path in ("/admin/grid/", "/admin/visit/", "/admin/grid_coverage/"):
        assert client.get(path).status_code in ((status, 302) if who == "volunteer" else (status,))


def test_grids_by_scope(client, login, world):
    g = world["grids"]
    login(world["users"]["worker"])
    page = client.get("/admin/grid/").text
    assert "幸福里G01网格" in page and "和平里G01网格" not in page
    assert "赵网格" in page  # the grid's worker is listed with it
    assert client.get(f"/admin/grid/details/?id={g['g3'].pk}").status_code == 404
    assert client.get("/admin/grid/new/").status_code == 302  # workers only read their grids
    client.post("/logout")
    login(world["users"]["other_street_admin"])
    assert client.get(f"/admin/grid/details/?id={g['g1'].pk}").status_code == 404
    assert client.get(f"/admin/grid/edit/?id={g['g1'].pk}").status_code == 404
    assert client.get(f"/admin/grid/details/?id={g['g4'].pk}").status_code == 200


def test_a_street_admin_creates_a_grid_with_its_workers(client, login, world):
    login(world["users"]["street_admin"])
    worker = world["users"]["worker"]
    data = {"community": str(world["home"].pk), "code": "G03", "name": "幸福里第三网格",
            "buildings": "6", "households": "320", "boundary": "东至幸福路，西至和平街",
            "active": "y", "workers": [str(worker.pk)]}  # fmt: skip
    assert client.post("/admin/grid/new/", data=data).status_code == 302
    grid = Grid.objects.get(code="G03", community=world["home"])
    assert grid.street == world["street"] and grid.households == 320
    assert User.objects.get(pk=worker.pk).grid == grid
    assert AuditEntry.objects(collection="grids", action="create", doc_id=str(grid.pk)).count()
    assert AuditEntry.objects(collection="users", doc_id=str(worker.pk)).count()
    # Unticked, the worker loses the grid.
    edit = {**data, "workers": []}
    assert client.post(f"/admin/grid/edit/?id={grid.pk}", data=edit).status_code == 302
    assert User.objects.get(pk=worker.pk).grid is None


def test_bad_grid_input_gets_chinese_field_messages(client, login, world):
    login(world["users"]["street_admin"])
    bad = {"community": str(world["home"].pk), "code": "", "name": "坏网格",
           "households": "-3", "buildings": "x",
           "workers": [str(world["users"]["next_door_worker"].pk)]}  # fmt: skip
    page = client.post("/admin/grid/new/", data=bad).text
    assert "此字段是必填项" in page or "必填" in page
    assert not Grid.objects(name="坏网格").count()
    wrong_worker = {**bad, "code": "G07", "households": "3", "buildings": "1"}
    page = client.post("/admin/grid/new/", data=wrong_worker).text
    assert "不是本社区的社区工作者" in page and not Grid.objects(name="坏网格").count()


def test_visit_logs_by_scope(client, login, world):
    v = world["visits"]
    login(world["users"]["gridworker"])
    page = client.get("/admin/visit/").text
    assert "1栋101室" in page and "1栋102室" in page  # own, and the grid's households
    assert "5栋501室" not in page and "2栋201室" not in page
    assert client.get(f"/admin/visit/details/?id={v['colleague_other_grid'].pk}").status_code == 404
    client.post("/logout")
    login(world["users"]["worker"])  # no grid: the community's logs
    page = client.get("/admin/visit/").text
    assert "5栋501室" in page and "1栋101室" in page and "2栋201室" not in page
    assert client.get(f"/admin/visit/details/?id={v['next_door'].pk}").status_code == 404
    assert client.get("/admin/visit/new/").status_code == 302  # logs are written on /grid/
    client.post("/logout")
    login(world["users"]["other_street_admin"])
    assert client.get(f"/admin/visit/details/?id={v['own'].pk}").status_code == 404
    client.post("/logout")
    login(world["users"]["street_admin"])
    assert client.get(f"/admin/visit/details/?id={v['next_door'].pk}").status_code == 200


def test_the_demand_form_offers_and_checks_the_grid(client, login, world):
    login(world["users"]["worker"])
    form = client.get(f"/admin/demand/new/?item={world['item'].pk}").text
    assert "幸福里G01网格" in form and "和平里G01网格" not in form
    page = client.get(f"/admin/demand/?flt0_grid_equals={world['grids']['g1'].pk}")
    assert page.status_code == 200


def test_the_coverage_table_and_its_filters(client, login, world):
    login(world["users"]["street_admin"])
    page = client.get("/admin/grid_coverage/").text
    assert "幸福里G01网格" in page and "和平里G01网格" in page and "远方社区" not in page
    assert 'data-visited="2"' in page  # G01 of 幸福里: two households this month
    narrowed = client.get(f"/admin/grid_coverage/?community={world['next_door'].pk}").text
    assert "幸福里G01网格" not in narrowed and "和平里G01网格" in narrowed
    assert client.get(f"/admin/grid_coverage/?street={world['other_street'].pk}").status_code == 404
    assert client.get("/admin/grid_coverage/?month=2026-13").status_code == 404
    assert client.get("/admin/grid_coverage/?community=junk").status_code == 404
    client.post("/logout")
    login(world["users"]["worker"])
    page = client.get("/admin/grid_coverage/").text
    assert "幸福里G01网格" in page and "和平里G01网格" not in page


def test_the_coverage_export_has_typed_cells(client, login, world):
    login(world["users"]["street_admin"])
    month = month_of(datetime.now(TZ))
    response = client.get(f"/admin/grid_coverage/export?month={month}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("月份", "街道", "社区", "编码", "网格")
    g01 = next(r for r in rows[1:] if r[2] == "幸福里" and r[3] == "G01")
    assert g01[5] == 4 and g01[6] == 2 and g01[7] == pytest.approx(0.5) and g01[9] == 2
    assert sheet.cell(row=rows.index(g01) + 1, column=8).number_format.endswith("%")
    assert AuditEntry.objects(action="export", collection="visits").count() == 1


def test_the_dashboard_card_shows_this_months_coverage(client, login, world):
    login(world["users"]["worker"])
    page = client.get("/admin/").text
    assert 'id="grid-card"' in page and "走访覆盖" in page and 'id="grid-pages-link"' in page
    client.post("/logout")
    login(world["users"]["supervisor"])
    page = client.get("/admin/").text
    assert 'id="grid-card"' in page and 'id="grid-pages-link"' not in page
