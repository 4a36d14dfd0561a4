"""Large exports: a background job in the worker, a GridFS file, an owner-only expiring link."""

import io
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jobs.exporting import BUCKET, bucket, purge_expired, run_export
from models import AuditEntry, ExportJob, StarRating
from models.base import utcnow
from models.star_rating import CriterionScore
from tests.jobs.conftest import wait_for
from weimin.store.db import database


def rows_of(body):
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(body)).active.iter_rows()]


def wait_for_export(job_id):
    return wait_for(job_id, document=ExportJob)


def job_id_of(response):
    assert response.status_code == 302, response.data[:300]
    match = re.search(r"/admin/exports/jobs/([0-9a-f]{24})$", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


@pytest.fixture
def ratings(make):
    """Eight community ratings of 2026 in one street, one in another street."""
    street, other = make.street(name="甲街道"), make.street(name="乙街道")
    for n in range(9):
        home = street if n < 8 else other
        community = make.community(home, name=f"社区{n}")
        StarRating(
            period="2026",
            subject_type="community",
            community=community,
            street=home,
            subject_name=community.name,
            score=Decimal(f"{700 + n}.5"),
            sort_score=700.5 + n,
            stars=3,
            published=True,
            breakdown=[
                CriterionScore(code="clearance", raw=0.9, weight=40, points=Decimal("36.00")),
                CriterionScore(code="satisfaction", raw=0.8, weight=60, points=Decimal("48.00")),
            ],
        ).save()
    return {"street": street, "other": other}


def test_a_large_export_is_written_by_the_worker_and_matches_the_direct_file(
    app, client, login, make, ratings, worker
):
    login(make.user("street_admin", street_doc=ratings["street"]))
    url = "/admin/exports/ratings?period=2026&format=xlsx"
    direct = client.get(url)
    assert direct.status_code == 200

    app.config["EXPORT_SYNC_MAX_ROWS"] = 5
    job_id = job_id_of(client.get(url))
    page = client.get(f"/admin/exports/jobs/{job_id}")
    assert "8 行" in page.text and 'data-status="' in page.text
    job = wait_for_export(job_id)
    assert job.status == "done", job.message
    assert (job.total, job.done, job.attempts) == (8, 8, 1)
    assert job.expires_at - job.finished_at == timedelta(hours=24)

    download = client.get(f"/admin/exports/jobs/{job_id}/download")
    assert download.status_code == 200
    assert "filename*=UTF-8''%E6%98%9F" in download.headers["Content-Disposition"]  # 星
    body = download.get_data()
    assert rows_of(body) == rows_of(direct.data)
    *table, blank, (note, *_rest) = rows_of(body)  # the rows, then the footnote after a gap
    assert table[0][:2] == ["名称", "类型"] and len(table) == 9 and not any(blank)
    assert table[0][8:10] == ["计算时间", "clearance · 原始值"] and note.startswith("各项得分")
    stored = database()[f"{BUCKET}.files"].find_one({"_id": job.file_id})
    assert stored["length"] == len(body) == job.size

    done = client.get(f"/admin/exports/jobs/{job_id}")
    assert 'id="export-download"' in done.text and "progress-refresh" not in done.text
    entry = AuditEntry.objects(action="export", collection="star_ratings").order_by("-at").first()
    assert entry.changes == {"format": "xlsx", "background": True} and entry.count == 8


def test_a_background_demand_export_keeps_the_list_filter_scope_and_masking(
    app, client, login, make, worker
):
    street, far = make.street(), make.street()
    mine, theirs = make.community(street), make.community(far)
    wanted, other = make.item(), make.item()
    for n in range(4):
        make.demand(mine, wanted, resident_phone=f"1381234{n:04d}",
                    resident_address=f"幸福小区{n}幢101室")  # fmt: skip
    make.demand(mine, other)
    make.demand(theirs, wanted)
    app.config["EXPORT_SYNC_MAX_ROWS"] = 2

    login(make.user("supervisor"))
    job_id = job_id_of(client.get(f"/admin/demand/export/csv/?item={wanted.pk}"))
    job = wait_for_export(job_id)
    assert job.status == "done", job.message
    text = client.get(f"/admin/exports/jobs/{job_id}/download").get_data().decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 5  # the item's demands in both streets
    assert "138****0003" in text and "13812340003" not in text  # supervisors see masked phones
    assert "幸福小区****" in text and "3幢101室" not in text  # and masked addresses
    client.post("/logout")

    login(make.user("street_admin", street_doc=street))
    job_id = job_id_of(client.get(f"/admin/demand/export/csv/?item={wanted.pk}"))
    job = wait_for_export(job_id)
    text = client.get(f"/admin/exports/jobs/{job_id}/download").get_data().decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 4  # only the admin's own street
    assert "13812340003" in text and "幸福小区3幢101室" in text


def queued(make, client, login, user, url="/admin/exports/ratings?period=2026&format=xlsx"):
    """An export job requested by `user` (no worker: it waits in the queue)."""
    login(user)
    return ExportJob.objects(pk=job_id_of(client.get(url))).get()


def test_only_the_owner_sees_or_downloads_an_export_and_the_link_expires(
    app, client, login, make, ratings
):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    owner = make.user("supervisor")
    job = queued(make, client, login, owner)
    with app.app_context():
        assert run_export(str(job.pk)) == 9
    assert client.get(f"/admin/exports/jobs/{job.pk}/download").status_code == 200
    client.post("/logout")

    login(make.user("supervisor"))
    for path in ("", "/download"):
        assert client.get(f"/admin/exports/jobs/{job.pk}{path}").status_code == 404
    assert client.get("/admin/exports/jobs/not-an-id").status_code == 404
    assert 'id="no-export-jobs"' in client.get("/admin/exports/jobs/").text
    client.post("/logout")

    login(owner)
    ExportJob.objects(pk=job.pk).update_one(set__expires_at=utcnow() - timedelta(seconds=1))
    gone = client.get(f"/admin/exports/jobs/{job.pk}/download")
    assert gone.status_code == 410 and "下载链接已过期" in gone.text
    assert ExportJob.objects(pk=job.pk).get().status == "expired"
    assert database()[f"{BUCKET}.files"].count_documents({}) == 0
    assert database()[f"{BUCKET}.chunks"].count_documents({}) == 0


def test_purge_deletes_only_expired_files(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    user = make.user("supervisor")
    old = queued(make, client, login, user)
    again = job_id_of(client.get("/admin/exports/ratings?period=2026&format=xlsx"))
    assert again == str(old.pk)  # the same export on its way is not queued twice
    new = queued(make, client, login, user, "/admin/exports/ratings?period=2026&format=csv")
    with app.app_context():
        run_export(str(old.pk)), run_export(str(new.pk))
        ExportJob.objects(pk=old.pk).update_one(set__expires_at=utcnow() - timedelta(hours=1))
        assert purge_expired() == 1
        assert [f._id for f in bucket().find({})] == [new.reload().file_id]
    listing = client.get("/admin/exports/jobs/")
    assert listing.text.count("data-job=") == 2 and "已过期" in listing.text


def test_purge_deletes_a_file_no_finished_export_stands_behind(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    job = queued(make, client, login, make.user("supervisor"))
    with app.app_context():
        run_export(str(job.pk))
        ExportJob.objects(pk=job.pk).update_one(set__status="failed")  # cut off after upload
        assert purge_expired() == 0  # young files are left alone
        assert purge_expired(now=utcnow() + timedelta(hours=25)) == 1
        assert list(bucket().find({})) == []


def test_running_a_job_again_replaces_its_file(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    job = queued(make, client, login, make.user("supervisor"))
    with app.app_context():
        run_export(str(job.pk))
        run_export(str(job.pk))
    assert database()[f"{BUCKET}.files"].count_documents({}) == 1
    assert ExportJob.objects(pk=job.pk).get().attempts == 2


def test_a_disabled_owner_gets_no_file(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    user = make.user("supervisor")
    job = queued(make, client, login, user)
    user.update(set__active=False)
    with app.app_context():
        assert run_export(str(job.pk)) == 0
    failed = ExportJob.objects(pk=job.pk).get()
    assert failed.status == "failed" and "已停用" in failed.message
    assert database()[f"{BUCKET}.files"].count_documents({}) == 0


def test_an_owner_who_lost_the_right_to_export_gets_no_file(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    user = make.user("street_admin", street_doc=ratings["street"])
    job = queued(make, client, login, user, "/admin/audit/export/csv/")
    user.update(set__role="supervisor", unset__street=True)
    with app.app_context():
        run_export(str(job.pk))
    failed = ExportJob.objects(pk=job.pk).get()
    assert failed.status == "failed" and "无权" in failed.message


def test_more_rows_than_one_sheet_holds_are_refused_for_xlsx(
    app, client, login, make, ratings, monkeypatch
):
    import admin.export_jobs

    monkeypatch.setattr(admin.export_jobs, "XLSX_MAX_ROWS", 3)
    login(make.user("supervisor"))
    refused = client.get("/admin/exports/ratings?period=2026&format=xlsx", follow_redirects=True)
    assert "CSV" in refused.text and "9 行" in refused.text
    assert ExportJob.objects.count() == 0
    assert client.get("/admin/exports/ratings?period=2026&format=csv").status_code == 200


def test_the_beat_purges_expired_exports_hourly(app):
    schedule = app.extensions["celery"].conf.beat_schedule["purge-exports"]
    assert schedule["task"] == "jobs.purge_exports" and schedule["schedule"].minute == {5}


def test_a_download_needs_the_role_and_area_the_export_was_made_with(
    app, client, login, make, ratings
):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    user = make.user("district_admin")
    job = queued(make, client, login, user)
    with app.app_context():
        run_export(str(job.pk))
    user.update(set__role="supervisor")
    refused = client.get(f"/admin/exports/jobs/{job.pk}/download")
    assert refused.status_code == 403 and "角色或范围已变更" in refused.text


def test_an_export_that_cannot_be_queued_fails_with_a_message(
    app, client, login, make, ratings, monkeypatch
):
    import admin.export_jobs

    def broker_down(job):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(admin.export_jobs, "submit_export", broker_down)
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    login(make.user("supervisor"))
    page = client.get("/admin/exports/ratings?period=2026&format=xlsx", follow_redirects=True)
    assert page.status_code == 200 and "暂时无法开始导出" in page.text
    assert ExportJob.objects.get().status == "failed"


def test_lost_exports_are_failed_and_an_unknown_export_is_refused(
    app, client, login, make, ratings
):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    user = make.user("supervisor")
    lost = queued(make, client, login, user)
    other = queued(make, client, login, user, "/admin/exports/ratings?period=2026&format=csv")
    ExportJob.objects(pk=other.pk).update_one(set__description__source="no-such-report")
    with app.app_context():
        purge_expired(now=utcnow() + timedelta(hours=7))
        run_export(str(other.pk))
    assert "未能完成" in ExportJob.objects(pk=lost.pk).get().message
    assert ExportJob.objects(pk=other.pk).get().message == "此导出地址已失效。"


def test_an_attempt_overtaken_by_a_later_one_leaves_no_file(app, client, login, make, ratings):
    app.config["EXPORT_SYNC_MAX_ROWS"] = 1
    job = queued(make, client, login, make.user("supervisor"))
    import jobs.exporting

    real = jobs.exporting._upload

    def overtaken(job, path):
        result = real(job, path)
        ExportJob.objects(pk=job.pk).update_one(inc__attempts=1)  # a redelivered run started
        return result

    with app.app_context():
        jobs.exporting._upload = overtaken
        try:
            run_export(str(job.pk))
        finally:
            jobs.exporting._upload = real
    assert database()[f"{BUCKET}.files"].count_documents({}) == 0
    assert ExportJob.objects(pk=job.pk).get().status == "running"  # the later run will finish


def test_a_background_list_export_applies_the_filters_and_search_without_the_request(
    app, client, login, make
):
    from tests.factories import VALID_IDS
    from tests.volunteers.pages import filter_arg
    from weimin.access.masking import mask_id

    home = make.community(make.street())
    make.volunteer(home, id_number=VALID_IDS[0], name="张伟")  # a woman: filtered out
    make.volunteer(home, id_number=VALID_IDS[1], name="张强", phone="13900001111")
    make.volunteer(home, id_number=VALID_IDS[2], name="李刚", phone="13900002222")  # not found
    login(make.user("supervisor"))
    url = f"/admin/volunteer/export/csv/?search=张&{filter_arg(app, 'volunteer', 'gender')}=male"
    direct = client.get(url).get_data().decode("utf-8-sig")
    app.config["EXPORT_SYNC_MAX_ROWS"] = 0
    job_id = job_id_of(client.get(url))
    with app.app_context():  # no request: the worker has only the description
        assert run_export(job_id) == 1
    text = client.get(f"/admin/exports/jobs/{job_id}/download").get_data().decode("utf-8-sig")
    assert text == direct and len(text.strip().splitlines()) == 2
    assert "张强" in text and mask_id(VALID_IDS[1]) in text and VALID_IDS[1] not in text


def test_a_background_export_keeps_a_filter_that_makes_a_compound_condition(
    app, client, login, make
):
    from datetime import UTC, datetime

    from tests.volunteers.pages import filter_arg

    community, item = make.community(make.street()), make.item()
    for day in (5, 15, 25):
        make.demand(community, item, ticket_no=f"T-JAN-{day}",
                    received_at=datetime(2026, 1, day, 4, tzinfo=UTC))  # fmt: skip
    login(make.user("district_admin"))
    outside = filter_arg(app, "demand", "received_at", kinds=("DateTimeNotBetweenFilter",))
    url = f"/admin/demand/export/csv/?{outside}=2026-01-10 00:00:00 to 2026-01-20 00:00:00"
    direct = client.get(url).get_data().decode("utf-8-sig")
    app.config["EXPORT_SYNC_MAX_ROWS"] = 0
    job_id = job_id_of(client.get(url))
    with app.app_context():
        assert run_export(job_id) == 2
    text = client.get(f"/admin/exports/jobs/{job_id}/download").get_data().decode("utf-8-sig")
    assert text == direct
    assert "T-JAN-5" in text and "T-JAN-25" in text and "T-JAN-15" not in text
