"""The demo fills in behind a server that already answers, and ends with a year of reports."""

import threading
from datetime import datetime

import pytest

import admin.dashboard
import seeds.demo_reports
from models import ClearanceMonth, ClearanceReport, StarRating, User
from seeds.accounts import DEMO_PASSWORD
from seeds.loading import load_in_background, progress_of
from weimin.core.periods import months_up_to, previous_month
from weimin.core.workdays import TZ


@pytest.fixture
def paused(monkeypatch):
    """Hold the loading just before the ratings, until the test lets it go."""
    reached, release = threading.Event(), threading.Event()
    real = seeds.demo_reports.run_ratings

    def waiting(period):
        reached.set()
        assert release.wait(60)
        return real(period)

    monkeypatch.setattr(seeds.demo_reports, "run_ratings", waiting)
    # The warm-up after the loading would outlive the test's database.
    monkeypatch.setattr(admin.dashboard, "warm_up", lambda app: None)
    return reached, release


@pytest.mark.embedded_store
def test_the_app_answers_while_the_demo_loads_and_ends_with_a_year_of_reports(app, client, paused):
    reached, release = paused
    thread = load_in_background(app, "small")
    try:
        assert reached.wait(120), progress_of(app).failed
        status = client.get("/demo/status").json
        assert not status["ready"] and 0 < status["percent"] < 100
        page = client.get("/login")
        assert page.status_code == 200
        assert 'id="demo-loading"' in page.text and f"{status['percent']}</span>%" in page.text
        # The sign-ins exist: people sign in and open pages while the rest loads.
        answer = client.post("/login", data={"username": "district", "password": DEMO_PASSWORD})
        assert answer.status_code == 302
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/demand/").status_code == 200
    finally:
        release.set()
        thread.join(120)
    assert client.get("/demo/status").json["ready"]
    assert 'id="demo-loading"' not in client.get("/login").text

    months = months_up_to(datetime.now(TZ), 12)
    district = ClearanceReport.objects(level="district")
    assert sorted(district.distinct("month")) == months
    published = sorted(ClearanceMonth.objects(status="published").distinct("month"))
    assert published == [m for m in months if m < previous_month()]
    assert StarRating.objects(period=str(datetime.now(TZ).year)).count() > 0
    assert User.objects(username="volunteer").first().volunteer is not None
