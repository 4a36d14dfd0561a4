"""The purchased-services calendar job, on a frozen clock: calls close at their deadline, awards
turn final at the end of the objection period unless an objection waits for an answer; twice,
or twice at once, it does each step once; through the worker and from the command line."""

import threading
from datetime import UTC, datetime, timedelta

import pytest

from jobs.cli import jobs_cli
from jobs.dispatch import submit
from jobs.purchase_calendar import run_purchase_calendar
from jobs.runs import new_run
from models import AuditEntry, Demand, JobRun, PurchaseContract
from tests.jobs.conftest import wait_for
from tests.purchase.conftest import MONDAY, announced, form, plan
from tests.purchase.conftest import world as world  # noqa: F401 (a fixture)
from weimin.purchase import applications, calls, objections
from weimin.purchase.calendar import STALLED, keep

SECOND = timedelta(seconds=1)
AWARDED = datetime(2025, 9, 29, 2, 0, tzinfo=UTC)
ENDS = datetime(2025, 10, 13, 16, 0, tzinfo=UTC)  # 5 working days, National Day skipped


def _counts(**given):
    counts = dict.fromkeys(("closed", "refused", "finalised", "contracts", "waiting",
                            "taken_by_another"), 0)  # fmt: skip
    return {**counts, **given}


def test_a_call_closes_at_its_deadline_once(world):
    call = calls.advance(world["call"], "publish", MONDAY)
    for org in world["orgs"]:
        applications.submit(call, org, form(), plan(), "测试", MONDAY)
    deadline = calls.aware(call.deadline)
    assert run_purchase_calendar(now=deadline - SECOND) == _counts()
    assert call.reload().status == "published"
    assert run_purchase_calendar(now=deadline) == _counts(closed=1)
    assert run_purchase_calendar(now=deadline + SECOND) == _counts()
    assert call.reload().status == "closed"
    entry = AuditEntry.objects.get(collection="purchase_calls", summary="close")
    assert (entry.actor_kind, entry.actor) == ("job", "purchase_calendar")
    runs = JobRun.objects(kind="purchase_calendar").order_by("created_at")
    assert [r.status for r in runs] == ["done"] * 3 and runs[1].summary["closed"] == 1


def test_an_award_is_final_after_its_period_unless_an_objection_waits(world):
    call, _apps = announced(world, AWARDED)
    objection = objections.lodge(call, "评分有误", None, "org2", AWARDED + SECOND,
                                 organisation=world["orgs"][1])  # fmt: skip
    assert run_purchase_calendar(now=ENDS - SECOND) == _counts()
    assert run_purchase_calendar(now=ENDS) == _counts(waiting=1)
    assert call.reload().status == "awarded" and not PurchaseContract.objects.count()
    objections.answer(objection, "dismissed", "评分符合评分办法", "科长", ENDS)
    assert run_purchase_calendar(now=ENDS + SECOND) == _counts(finalised=1, contracts=1)
    assert run_purchase_calendar(now=ENDS + 2 * SECOND) == _counts()
    assert call.reload().status == "final"
    assert PurchaseContract.objects.count() == Demand.objects.count() == 1
    entry = AuditEntry.objects.get(collection="purchase_calls", summary="finalise")
    assert (entry.actor_kind, entry.actor) == ("job", "purchase_calendar")


def test_without_objections_the_award_is_final_at_the_end_of_the_period(world):
    call, _apps = announced(world, AWARDED)
    assert run_purchase_calendar(now=ENDS) == _counts(finalised=1, contracts=1)
    assert calls.aware(call.reload().final_at) == ENDS


def test_a_run_stopped_half_way_is_completed_by_the_next(world):
    call, _apps = announced(world, AWARDED)
    calls.advance(call, "finalise", ENDS)  # final, but stopped before its contracts were made
    assert run_purchase_calendar(now=ENDS + STALLED - SECOND) == _counts()  # still being made?
    assert run_purchase_calendar(now=ENDS + STALLED) == _counts(contracts=1)
    assert run_purchase_calendar(now=ENDS + STALLED) == _counts()
    assert PurchaseContract.objects.count() == Demand.objects.count() == 1


def test_two_runs_at_once_finalise_once(app, world):
    call, _apps = announced(world, AWARDED)
    results, start = [], threading.Barrier(2)

    def run():
        with app.app_context():
            start.wait()
            results.append(keep(ENDS))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(r["finalised"] for r in results) == 1
    assert PurchaseContract.objects.count() == Demand.objects.count() == 1
    assert call.reload().status == "final"


def test_the_calendar_runs_through_the_worker(app, world, worker):
    call, _apps = announced(world, AWARDED)
    run = new_run("purchase_calendar", requested_by="street1")
    app.extensions["celery"].send_task(
        "jobs.purchase_calendar", kwargs={"run_id": str(run.pk), "now": ENDS.isoformat()}
    )
    done = wait_for(run.pk)
    assert done.status == "done", done.message
    assert done.summary["finalised"] == 1 and call.reload().status == "final"
    again = new_run("purchase_calendar", requested_by="street1")
    submit(again)  # as the jobs page sends it: now
    assert wait_for(again.pk).status == "done"
    assert PurchaseContract.objects.count() == 1


def test_the_command_line_runs_it_as_of_a_given_moment(app, world):
    call, _apps = announced(world, AWARDED)
    runner = app.test_cli_runner()
    early = runner.invoke(jobs_cli, ["purchase-calendar", "--now", "2025-10-13T23:59+08:00"])
    assert early.exit_code == 0 and "finalised=0" in early.output
    result = runner.invoke(jobs_cli, ["purchase-calendar", "--now", "2025-10-14T00:00+08:00"])
    assert result.exit_code == 0 and "finalised=1" in result.output, result.output
    assert call.reload().status == "final"
    bad = runner.invoke(jobs_cli, ["purchase-calendar", "--now", "2025-10-14T00:00"])
    assert bad.exit_code != 0 and "--now" in bad.output


@pytest.mark.parametrize("kind", ["purchase_calendar"])
def test_the_job_is_scheduled(app, kind):
    celery = app.extensions["celery"]
    scheduled = {entry["task"] for entry in celery.conf.beat_schedule.values()}
    assert f"jobs.{kind}" in scheduled and f"jobs.{kind}" in celery.tasks
