"""Admins recompute, watch, publish; the board, ratings and the command line show the figures."""

import re

from jobs.clearance import run_clearance
from jobs.rating_publication import publish_ratings
from jobs.ratings import run_ratings
from models import ClearanceMonth, JobRun, RuleSet, StarRating
from tests.jobs.conftest import MONTH, wait_for


def test_a_street_admin_recomputes_watches_publishes(march, worker, make, login):
    admin = make.user("street_admin", street_doc=march["street"])
    client = login(admin)
    client.get("/lang/en")
    response = client.post("/admin/job_run/new/", data={"kind": "clearance", "period": MONTH})
    assert response.status_code == 302
    run = JobRun.objects.get()
    assert (run.street, run.requested_by) == (march["street"], admin.username)
    assert wait_for(run.pk).status == "done"
    progress = client.get("/admin/job_run/").text
    assert 'data-status="done"' in progress and "4/4" in progress
    assert "progress-refresh" not in progress  # nothing left to watch

    board = client.get(f"/admin/clearance_report/board/?month={MONTH}").text
    red = board[board.index('id="red-list"') : board.index('id="black-list"')]
    black = board[board.index('id="black-list"') : board.index('id="ranking"')]
    assert "#1 社区4" in red and "社区2" in black and "社区1" not in red + black
    assert "67.9%" in board and "Draft" in board

    state = ClearanceMonth.objects.get()
    response = client.post(
        "/admin/clearance_month/decide/", data={"id": state.pk, "do": "publish", "confirm": "yes"}
    )
    assert response.status_code == 302
    assert state.reload().status == "published"
    again = client.post("/admin/job_run/new/", data={"kind": "clearance", "period": MONTH})
    assert again.status_code == 200 and JobRun.objects.count() == 1
    assert "This month is published; reopen it before recomputing." in again.text


def test_a_queued_run_refreshes_its_page(march, make, login):
    client = login(make.user("district_admin"))
    client.post("/admin/job_run/new/", data={"kind": "sla", "period": ""})
    assert JobRun.objects.get().status == "queued"  # no worker in this test
    assert "progress-refresh" in client.get("/admin/job_run/").text
    bad = client.post("/admin/job_run/new/", data={"kind": "ratings", "period": "2025-Q5"})
    assert bad.status_code == 200 and JobRun.objects.count() == 1


def test_who_may_see_and_publish(march, make, login, client):
    run_clearance(MONTH)
    state = ClearanceMonth.objects.get()
    assert "/login" in client.get("/admin/clearance_report/board/").headers["Location"]
    supervisor = login(make.user("supervisor"))
    assert supervisor.get("/admin/clearance_report/").status_code == 200
    assert supervisor.get(f"/admin/clearance_report/board/?street={march['street'].pk}").text
    decision = {"id": state.pk, "do": "publish", "confirm": "yes"}
    forbidden = supervisor.post("/admin/clearance_month/decide/", data=decision)
    assert forbidden.status_code == 403
    supervisor.post("/logout")
    other = login(make.user("street_admin", street_doc=make.street()))
    assert other.post("/admin/clearance_month/decide/", data=decision).status_code == 404
    listing = other.get("/admin/clearance_report/").text
    assert "社区1" not in listing
    assert state.reload().status == "draft"


def test_ratings_show_their_breakdown(march, make, login):
    run_ratings("2026")
    rating = StarRating.objects.get(community=march["a"])
    client = login(make.user("supervisor"))
    assert "社区1" not in client.get("/admin/star_rating/").text  # a draft, for publishers only
    publish_ratings(march["street"], "2026", "street-admin")
    assert "社区1" in client.get("/admin/star_rating/").text
    page = client.get(f"/admin/star_rating/details/?id={rating.pk}").text
    points = [line.points for line in rating.breakdown]
    assert all(str(p) in page for p in points) and str(rating.score) in page
    assert sum(points) == rating.score


def test_rule_sets_are_new_versions_and_validated(app, make, login, seeded):
    client = login(make.user("district_admin"))
    client.get("/lang/en")
    current = RuleSet.objects.get(kind="clearance")
    form = client.get(f"/admin/rule_set/new/?from={current.pk}").text
    assert "basically_satisfied_factor" in form
    data = {"kind": "clearance", "code": "default", "name": "新权重", "active": "y"}
    bad_json = client.post("/admin/rule_set/new/", data={**data, "params": '{"weights": '})
    assert "Not valid JSON at line 1, column 12: Expecting value" in bad_json.text
    weights = (
        '{"weights": {"response_rate": 0.3, "resolution_rate": 0.3, "satisfaction_rate": 0.3}}'
    )
    wrong = client.post("/admin/rule_set/new/", data={**data, "params": weights})
    assert "weights: Weights must add up to 1; they add up to 0.9" in wrong.text
    assert RuleSet.objects(kind="clearance").count() == 1
    good = weights.replace('"satisfaction_rate": 0.3', '"satisfaction_rate": 0.4')
    assert client.post("/admin/rule_set/new/", data={**data, "params": good}).status_code == 302
    assert RuleSet.current("clearance").version == 2


def test_the_command_line_prints_the_same_figures(app, march):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobs", "clearance", "--month", MONTH])
    assert result.exit_code == 0, result.output
    line = next(li for li in result.output.splitlines() if li.startswith("社区1"))
    assert line.split()[1:8] == ["3", "9", "6", "3", "1", "5", "2"]
    assert "54.5%" in line and "75.0%" in line and "67.9%" in line and "#2" in line
    assert "#1" in next(li for li in result.output.splitlines() if li.startswith("社区4"))
    assert runner.invoke(args=["jobs", "clearance", "--month", "2026-13"]).exit_code == 2
    ratings = runner.invoke(args=["jobs", "ratings", "--period", "2026"])
    assert ratings.exit_code == 0 and '"rated": 4' in ratings.output
    assert "checked=" in runner.invoke(args=["jobs", "sla"]).output


def test_every_report_page_opens_with_its_details(march, make, login):
    from jobs.publication import publish_month, reopen_month

    make.volunteer(march["a"])
    run_clearance(MONTH)
    publish_month(march["street"], MONTH, "street1")
    reopen_month(march["street"], MONTH, "street1", reason="补录")
    run_ratings("2026")
    client = login(make.user("district_admin"))
    for endpoint in ("clearance_report", "clearance_month", "clearance_revision", "star_rating",
                     "volunteer_star", "job_run"):  # fmt: skip
        listing = client.get(f"/admin/{endpoint}/")
        assert listing.status_code == 200, endpoint
        ids = re.findall(rf"/admin/{endpoint}/details/\?id=([0-9a-f]{{24}})", listing.text)
        assert ids, endpoint
        assert client.get(f"/admin/{endpoint}/details/?id={ids[0]}").status_code == 200, endpoint
    assert client.get("/admin/clearance_report/export/csv/").status_code == 200
    history = client.get(f"/admin/clearance_month/details/?id={ClearanceMonth.objects.get().pk}")
    assert "补录" in history.text


def test_the_board_says_draft_or_published_and_where_each_figure_comes_from(march, make, login):
    from datetime import UTC, datetime

    from jobs.publication import publish_month
    from models import ClearanceReport

    run_clearance(MONTH)
    at = datetime(2026, 3, 31, 18, 5, tzinfo=UTC)  # 02:05 on 1 April in Shanghai
    ClearanceReport.objects(month=MONTH, street=march["street"]).update(set__computed_at=at)
    client = login(make.user("street_admin", street_doc=march["street"]))
    board = client.get(f"/admin/clearance_report/board/?month={MONTH}").text
    assert "草稿，每晚重算；尚未公布" in board
    assert "规则版本 default v1 · 计算于 2026-04-01 02:05" in board
    publish_month(march["street"], MONTH, "street1")
    ClearanceMonth.objects.update(set__published_at=datetime(2026, 4, 3, 1, 30, tzinfo=UTC))
    board = client.get(f"/admin/clearance_report/board/?month={MONTH}").text
    assert "已公布（2026-04-03 09:30，street1）" in board and "草稿" not in board
    client.get("/lang/en")
    board = client.get(f"/admin/clearance_report/board/?month={MONTH}").text
    assert "Rule set default v1 · computed at 2026-04-01 02:05" in board


def test_a_month_history_shows_local_times(march, make, login):
    from datetime import UTC, datetime

    from jobs.publication import publish_month

    run_clearance(MONTH)
    publish_month(march["street"], MONTH, "street1")
    state = ClearanceMonth.objects.get()
    state.update(set__history__0__at=datetime(2026, 4, 1, 18, 30, tzinfo=UTC))
    client = login(make.user("district_admin"))
    page = client.get(f"/admin/clearance_month/details/?id={state.pk}").text
    assert "2026-04-02 02:30" in page and "2026-04-01 18:30" not in page


def test_the_command_line_runs_one_street_and_the_drafts(app, march, make):
    make.community(make.street(code="JD2"))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobs", "clearance", "--month", MONTH, "--street", "JD"])
    assert result.exit_code == 0, result.output
    assert f"clearance {MONTH}: computed JD; frozen (published) -" in result.output
    line = next(li for li in result.output.splitlines() if li.startswith("社区1"))
    assert line.split()[1:8] == ["3", "9", "6", "3", "1", "5", "2"]
    assert "district: 1 of 2 streets; not published" in result.output
    bad = runner.invoke(args=["jobs", "clearance", "--month", MONTH, "--street", "NOPE"])
    assert bad.exit_code == 2
    drafts = runner.invoke(args=["jobs", "drafts", "--today", "2026-04-02"])
    assert drafts.exit_code == 0, drafts.output
    assert drafts.output.splitlines() == [
        f"clearance {MONTH}: computed JD, JD2; frozen (published) -"
    ]
    assert ClearanceMonth.objects(status="published").count() == 0
    assert runner.invoke(args=["jobs", "drafts", "--today", "2026-4-2"]).exit_code == 2
