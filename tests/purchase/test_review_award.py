"""Review: conflicts exclude a member, the weighted ranking and its ties; award, 公示, final,
the project through intake, payments through the ledger, acceptance."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from models import Demand, LedgerEntry, PurchaseContract
from tests.purchase.conftest import MONDAY, form, funded, plan
from weimin.demands.errors import TransitionError
from weimin.purchase import applications, award, calls, delivery, review


@pytest.fixture
def reviewing(world):
    call = calls.advance(world["call"], "publish", MONDAY)
    apps = [applications.submit(call, org, form(budget), plan(), "测试", MONDAY)
            for org, budget in zip(world["orgs"], ("60000", "50000"), strict=True)]  # fmt: skip
    deadline = calls.aware(call.deadline)
    calls.advance(call, "close", deadline)
    calls.advance(call, "review", deadline)
    return call, apps


def marks(plan_mark, team_mark):
    return {"服务方案": plan_mark, "团队经验": team_mark}


def test_the_ranking_is_the_weighted_mean_over_members(world, reviewing):
    call, (first, second) = reviewing
    a, b, c = world["panel"]
    review.score(call, first, a, marks(90, 8))
    review.score(call, first, b, marks(80, 7))
    review.score(call, first, c, marks(70, 9))
    review.score(call, second, a, marks(85, 10))
    review.score(call, second, b, marks(75, 6))
    review.score(call, second, c, marks("77.5", 7))
    rows = review.ranking(call)
    # first: plan mean 80 → 48; team mean 8/10 → 80 → 32; total 80.00
    # second: plan mean 79.1666… → 47.50; team mean 7.666…/10 → 76.67 → 30.666…; total 78.17
    assert [(r.application.pk, r.total, r.rank) for r in rows] == [
        (first.pk, Decimal("80.00"), 1),
        (second.pk, Decimal("78.17"), 2),
    ]
    assert rows[1].means == {"服务方案": Decimal("79.17"), "团队经验": Decimal("76.67")}


def test_a_tie_goes_to_the_lower_budget(world, reviewing):
    call, (first, second) = reviewing
    for member in world["panel"]:
        review.score(call, first, member, marks(80, 8))
        review.score(call, second, member, marks(80, 8))
    rows = review.ranking(call)
    assert rows[0].total == rows[1].total == Decimal("80.00")
    assert [r.application.pk for r in rows] == [second.pk, first.pk]  # 50,000 before 60,000


def test_a_member_tied_to_an_applicant_is_excluded(world, reviewing):
    call, (first, second) = reviewing
    a, b, c = world["panel"]
    review.declare(call, first, a, "曾在该机构任职")
    with pytest.raises(TransitionError):
        review.score(call, first, a, marks(100, 10))
    review.score(call, first, b, marks(60, 6))
    review.score(call, first, c, marks(80, 8))
    row = next(r for r in review.ranking(call) if r.application.pk == first.pk)
    assert (row.scored_by, row.excluded, row.total) == (2, 1, Decimal("70.00"))
    assert (a.pk, first.pk) not in {(m.pk, p.pk) for m, p in review.missing(call)}


def test_marks_are_checked_and_only_the_panel_scores(world, reviewing, make):
    call, (first, _second) = reviewing
    with pytest.raises(TransitionError) as caught:
        review.score(call, first, world["panel"][0], marks(101, 11))
    assert set(caught.value.errors) == {"mark-0", "mark-1"}
    outsider = make.user("street_admin", street_doc=world["street"])
    with pytest.raises(TransitionError):
        review.score(call, first, outsider, marks(50, 5))


def _scored(world, call, apps):
    for member in world["panel"]:
        review.score(call, apps[0], member, marks(90, 9))
        review.score(call, apps[1], member, marks(70, 7))


def test_award_objection_period_in_working_days_then_final(world, reviewing, make):
    call, apps = reviewing
    with pytest.raises(TransitionError):  # nobody has scored yet
        award.award(call, [], "科长", MONDAY)
    _scored(world, call, apps)
    awarded_at = datetime(2025, 9, 29, 2, 0, tzinfo=UTC)  # Monday before National Day
    award.award(call, [], "科长", awarded_at)
    assert call.status == "awarded" and apps[0].reload().status == "awarded"
    assert apps[1].reload().status == "not_awarded"
    # 5 working days: 30 Sep, 9, 10, 11 (make-up Saturday), 13 Oct → ends 00:00 on 14 Oct.
    assert calls.aware(call.objection_ends) == datetime(2025, 10, 13, 16, 0, tzinfo=UTC)
    with pytest.raises(TransitionError):
        award.finalise(call, "科长", datetime(2025, 10, 13, 15, 59, tzinfo=UTC))
    assert Demand.objects.count() == 0
    (contract,) = award.finalise(call, "科长", calls.aware(call.objection_ends))
    assert call.reload().status == "final"
    project = contract.demand
    assert project.kind == "project" and project.status == "approved"
    assert project.assigned_org.pk == world["orgs"][0].pk and project.channel == "purchase"
    assert project.ticket_no.startswith(world["street"].code)
    assert project.subsidy_amount == Decimal("60000")


def test_payments_go_through_the_ledger_and_acceptance_passes(world, reviewing, make):
    call, apps = reviewing
    _scored(world, call, apps)
    award.award(call, [], "科长", MONDAY + timedelta(days=10))
    (contract,) = award.finalise(call, "科长", calls.aware(call.objection_ends))
    fund = funded(make, world["street"])
    now = calls.aware(call.objection_ends) + timedelta(days=1)
    delivery.start(contract, None, "科长", now)
    delivery.start(contract, None, "科长", now)  # again: no second payment
    first = LedgerEntry.objects.get(kind="disbursement")
    assert first.amount == Decimal("18000.00") and first.demand.pk == contract.demand.pk
    assert fund.reload().paid == Decimal("18000")
    with pytest.raises(TransitionError) as caught:
        delivery.accept(contract, "120", True, "", "科长", now)
    assert "acceptance_score" in caught.value.errors
    delivery.accept(contract.reload(), "92", True, "宁波市社会组织评估中心", "科长", now)
    stored = PurchaseContract.objects.get(pk=contract.pk)
    assert stored.acceptance_score == 92 and stored.demand.status == "accepted"
    assert stored.inspector == "宁波市社会组织评估中心"
    delivery.pay_final(stored, None, "科长", now)
    assert stored.demand.reload().status == "subsidised"
    assert fund.reload().paid == Decimal("60000")
    assert [m.status for m in PurchaseContract.objects.get(pk=contract.pk).milestones] == [
        "paid", "paid"]  # fmt: skip


def test_the_acceptance_score_feeds_the_next_rating(world, reviewing, make):
    from jobs.ratings import run_ratings
    from models import RuleSet, StarRating
    from seeds.rules import DEFAULT_RULE_SETS

    rating_rules = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")

    call, apps = reviewing
    _scored(world, call, apps)
    award.award(call, [], "科长", MONDAY + timedelta(days=10))
    (contract,) = award.finalise(call, "科长", calls.aware(call.objection_ends))
    funded(make, world["street"])
    now = datetime(2025, 11, 3, 2, 0, tzinfo=UTC)
    delivery.start(contract, None, "科长", now)
    delivery.accept(contract, "84", True, "", "科长", now)
    criteria = {**rating_rules["params"]["criteria"], "volume_handled": 0.0,
                "acceptance_score": 0.1}  # fmt: skip
    params = {**rating_rules["params"], "criteria": criteria}
    RuleSet(kind="rating", code="default", name="含验收", street=world["street"],
            params=params).save()  # fmt: skip
    run_ratings("2025")
    rating = StarRating.objects.get(period="2025", organisation=world["orgs"][0].pk)
    line = next(x for x in rating.breakdown if x.code == "acceptance_score")
    assert line.raw == pytest.approx(0.84) and line.points == Decimal("84.00")
    other = StarRating.objects.get(period="2025", organisation=world["orgs"][1].pk)
    assert next(x for x in other.breakdown if x.code == "acceptance_score").raw is None
