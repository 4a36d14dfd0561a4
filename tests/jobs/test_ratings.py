"""Star ratings from rule sets: validation, breakdowns, bands, the unrated rule; volunteer stars."""

from decimal import Decimal

import pytest
from mongoengine import ValidationError

from jobs.ratings import run_ratings
from models import RuleSet, StarRating, VolunteerStar
from seeds.rules import DEFAULT_RULE_SETS
from tests.jobs.conftest import evaluation, local
from weimin.core.errors import field_errors
from weimin.core.periods import parse_period, periods_ended

RATING = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")


def problems(kind, **changes):
    params = {**next(s for s in DEFAULT_RULE_SETS if s["kind"] == kind)["params"], **changes}
    with pytest.raises(ValidationError) as caught:
        RuleSet(kind=kind, code="x", name="x", params=params).validate()
    return field_errors(caught.value)["params"]


def test_rule_set_validation_messages(app):
    weights = {**RATING["params"]["criteria"], "on_time_rate": 0.15}
    assert "Weights must add up to 1; they add up to 0.9" in problems("rating", criteria=weights)
    unordered = [{"stars": 4, "min": 800}, {"stars": 5, "min": 900}]
    assert "Bands must be strictly ordered" in problems("rating", bands=unordered)
    twice = [{"stars": 5, "min": 900}, {"stars": 4, "min": 900}]
    assert "Bands must be strictly ordered" in problems("rating", bands=twice)
    assert "No band has 6 stars" in problems("rating", rewards={"6": 1})
    assert "Period must be year or quarter" in problems("rating", period="month")
    assert "criteria.speed: Unknown name" in problems("rating", criteria={"speed": 1})
    assert "A weight is a number from 0 to 1" in problems(
        "clearance", weights={"response_rate": "lots"}
    )
    assert "weights: Weights must add up to 1" in problems(
        "clearance", weights={"response_rate": 0.5, "resolution_rate": 0.6}
    )
    assert "strictly increasing" in problems("volunteer_stars", thresholds=[100, 100, 300])
    for spec in DEFAULT_RULE_SETS:  # the shipped defaults are valid
        RuleSet(version=1, **spec).validate()


@pytest.fixture
def year_2025(make, seeded):
    """A community and two organisations; one of them did everything, one nothing."""
    street = make.street()
    community = make.community(street)
    busy, idle = (
        make.organisation(street, name="忙碌服务社"),
        make.organisation(street, name="闲置社"),
    )
    affair, project = make.item(), make.item(kind="project", level="major")
    cases = [  # (item, closed on time?, evaluation)
        (affair, True, evaluation("satisfied", True)),
        (affair, True, evaluation("satisfied", True)),
        (project, True, evaluation("basically", True)),
        (affair, False, evaluation("dissatisfied", False)),
    ]
    for n, (item, on_time, ev) in enumerate(cases, start=1):
        accepted = local(5, 9, year=2025) if item is project else None  # 验收 passed in May
        make.demand(community, item, received_at=local(5, n, year=2025), assigned_org=busy,
                    deadline_at=local(5, 20, year=2025), evaluation=ev, accepted_at=accepted,
                    closed_at=local(5 if on_time else 6, 10, year=2025))  # fmt: skip
    make.demand(community, affair, received_at=local(5, 1, year=2025))  # open: not counted
    volunteer = make.volunteer(community, approved_hours=Decimal("350"))
    make.service_record(volunteer, busy, activity_date=local(7, 1, year=2025).date(),
                        hours=Decimal("10"), status="approved", late_reason="年底补录")  # fmt: skip
    return {"street": street, "community": community, "busy": busy, "idle": idle,
            "volunteer": volunteer}  # fmt: skip


def test_breakdown_adds_up_to_the_score(year_2025):
    summary = run_ratings("2025")
    rating = StarRating.objects.get(period="2025", community=year_2025["community"])
    points = {line.code: line.points for line in rating.breakdown}
    assert points == {
        "on_time_rate": Decimal("187.50"),  # 3/4 × 0.25 × 1000
        "satisfaction_rate": Decimal("181.25"),  # (2 + 0.9) / 4 × 0.25 × 1000
        "resolution_rate": Decimal("150.00"),  # 3/4 × 0.2 × 1000
        "projects_accepted": Decimal("25.00"),  # 1 of a target of 4, × 0.1 × 1000
        "volunteer_hours": Decimal("1.00"),  # 10 of 1000 h, × 0.1 × 1000
        "volume_handled": Decimal("4.00"),  # 4 of 100, × 0.1 × 1000
    }
    assert rating.score == sum(points.values()) == Decimal("548.75")
    assert (rating.stars, rating.reward, rating.not_eligible) == (1, Decimal(0), False)
    assert (rating.rule_set_code, rating.rule_set_version) == ("default", 1)
    raw = {line.code: line.raw for line in rating.breakdown}
    assert raw["on_time_rate"] == 0.75 and raw["satisfaction_rate"] == 0.725
    assert {line.code: line.weight for line in rating.breakdown} == RATING["params"]["criteria"]
    busy = StarRating.objects.get(period="2025", organisation=year_2025["busy"])
    assert busy.score == Decimal("548.75") and busy.subject_name == "忙碌服务社"
    assert summary["rated"] == 3 and summary["stars"] == {"0": 1, "1": 2}


def test_higher_bands_bring_their_reward(year_2025):
    params = {**RATING["params"], "bands": [{"stars": 5, "min": 540}, {"stars": 4, "min": 500}]}
    RuleSet(kind="rating", code="default", name="宽松", street=year_2025["street"],
            params={**params, "rewards": {"5": 60000, "4": 40000}}).save()  # fmt: skip
    run_ratings("2025")
    rating = StarRating.objects.get(period="2025", community=year_2025["community"])
    assert (rating.stars, rating.reward) == (5, Decimal(60000))


def test_two_unrated_periods_running_are_flagged(year_2025):
    run_ratings("2024")
    run_ratings("2025")
    idle = {r.period: r for r in StarRating.objects(organisation=year_2025["idle"])}
    assert (idle["2024"].stars, idle["2024"].not_eligible) == (0, False)
    assert (idle["2025"].unrated_streak, idle["2025"].not_eligible) == (2, True)
    busy = {r.period: r for r in StarRating.objects(organisation=year_2025["busy"])}
    assert busy["2024"].not_eligible is False and busy["2025"].unrated_streak == 0
    run_ratings("2025")  # running again changes nothing
    assert (
        StarRating.objects(organisation=year_2025["idle"], period="2025").get().unrated_streak == 2
    )


def test_quarters_only_where_the_rule_set_says_so(year_2025):
    summary = run_ratings("2025-Q2")
    assert summary["rated"] == 0 and summary["skipped"] == [year_2025["street"].code]
    RuleSet(kind="rating", code="default", name="季度", street=year_2025["street"],
            params={**RATING["params"], "period": "quarter"}).save()  # fmt: skip
    run_ratings("2025-Q2")
    rating = StarRating.objects.get(period="2025-Q2", community=year_2025["community"])
    # a quarter needs a quarter of the yearly targets: 1 project of 1, 4 demands of 25
    points = {line.code: line.points for line in rating.breakdown}
    assert points["projects_accepted"] == Decimal("100.00")
    assert points["volume_handled"] == Decimal("16.00")
    assert points["volunteer_hours"] == Decimal("0.00")  # the hours were in July (Q3)


def test_volunteer_stars_from_approved_hours(year_2025):
    run_ratings("2025")
    star = VolunteerStar.objects.get(volunteer=year_2025["volunteer"])
    assert (star.stars, star.hours, star.next_threshold) == (2, Decimal(350), Decimal(600))


def test_periods():
    assert parse_period("2025-Q1").previous == "2024-Q4"
    assert parse_period("2025").start == local(1, 1, 0, year=2025)
    assert periods_ended(local(1, 1, 3)) == ["2025", "2025-Q4"]
    assert periods_ended(local(7, 1, 3)) == ["2026-Q2"]
