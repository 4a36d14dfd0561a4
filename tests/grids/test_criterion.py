"""Visit coverage as a rating criterion: a rule set may weight it for community star ratings."""

from datetime import UTC, datetime

import pytest

from jobs.ratings import run_ratings
from models import RuleSet, StarRating
from models.rule_params import check_rating
from seeds.reference import seed_rule_sets
from seeds.rules import DEFAULT_RULE_SETS
from tests.grids.conftest import grid, visit

RATING = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")


@pytest.fixture
def visited_2025(app, make):
    """Community A: one grid of 4 households, 2 visited in May and 4 in June 2025 (and one in
    2024, not counted); community B has a grid nobody visited."""
    seed_rule_sets()
    street = make.street()
    a, b = make.community(street), make.community(street)
    ga = grid(a, households=4)
    grid(b, households=5)
    worker = make.user("community_worker", community_doc=a)
    may, june = datetime(2025, 5, 6, 2, tzinfo=UTC), datetime(2025, 6, 6, 2, tzinfo=UTC)
    for place in ("1室", "2室"):
        visit(ga, worker, place, may)
    for place in ("1室", "2室", "3室", "4室"):
        visit(ga, worker, place, june)
    visit(ga, worker, "5室", datetime(2024, 12, 6, 2, tzinfo=UTC))
    return street, a, b


def _weighted(street, period="year"):
    criteria = dict.fromkeys(RATING["params"]["criteria"], 0)
    criteria.update(visit_coverage=0.5, on_time_rate=0.5)
    params = {**RATING["params"], "criteria": criteria, "period": period}
    RuleSet(kind="rating", code="default", name="网格走访", street=street, params=params).save()


def test_a_rule_set_may_weight_visit_coverage(visited_2025):
    street, a, b = visited_2025
    run_ratings("2025")
    default = StarRating.objects.get(period="2025", community=a)
    assert "visit_coverage" not in {line.code for line in default.breakdown}
    _weighted(street)
    run_ratings("2025")
    rating = StarRating.objects.get(period="2025", community=a)
    line = next(line for line in rating.breakdown if line.code == "visit_coverage")
    # 2 + 4 households visited of 4 a month, over the 12 months of 2025: 6 / 48.
    assert line.raw == pytest.approx(0.125)
    assert str(line.points) == "62.50"  # 0.125 × 0.5 × 1000
    other = StarRating.objects.get(period="2025", community=b)
    assert next(x for x in other.breakdown if x.code == "visit_coverage").points == 0
    run_ratings("2025")  # running again changes nothing
    assert StarRating.objects.get(period="2025", community=a).score == rating.score


def test_a_quarter_counts_its_own_months(visited_2025):
    street, a, _b = visited_2025
    _weighted(street, "quarter")
    run_ratings("2025-Q2")
    rating = StarRating.objects.get(period="2025-Q2", community=a)
    line = next(line for line in rating.breakdown if line.code == "visit_coverage")
    assert line.raw == pytest.approx(0.5)  # April 0, May 2, June 4 of 4: 6 / 12


def test_the_rule_set_check_knows_the_criterion():
    criteria = dict.fromkeys(RATING["params"]["criteria"], 0)
    criteria.update(visit_coverage=1)
    assert not [p for p in check_rating({**RATING["params"], "criteria": criteria})
                if "criteria" in p[0]]  # fmt: skip
    criteria["visit_coverage_typo"] = 0
    assert [p for p in check_rating({**RATING["params"], "criteria": criteria})
            if "visit_coverage_typo" in p[0]]  # fmt: skip
