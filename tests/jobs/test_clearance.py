"""The monthly clearance of a hand-built March 2026, every figure worked out by hand."""

from datetime import date

import pytest

from jobs.clearance import run_clearance
from models import ClearanceMonth, ClearanceReport, Demand, JobRun, RuleSet
from tests.jobs.conftest import MONTH, demand, local
from weimin.core.periods import bounds, previous_month


def report(community=None, street=None):
    query = ClearanceReport.objects(month=MONTH)
    if community is not None:
        return query.get(community=community)
    return query.get(street=street, community=None)


def test_every_figure_of_community_a(march):
    run_clearance(MONTH)
    a = report(march["a"])
    # carried in: C1 (open), C2, C3 (open on 1 March); X1 and X2 left in February.
    assert a.carried_in == 3
    # received in March: R1..R9; A1 (2 April) is not.
    assert a.received == 9
    # closed in March: C2, C3, R1, R2, R7, R9 (R6 closed on 1 April, local time).
    assert a.closed == 6
    # on time: C2 (3 ≤ 5 Mar), R1 (4 ≤ 5), R7 (16 ≤ 20); C3 and R2 late; R9 flagged overdue.
    assert a.closed_on_time == 3
    assert a.rejected == 1  # R3
    # 3 + 9 − 6 − 1 = 5: C1, R4, R5, R6, R8
    assert a.open_at_end == 5
    end = bounds(MONTH)[1]
    assert Demand.objects(community=march["a"]).open_at(end).count() == 5
    # overdue open: C1 (deadline 25 Feb), R4 (deadline 31 Mar 12:00); R5, R6, R8 are due in April.
    assert a.overdue_open == 2
    # response: received minus R3 (rejected) = 8; on time all but R2 (2 days) and R4 (none);
    # R8 answered at 08:00 on 1 April, 9 h after receipt, counts.
    assert (a.response_base, a.responded_on_time) == (8, 6)
    assert a.response_rate == 0.75
    # evaluated: C2 satisfied+resolved, C3 dissatisfied, R1 basically+resolved,
    # R2 satisfied+resolved, R9 basically; R7 has no evaluation.
    assert (a.evaluated, a.resolved) == (5, 3)
    assert (a.satisfied, a.basically, a.dissatisfied) == (2, 2, 1)
    assert a.resolution_rate == 0.6  # 3 / 5
    assert a.satisfaction_rate == 0.76  # (2 + 0.9 × 2) / 5 = 3.8 / 5
    assert a.clearance_rate == 6 / 11  # 6 / (3 + 9 − 1)
    assert a.composite == 0.679  # 0.1 × 0.75 + 0.5 × 0.6 + 0.4 × 0.76
    assert a.cleared is False
    assert (a.rule_set_code, a.rule_set_version, a.revision) == ("default", 1, 1)


def test_a_month_without_evaluations_and_an_empty_one(march):
    run_clearance(MONTH)
    b = report(march["b"])
    # B1 closed on time, answered in time; B2 answered after 30 h, still open (due in April).
    assert (b.carried_in, b.received, b.closed, b.closed_on_time) == (0, 2, 1, 1)
    assert (b.rejected, b.open_at_end, b.overdue_open, b.evaluated) == (0, 1, 0, 0)
    assert b.clearance_rate == 0.5
    assert b.response_rate == 0.5
    # no evaluation: both rates are empty, not 0 and not 100 %
    assert b.resolution_rate is None and b.satisfaction_rate is None
    # the composite averages only the rates that exist: 0.1 × 0.5 / 0.1
    assert b.composite == 0.5
    c = report(march["c"])
    # nothing was due: clearance 100 %, every other rate empty, cleared, not ranked
    assert (c.received, c.open_at_end, c.clearance_rate, c.cleared) == (0, 0, 1.0, True)
    assert c.response_rate is None and c.composite is None and c.rank is None
    d = report(march["d"])
    assert (d.received, d.closed, d.closed_on_time, d.open_at_end) == (1, 1, 1, 0)
    assert (d.clearance_rate, d.response_rate, d.composite, d.cleared) == (1.0, 1.0, 1.0, True)


def test_ranking_lists_and_roll_ups(march):
    run_clearance(MONTH)
    # composites: D 1.0, A 0.679, B 0.5; C has none and is not ranked.
    ranks = {key: report(march[key]).rank for key in "abcd"}
    assert ranks == {"a": 2, "b": 3, "c": None, "d": 1}
    # three ranked: each list takes at most half of them (1), so nobody is on both.
    honours = {key: report(march[key]).honour for key in "abcd"}
    assert honours == {"a": None, "b": "black", "c": None, "d": "red"}
    street = report(street=march["street"])
    # sums: carried 3; received 9+2+0+1; closed 6+1+0+1; on time 3+1+1; rejected 1
    assert (street.carried_in, street.received, street.closed) == (3, 12, 8)
    assert (street.closed_on_time, street.rejected, street.open_at_end) == (5, 1, 6)
    assert (street.overdue_open, street.communities, street.communities_cleared) == (2, 4, 2)
    assert street.clearance_rate == 8 / 14
    assert street.response_rate == 8 / 11  # (6+1+1) / (8+2+1)
    assert street.resolution_rate == 4 / 6  # (3+1) / (5+1)
    assert street.satisfaction_rate == 0.8  # (3 + 0.9 × 2) / 6
    # 0.1 × 8/11 + 0.5 × 2/3 + 0.4 × 4/5 = 599/825, pooled, not an average of communities
    assert street.composite == 599 / 825
    district = ClearanceReport.objects.get(month=MONTH, street=None, community=None)
    assert (district.level, district.received, district.composite) == ("district", 12, 599 / 825)
    assert district.published is False


def test_the_street_rule_set_decides_the_weights(march):
    RuleSet(kind="clearance", code="default", name="另一套权重", street=march["street"],
            params={"weights": {"response_rate": 0.30, "resolution_rate": 0.35,
                                "satisfaction_rate": 0.35}}).save()  # fmt: skip
    run_clearance(MONTH)
    a = report(march["a"])
    assert a.composite == 0.701  # 0.30 × 0.75 + 0.35 × 0.6 + 0.35 × 0.76
    assert a.rule_set_version == 1 and a.satisfaction_rate == 0.76


def snapshot():
    """Every report and month document, without the computation timestamps."""
    docs = []
    for model in (ClearanceReport, ClearanceMonth):
        for doc in model._get_collection().find({}, sort=[("_id", 1)]):
            docs.append({k: v for k, v in doc.items() if k != "computed_at"})
    return docs


def test_running_twice_leaves_the_same_documents(march):
    run_clearance(MONTH)
    first = snapshot()
    run_clearance(MONTH)
    assert snapshot() == first
    assert ClearanceReport.objects(month=MONTH).count() == 6  # 4 communities, street, district


def test_an_interrupted_run_ends_right_when_run_again(march, monkeypatch):
    run_clearance(MONTH)
    # The data change, then a run dies after writing two of the four community reports.
    for d in Demand.objects(community=march["b"], closed_at=None):
        d.update(set__closed_at=local(3, 30))
    import jobs.clearance as clearance

    real, calls = clearance.upsert, []

    def dying(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise ConnectionError("worker lost")
        return real(*args, **kwargs)

    monkeypatch.setattr(clearance, "upsert", dying)
    with pytest.raises(ConnectionError):
        run_clearance(MONTH)
    assert JobRun.objects.order_by("-created_at").first().status == "failed"
    # half-written: A and B rewritten, the street roll-up still from the first run
    assert report(march["b"]).open_at_end == 0
    assert report(street=march["street"]).open_at_end == 6
    monkeypatch.setattr(clearance, "upsert", real)
    run_clearance(MONTH)
    after_rerun = snapshot()
    ClearanceReport.drop_collection()
    ClearanceMonth.drop_collection()
    run_clearance(MONTH)  # from nothing, on the same data
    assert strip_ids(snapshot()) == strip_ids(after_rerun)
    assert report(street=march["street"]).open_at_end == 5


def strip_ids(docs):
    return sorted(sorted((k, str(v)) for k, v in d.items() if k != "_id") for d in docs)


def test_previous_month_is_local():
    assert previous_month(local(3, 1, 1)) == "2026-02"  # 1 March 01:00 in Shanghai
    assert previous_month(local(1, 5)) == "2025-12"


def test_a_bad_month_is_refused(app):
    with pytest.raises(ValueError, match="YYYY-MM"):
        run_clearance("2026-13")


def test_the_nightly_run_recomputes_drafts_and_leaves_published_months(march, make):
    from jobs.clearance import draft_months, recompute_drafts
    from jobs.publication import publish_month

    street = march["street"]
    for month in ("2026-01", "2026-02", "2026-04"):
        run_clearance(month)
    publish_month(street, "2026-02", "street1")
    february = ClearanceReport.objects.get(month="2026-02", street=street, level="street")
    # A demand entered late: it belongs to January (a draft) and February (published).
    demand(make, march["a"], march["item"], local(1, 10), deadline_at=local(1, 15))
    # The 2026-04 draft is the current month on 2 April: not over, so not recomputed.
    assert draft_months("2026-04-02") == ["2026-01", "2026-03"]
    result = recompute_drafts(date(2026, 4, 2))
    assert result["months"] == ["2026-01", "2026-03"]
    assert [r["computed"] for r in result["runs"]] == [[street.code], [street.code]]
    assert ClearanceReport.objects.get(month="2026-01", community=march["a"]).received == 1
    assert report(march["a"]).composite == 0.679  # March, computed for the first time
    after = ClearanceReport.objects.get(month="2026-02", street=street, level="street")
    assert (after.carried_in, after.computed_at) == (february.carried_in, february.computed_at)
    status = {m.month: m.status for m in ClearanceMonth.objects(street=street)}
    assert status == {"2026-01": "draft", "2026-02": "published", "2026-03": "draft",
                      "2026-04": "draft"}  # fmt: skip
    runs = JobRun.objects(requested_by="schedule").order_by("period")
    assert [(r.period, r.status) for r in runs] == [("2026-01", "done"), ("2026-03", "done")]


def test_the_nightly_run_takes_the_month_before_today(app):
    from jobs.clearance import month_before

    assert month_before("2026-01-01") == "2025-12"
    assert month_before(date(2026, 3, 31)) == "2026-02"
    with pytest.raises(ValueError):
        month_before("2026-4-1")
