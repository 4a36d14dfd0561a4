"""Ratings, clearance and volunteer-hour exports: typed cells, headers, scope and masking."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from tests.factories import VALID_IDS
from tests.security.samples import build
from weimin.access.masking import mask_id

NOTE = "各项得分按四舍五入保留两位小数；总分为各项得分之和；星级与奖励按总分确定。"


@pytest.fixture
def data(make):
    street, other = make.street(), make.street()
    community, far = make.community(street, name="阳光社区"), make.community(other, name="远方社区")
    for model in ("StarRating", "ClearanceReport"):
        build(model, street, community)
        build(model, other, far)
    volunteer = make.volunteer(community, phone="13812345678", approved_hours=Decimal("12.5"))
    return {"street": street, "volunteer": volunteer}


def sheet(response):
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    ws = load_workbook(io.BytesIO(response.data)).active
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_ratings_xlsx_has_typed_cells_and_a_frozen_header(make, login, data):
    client = login(make.user("supervisor"))
    ws, rows = sheet(client.get("/admin/exports/ratings?period=2026&format=xlsx"))
    assert rows[0][:5] == ["名称", "类型", "街道", "得分", "星级"]
    assert ws.freeze_panes == "A2"
    assert len(rows) == 5 and rows[1][3] == 812.5 and rows[1][4] == 4
    assert not any(rows[3]) and rows[4][0] == NOTE  # the footnote, below the filtered rows
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=3, column=len(rows[0])).coordinate}"
    disposition = client.get("/admin/exports/ratings?period=2026").headers["Content-Disposition"]
    assert "filename*=UTF-8''" in disposition and "%E6%98%9F" in disposition  # 星


def test_the_ratings_csv_and_the_list_export_carry_the_footnote(make, login, data):
    client = login(make.user("supervisor"))
    body = client.get("/admin/exports/ratings?period=2026&format=csv").data.decode("utf-8-sig")
    *rows, blank, note = list(csv.reader(io.StringIO(body)))
    assert len(rows) == 3 and blank == [] and note == [NOTE]
    listed = client.get("/admin/star_rating/export/csv/").data.decode("utf-8-sig")
    assert listed.rstrip().endswith(NOTE) and "计算时间" in listed.splitlines()[0]
    clearance = client.get("/admin/exports/clearance?month=2026-10&format=csv").data
    assert NOTE not in clearance.decode("utf-8-sig")  # only ratings need it


def test_clearance_rates_are_percentages_and_scope_applies(make, login, data):
    client = login(make.user("street_admin", street_doc=data["street"]))
    ws, rows = sheet(client.get("/admin/exports/clearance?month=2026-10&format=xlsx"))
    assert len(rows) == 2 and rows[1][1] == "阳光社区"
    rate_col = rows[0].index("清零率")
    assert rows[1][rate_col] == 0.5
    assert ws.cell(row=2, column=rate_col + 1).number_format == "0.0%"


def test_csv_has_a_bom(make, login, data):
    client = login(make.user("supervisor"))
    body = client.get("/admin/exports/clearance?month=2026-10&format=csv").data
    assert body.startswith(b"\xef\xbb\xbf") and "阳光社区".encode() in body


def test_volunteer_hours_are_masked_for_supervisors_only(make, login, data, client):
    login(make.user("supervisor"))
    _ws, rows = sheet(client.get("/admin/exports/volunteer-hours?format=xlsx"))
    assert "138****5678" in rows[1] and 12.5 in rows[1]
    client.post("/logout")
    login(make.user("district_admin"))
    _ws, rows = sheet(client.get("/admin/exports/volunteer-hours?format=xlsx"))
    assert "13812345678" in rows[1]


def test_volunteers_cannot_export(make, login, data):
    client = login(make.user("volunteer", volunteer_doc=data["volunteer"]))
    assert client.get("/admin/exports/ratings?period=2026").status_code == 403


def test_audit_trail_export_stays_in_the_street(make, login, data):
    from models import AuditEntry

    client = login(make.user("street_admin", street_doc=data["street"]))
    _ws, rows = sheet(client.get("/admin/audit/export/xlsx/"))
    mine = AuditEntry.objects(street=data["street"].id).count()  # the export's own entry too
    streets = {e.street for e in AuditEntry.objects}
    assert len(streets) > 1  # the fixture wrote entries for two streets
    assert len(rows) - 1 == mine and rows[0][0] == "时间"
    # The export page's old address exports the same list.
    assert client.get("/admin/exports/audit?format=xlsx").location.endswith(
        "/admin/audit/export/xlsx/"
    )
    client.post("/logout")
    login(make.user("volunteer", volunteer_doc=data["volunteer"]))
    assert client.get("/admin/audit/export/xlsx/").status_code == 403


def test_a_report_list_exports_typed_cells_with_names_and_percentages(make, login, data):
    client = login(make.user("street_admin", street_doc=data["street"]))
    ws, rows = sheet(client.get("/admin/clearance_report/export/xlsx/"))
    header, row = rows[0], rows[1]
    assert len(rows) == 2  # the admin's own street only
    assert row[header.index("社区")] == "阳光社区" and row[header.index("层级")] == "社区"
    rate = header.index("清零率")
    assert row[rate] == 0.5 and ws.cell(row=2, column=rate + 1).number_format == "0.0%"
    assert row[header.index("受理")] == 3  # a number, not text


def test_a_list_export_has_a_bom_and_no_markup(make, login, data):
    from models import StarRating
    from models.star_rating import CriterionScore

    StarRating.objects.update(
        set__breakdown=[CriterionScore(code="on_time_rate", raw=0.9, weight=0.25, points=225)]
    )
    client = login(make.user("supervisor"))
    body = client.get("/admin/star_rating/export/csv/").data
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "按时办结率 225" in text and "<span" not in text
    assert "812.5" in text and ",4," in text


def test_a_large_list_export_becomes_a_background_job(app, make, login, data):
    from jobs.exporting import run_export
    from models import ExportJob

    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    second = VALID_IDS[1]
    make.volunteer(data["volunteer"].community, id_number=second, phone="13900001111")
    client = login(make.user("supervisor"))
    response = client.get("/admin/volunteer/export/xlsx/")
    assert response.status_code == 302 and "/admin/exports/jobs/" in response.headers["Location"]
    job = ExportJob.objects.get()
    with app.app_context():
        assert run_export(str(job.pk)) == 2
    _ws, rows = sheet(client.get(f"/admin/exports/jobs/{job.pk}/download"))
    assert len(rows) == 3 and "139****1111" in rows[1] + rows[2]
    assert second not in rows[1] + rows[2] and mask_id(second) in rows[1] + rows[2]


def test_my_exports_break_ties_on_the_request_time_newest_first(make, login):
    from models import ExportJob
    from models.base import utcnow

    user, at = make.user("supervisor"), utcnow()
    jobs = [
        ExportJob(owner=user, source="ratings", path="/admin/exports/ratings", fmt="csv",
                  filename=f"导出-{n:02d}.csv", created_at=at).save()
        for n in range(51)
    ]  # fmt: skip
    page = login(user).get("/admin/exports/jobs/").text
    # 50 are listed; of jobs asked in one instant the latest made (highest _id) come first.
    assert jobs[0].filename not in page
    assert all(job.filename in page for job in jobs[1:])


def test_ratings_breakdown_has_chinese_criteria_and_percentages(make, login, data):
    from models import StarRating
    from models.star_rating import CriterionScore

    rating = StarRating.objects(street=data["street"]).first()
    rating.breakdown = [
        CriterionScore(code="on_time_rate", raw=0.8, weight=0.25, points=Decimal("200")),
        CriterionScore(code="projects_accepted", raw=3, target=4, weight=0.1, points=Decimal("75")),
    ]
    rating.save()
    client = login(make.user("supervisor"))
    ws, rows = sheet(client.get("/admin/exports/ratings?period=2026&format=xlsx"))
    head = rows[0]
    raw, weight = head.index("按时办结率 · 原始值"), head.index("按时办结率 · 权重")
    counted, points = head.index("验收项目数 · 原始值"), head.index("按时办结率 · 得分")
    row = next(i for i, r in enumerate(rows) if i and r[raw] is not None)
    assert rows[row][raw] == 0.8 and ws.cell(row=row + 1, column=raw + 1).number_format == "0.0%"
    assert ws.cell(row=row + 1, column=weight + 1).number_format == "0.0%"
    assert (
        rows[row][counted] == 3
        and ws.cell(row=row + 1, column=counted + 1).number_format == "General"
    )
    assert rows[row][points] == 200
    assert not any("_" in str(h) for h in head)  # no criterion code left
    body = client.get("/admin/exports/ratings?period=2026&format=csv").data.decode("utf-8-sig")
    line = [r for r in csv.reader(io.StringIO(body)) if len(r) > raw and r[raw]][1]
    assert line[raw] == "80.0%" and line[weight] == "25.0%" and line[counted] == "3"
