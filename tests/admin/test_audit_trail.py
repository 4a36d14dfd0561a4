"""The audit trail a supervisor can read: words, not codes; records by name with a link; a
before/after table in local time, masked as elsewhere; the export is the list as filtered."""

import io
import re

import pytest
from openpyxl import load_workbook

from jobs.exporting import run_export
from models import AuditEntry, ExportJob
from tests.volunteers.pages import filter_arg
from weimin.core.timefmt import deadline_text, local_time


@pytest.fixture
def scene(make, login):
    """Street A's admin edits a resident's phone on a demand; street B has its own entries."""
    street, other = make.street(name="甲街道"), make.street(name="乙街道")
    community = make.community(street, name="甲一社区")
    make.community(other, name="乙一社区")
    demand = make.demand(community, resident_phone="13805740001")
    admin = make.user("street_admin", street_doc=street)
    client = login(admin)
    page = client.get(f"/admin/demand/edit/?id={demand.pk}").text
    assert "13805740001" in page
    return {"street": street, "demand": demand, "admin": admin, "client": client}


def _phone_change(scene):
    from weimin.store import audit

    audit.record(
        "update",
        "demands",
        scene["demand"].pk,
        {"resident_phone": {"before": "13805740001", "after": "13805749999"}},
        street=scene["street"].pk,
    )
    return AuditEntry.objects(collection="demands", action="update").order_by("-id").first()


def test_the_list_speaks_chinese_and_names_records_with_a_link(scene):
    client, demand = scene["client"], scene["demand"]
    page = client.get("/admin/audit/").text
    assert "新建" in page and "诉求" in page and "命令行" in page
    link = f'href="/admin/demand/details/?id={demand.pk}"'
    assert f'{link} class="audit-record">{demand.ticket_no}</a>' in page
    rows = page.split("</thead>")[1]
    assert str(demand.pk) not in re.sub(r'href="[^"]*"', "", rows)  # never a bare id


def test_details_are_a_before_after_table_in_local_time(scene):
    entry = AuditEntry.objects(collection="demands", action="create").first()
    page = scene["client"].get(f"/admin/audit/details/?id={entry.pk}").text
    table = page[page.find('id="audit-diff"') :]
    assert "<th>字段</th><th>修改前</th><th>修改后</th>" in table
    assert "<th>受理编号</th><td></td><td>" + scene["demand"].ticket_no in table
    received = local_time(scene["demand"].received_at, "%Y-%m-%d %H:%M:%S")
    assert f"<th>受理时间</th><td></td><td>{received}</td>" in table
    assert "<th>类型</th><td></td><td>微事务</td>" in table  # coded values in words
    due = deadline_text(scene["demand"].deadline_at)
    assert due.endswith("24:00") and f"<th>办理期限</th><td></td><td>{due}</td>" in table
    history = re.search(r'href="([^"]+)" id="audit-record-history"', page).group(1)
    _phone_change(scene)
    listed = scene["client"].get(history.replace("&amp;", "&")).text.split("</thead>")[1]
    assert listed.count('class="audit-record"') == 2  # its creation and its change


def test_supervisors_read_the_trail_with_phones_masked(scene, make, login, client):
    entry = _phone_change(scene)
    full = scene["client"].get(f"/admin/audit/details/?id={entry.pk}").text
    assert "<td>13805740001</td><td>13805749999</td>" in full
    client.post("/logout")
    login(make.user("supervisor"))
    masked = client.get(f"/admin/audit/details/?id={entry.pk}").text
    assert "<td>138****0001</td><td>138****9999</td>" in masked
    assert "13805740001" not in masked
    exported = client.get("/admin/audit/export/csv/").data.decode("utf-8-sig")
    assert "居民电话：138****0001 → 138****9999" in exported and "13805749999" not in exported


@pytest.mark.parametrize(("role", "status"), [("community_worker", 403), ("volunteer", 403)])
def test_only_admins_and_supervisors_open_the_trail(make, login, client, role, status):
    community = make.community()
    user = (
        make.user(role, community_doc=community)
        if role == "community_worker"
        else make.volunteer_user(community)
    )
    login(user)
    assert client.get("/admin/audit/").status_code == status
    assert client.get("/admin/audit/export/csv/").status_code == status


def _rows(response):
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_export_is_the_filtered_and_searched_list(app, scene, make):
    client, demand = scene["client"], scene["demand"]
    _phone_change(scene)
    flt = filter_arg(app, "audit", "action")
    shown = client.get(f"/admin/audit/?{flt}=update").text
    assert demand.ticket_no in shown and "新建" not in shown.split("</thead>")[1]
    header, *rows = _rows(client.get(f"/admin/audit/export/xlsx/?{flt}=update"))
    assert header[:6] == ["时间", "操作者类型", "操作者", "操作", "数据集", "记录"]
    assert rows and {row[3] for row in rows} == {"修改"}
    assert rows[0][5] == demand.ticket_no
    _header, *found = _rows(client.get(f"/admin/audit/export/xlsx/?search={demand.ticket_no}"))
    assert {row[5] for row in found} == {demand.ticket_no} and len(found) == 2  # create, update
    # A large export goes to the background job with the same filter.
    app.config["EXPORT_SYNC_MAX_ROWS"] = 0
    queued = client.get(f"/admin/audit/export/xlsx/?{flt}=update")
    assert queued.status_code == 302 and "/admin/exports/jobs/" in queued.location
    job = ExportJob.objects.get()
    with app.app_context():
        assert run_export(str(job.pk)) == len(rows)
    _header, *later = _rows(client.get(f"/admin/exports/jobs/{job.pk}/download"))
    assert [row[1:] for row in later] == [row[1:] for row in rows]


def test_publish_and_reopen_leave_one_entry_each(app, make):
    from jobs.clearance import run_clearance
    from jobs.publication import publish_month, reopen_month

    street = make.street()
    make.community(street)
    run_clearance("2026-10", str(street.pk))
    assert AuditEntry.objects(action="job", collection="job_runs").count() == 2  # start, end
    end = AuditEntry.objects(action="job").order_by("-id").first()
    assert end.changes["status"] == {"before": "running", "after": "done"}
    assert end.changes["summary"]["after"]["month"] == "2026-10"
    publish_month(street, "2026-10", "张主任")
    reopen_month(street, "2026-10", "张主任", reason="数据更正")
    assert AuditEntry.objects(action="publish").count() == 1
    reopened = AuditEntry.objects.get(action="reopen")
    assert reopened.street == street.pk and reopened.subject.startswith("2026-10")
    assert reopened.changes["revision"] == {"before": 1, "after": 2}


def test_a_revoked_token_and_each_imported_record_are_named(make, login):
    from weimin.store import audit

    street = make.street()
    client = login(make.user("street_admin", street_doc=street))
    token, _secret = make.api_token(street)
    client.post("/admin/api_token/action/", data={"action": "revoke", "rowid": str(token.pk)})
    revoked = AuditEntry.objects.get(action="revoke")
    assert revoked.subject == token.name and revoked.changes["active"]["after"] is False
    demands = [make.demand(make.community(street)) for _ in range(2)]
    audit.created("demands", demands)
    names = {e.subject for e in AuditEntry.objects(action="create", collection="demands")}
    assert {d.ticket_no for d in demands} <= names


def test_facts_of_an_entry_read_in_words(scene):
    from weimin.store import audit

    changes = {"file": "志愿服务时长.xlsx", "refused": "expired"}
    audit.record("download", "exports", None, changes, street=scene["street"].pk)
    entry = AuditEntry.objects.get(action="download")
    page = scene["client"].get(f"/admin/audit/details/?id={entry.pk}").text
    assert "<th>拒绝原因</th><td></td><td>下载链接已过期</td>" in page
    assert "<th>文件</th><td></td><td>志愿服务时长.xlsx</td>" in page
