"""One month of one community, from API intake to the published bulletin.

Four demands come in through the JSON API in March 2026 and are moved through their paths; the
deadline watch catches the two that run late; the clearance job runs from the command line; the
home page, the job's printout and the public bulletin then show the figures worked out by hand
below from RULES.md (routine: 3 working days, first response within 24 hours).

  D1  in 03-02 09:00, assigned 2 h later, closed 03-03: on time; satisfied, resolved
  D2  in 03-02 10:00, assigned 30 h later (late response), late at 03-06 00:00, flagged and
      escalated by the watch 03-10, closed 03-12: closed, not on time; basically satisfied,
      not resolved (03-13 09:00), so it is sent back: its rework R comes in then
  D3  in 03-04 09:00, assigned 1 h later, late at 03-10 00:00, flagged and escalated 03-10,
      still open at the end of the month: overdue_open
  D4  in 03-05 09:00, rejected as not admissible 2 h later: received and rejected, left out of
      the response rate

  R   in 03-13 09:00 (the rework of D2), no response yet, late at 03-19 00:00: overdue_open

  received 5, closed 2, on time 1, rejected 1, open at end 2 (= 0 + 5 − 2 − 1), overdue open 2
  clearance 2 / (5 − 1) = 50.0%   response 2/4 = 50.0%   resolution 1/2 = 50.0%
  satisfaction (1 + 0.9) / 2 = 95.0%   composite 0.1 × 1/2 + 0.5 × 1/2 + 0.4 × 0.95 = 68.0%
"""

import html
import json
import re
from datetime import UTC, datetime

import pytest

from models import Demand
from models.demand import Evaluation
from weimin.core.workdays import TZ

MONTH = "2026-03"


def local(day, hour):
    """An instant of March 2026, given in Beijing time."""
    return datetime(2026, 3, day, hour, tzinfo=TZ).astimezone(UTC)


class Clock:
    """The instant intake stamps on a demand; the test moves it."""

    now = local(1, 9)


class FrozenDatetime(datetime):
    """datetime whose now() is the last evening of the month (the home page's 'this month')."""

    @classmethod
    def now(cls, tz=None):
        instant = local(31, 20)
        return instant.astimezone(tz) if tz else instant.replace(tzinfo=None)


@pytest.fixture
def month_of_work(app, make, monkeypatch):
    """Take in and move the four demands; return what the rest of the test needs."""
    from jobs.sla import run_sla
    from weimin.demands.transitions import apply

    monkeypatch.setattr("weimin.demands.intake.utcnow", lambda: Clock.now)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["seed"]).exit_code == 0  # the default rule sets
    street = make.street()
    community = make.community(street)
    item = make.item(kind="affair", level="routine", street_doc=street)
    organisation = make.organisation(street)
    _token, secret = make.api_token(street, "demands:create")
    api = app.test_client()

    def take_in(day, hour, phone):
        Clock.now = local(day, hour)
        body = {
            "item": item.code,
            "community": community.code,
            "resident_name": "李爷爷",
            "resident_phone": phone,
            "channel": "wechat",
            "description": "楼道灯坏了",
            "values": {},
        }
        response = api.post(
            "/api/v1/demands", json=body, headers={"Authorization": f"Bearer {secret}"}
        )
        assert response.status_code == 201, response.get_json()
        return Demand.objects.get(ticket_no=response.get_json()["ticket_no"])

    def act(demand, action, at, **params):
        return apply(Demand.objects.get(pk=demand.pk), action, "王社工", at=at, **params)

    def evaluation(satisfaction, resolved, at):
        return Evaluation(satisfaction=satisfaction, resolved=resolved, at=at, by="回访")

    d1 = take_in(2, 9, "13700000001")
    d2 = take_in(2, 10, "13700000002")
    d3 = take_in(4, 9, "13700000003")
    d4 = take_in(5, 9, "13700000004")
    with app.app_context():
        act(d1, "assign", local(2, 11), organisation=organisation)
        act(d1, "start", local(2, 14))
        act(d1, "close", local(3, 10))
        act(d1, "answer", local(3, 15))
        act(d1, "evaluate", local(4, 10), evaluation=evaluation("satisfied", True, local(4, 10)))
        act(d2, "assign", local(3, 16), organisation=organisation)
        act(d2, "start", local(4, 9))
        act(d3, "assign", local(4, 10), organisation=organisation)
        act(d4, "reject", local(5, 11), note="不属于受理范围")
        watched = run_sla(now=local(10, 9))
        act(d2, "close", local(12, 10))
        act(d2, "answer", local(12, 14))
        act(d2, "evaluate", local(13, 9), evaluation=evaluation("basically", False, local(13, 9)))
    return {
        "street": street,
        "community": community,
        "demands": (d1, d2, d3, d4),
        "watched": watched,
        "runner": runner,
    }


def bulletin_figures(page):
    """(the community's row of the ranking, the street's rates and communities cleared)."""
    row = re.search(r'<table[^>]*id="ranking".*?<tbody>(.*?)</tbody>', page, re.S)[1]
    cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    street_line = re.search(r'<p class="small text-muted">(.*?)</p>', page, re.S)[1]
    return cells, re.findall(r"[\d.]+%|\d+/\d+", street_line)


def test_a_month_from_api_intake_to_the_public_bulletin(app, make, monkeypatch, month_of_work):
    street, community = month_of_work["street"], month_of_work["community"]
    d1, d2, d3, d4 = (Demand.objects.get(pk=d.pk) for d in month_of_work["demands"])

    # The watch caught exactly the two late ones, flagged them and took them up a level.
    watched = month_of_work["watched"]
    assert (watched["checked"], watched["flagged"], watched["escalated"]) == (2, 2, 2)
    assert [d.overdue for d in (d1, d2, d3, d4)] == [False, True, True, False]
    assert [d.handling_level for d in (d2, d3)] == ["general", "general"]
    assert [d.status for d in (d1, d2, d3, d4)] == [
        "evaluated",
        "reopened",
        "assigned",
        "rejected",
    ]
    rework = d2.follow_up
    assert (rework.status, rework.follow_up_of, rework.received_at) == (
        "reworking",
        d2,
        local(13, 9),
    )

    # The clearance job, from the command line, twice: the second run changes nothing.
    runner = month_of_work["runner"]
    printed = []
    for _run in range(2):
        result = runner.invoke(args=["jobs", "clearance", "--month", MONTH])
        assert result.exit_code == 0, result.output
        printed.append(result.output)
    assert printed[0] == printed[1]
    line = next(row for row in printed[0].splitlines() if row.startswith(community.name))
    #          carried_in received closed on_time rejected open_at_end overdue_open
    counts = [int(n) for n in line.split()[1:8]]
    assert counts == [0, 5, 2, 1, 1, 2, 2]
    #          clearance response resolution satisfaction composite
    assert line.split()[8:13] == ["50.0%", "50.0%", "50.0%", "95.0%", "68.0%"]
    summary = runner.invoke(args=["jobs", "clearance", "--month", MONTH, "--json"])
    assert json.loads(summary.output)["frozen"] == []

    # The home page on the month's last evening, for the community worker and the street admin.
    monkeypatch.setattr("admin.dashboard.datetime", FrozenDatetime)
    for role, scope in (("community_worker", {"community_doc": community}), ("street_admin", {})):
        client = app.test_client()
        user = make.user(role, street_doc=street, **scope)
        signed_in = {"username": user.username, "password": make.PASSWORD}
        assert client.post("/login", data=signed_in).status_code == 302
        page = client.get("/admin/").text
        cards = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
        assert cards == {"received_month": "5", "closed_month": "2", "open": "2", "overdue": "2"}
        charts = json.loads(html.unescape(re.search(r'data-charts="([^"]*)"', page)[1]))
        at = charts["trends"]["months"].index(MONTH)
        assert charts["trends"]["clearance"][at] == 50.0, role
        assert charts["trends"]["satisfaction"][at] == 95.0, role

    # The bulletin shows nothing until the month is published, then exactly these figures.
    public = app.test_client()
    assert 'id="no-months"' in public.get(f"/bulletin/{street.code}/").text
    from jobs.publication import publish_month

    with app.app_context():
        publish_month(street, MONTH, "street-admin")
    shown = bulletin_figures(public.get(f"/bulletin/{street.code}/").text)
    assert shown == (
        ["1", community.name, "5", "2", "50.0%", "95.0%", "68.0%", ""],
        ["50.0%", "95.0%", "0/1"],
    )

    # Published means frozen: the nightly recomputation leaves the month alone.
    again = runner.invoke(args=["jobs", "clearance", "--month", MONTH, "--json"])
    assert json.loads(again.output)["frozen"] == [street.code]
    assert bulletin_figures(public.get(f"/bulletin/{street.code}/").text) == shown
