"""A range of months recomputed in one run: from the command line and the admin, checked first."""

from datetime import UTC, datetime

import pytest

import jobs.clearance
from jobs.clearance import run_clearance
from jobs.clearance_range import RangeError, check_range, run_clearance_range
from jobs.cli import jobs_cli
from jobs.publication import publish_month
from models import AuditEntry, ClearanceMonth, ClearanceReport, JobRun
from tests.jobs.conftest import wait_for

NOW = datetime(2026, 5, 15, tzinfo=UTC)


def _figures():
    fields = ("month", "community", "level", "carried_in", "received", "closed",
              "closed_on_time", "rejected", "open_at_end", "overdue_open", "clearance_rate",
              "response_rate", "resolution_rate", "satisfaction_rate", "composite", "rank",
              "honour", "communities_cleared")  # fmt: skip
    rows = ClearanceReport.objects.order_by("month", "level", "community").only(*fields)
    return [tuple(str(getattr(r, f)) for f in fields) for r in rows]


def test_a_range_gives_what_month_by_month_runs_give_and_twice_changes_nothing(march, monkeypatch):
    for month in ("2026-02", "2026-03", "2026-04"):
        run_clearance(month)
    by_month = _figures()
    ClearanceReport.objects.delete()
    reads, real = [], jobs.clearance.month_demands
    monkeypatch.setattr(
        jobs.clearance, "month_demands", lambda *args: reads.append(args) or real(*args)
    )
    summary = run_clearance_range("2026-02", "2026-04")
    assert len(reads) == 4  # each community's demands read once for the three months
    assert summary["months"] == ["2026-02", "2026-03", "2026-04"]
    assert summary["computed"]["2026-03"] == ["JD"] and summary["frozen"] == {}
    assert _figures() == by_month
    run_clearance_range("2026-02", "2026-04")
    assert _figures() == by_month
    run = JobRun.objects.order_by("-created_at").first()
    assert (run.period, run.until, run.status, run.done, run.total) == (
        "2026-02", "2026-04", "done", 12, 12,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("first", "last", "field", "message"),
    [
        ("2026-4", "2026-05", "period", "月份格式为 YYYY-MM"),
        ("2026-04", "2026-02", "until", "结束月份不能早于开始月份。"),
        ("2026-04", "2026-06", "until", "2026-06 尚未到来（本月为 2026-05）。"),
        ("2026-07", "2026-08", "period", "2026-07 尚未到来（本月为 2026-05）。"),
        ("2023-01", "2026-05", "until", "一次最多重新计算 36 个月。"),
    ],
)
def test_bad_ranges_are_refused_field_by_field(app, first, last, field, message):
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        with pytest.raises(RangeError) as refused:
            check_range(first, last, now=NOW)
    assert refused.value.errors == {field: message}


def test_a_range_holding_a_published_month_is_refused_until_reopened(march):
    run_clearance("2026-03")
    publish_month(march["street"], "2026-03", "admin")
    with pytest.raises(RangeError) as refused:
        check_range("2026-02", "2026-04", now=NOW)
    assert "2026-03" in refused.value.errors["until"]
    assert check_range("2026-04", "2026-05", now=NOW) == ["2026-04", "2026-05"]


def test_the_command_line_runs_a_range(app, march):
    runner = app.test_cli_runner()
    result = runner.invoke(jobs_cli, ["clearance", "--from", "2026-02", "--to", "2026-03"])
    assert result.exit_code == 0, result.output
    assert "clearance 2026-02: computed JD" in result.output
    assert set(ClearanceReport.objects.distinct("month")) == {"2026-02", "2026-03"}
    assert JobRun.objects.count() == 1  # one run for the range
    half = runner.invoke(jobs_cli, ["clearance", "--from", "2026-02"])
    assert half.exit_code != 0 and "--to" in half.output
    both = runner.invoke(jobs_cli, ["clearance", "--month", "2026-02", "--from", "2026-02",
                                    "--to", "2026-03"])  # fmt: skip
    assert both.exit_code != 0
    future = runner.invoke(jobs_cli, ["clearance", "--from", "2026-02", "--to", "2099-01"])
    assert future.exit_code != 0 and "--to" in future.output


def test_the_admin_starts_one_run_for_a_range(march, worker, make, login):
    admin = make.user("district_admin")
    client = login(admin)
    form = {"kind": "clearance", "period": "2026-02", "until": "2026-03"}
    response = client.post("/admin/job_run/new/", data=form)
    assert response.status_code == 302, response.text[:2000]
    run = wait_for(JobRun.objects.get().pk)
    assert (run.status, run.until, run.done, run.total) == ("done", "2026-03", 8, 8)
    assert set(ClearanceReport.objects.distinct("month")) == {"2026-02", "2026-03"}
    entry = AuditEntry.objects.get(collection="job_runs", action="create")
    assert entry.changes["until"]["after"] == "2026-03" and entry.actor == admin.username
    publish_month(march["street"], "2026-03", admin.username)
    refused = client.post("/admin/job_run/new/", data=form)
    assert refused.status_code == 200 and JobRun.objects.count() == 1
    assert "已发布" in refused.text and "2026-03" in refused.text
    reversed_range = client.post("/admin/job_run/new/", data={**form, "until": "2026-01"})
    assert "结束月份不能早于开始月份" in reversed_range.text and JobRun.objects.count() == 1
    assert ClearanceMonth.objects(month="2026-03").get().status == "published"
