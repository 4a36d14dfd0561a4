"""Topic outcomes as rating criteria: share carried out, and residents' satisfaction."""

from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from jobs.ratings import run_ratings
from models import RuleSet, StarRating
from models.topic_parts import TopicEvaluation
from seeds.reference import seed_rule_sets
from seeds.rules import DEFAULT_RULE_SETS
from weimin.topics.figures import topic_counts

RATING = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")
MAY = datetime(2025, 5, 10, tzinfo=UTC)


@pytest.fixture
def topics_2025(app, make):
    """Community A: 3 topics carried out in 2025 (one also evaluated), 1 not adopted; one
    carried out in 2024. Community B: none settled."""
    seed_rule_sets()
    street = make.street()
    a, b = make.community(street), make.community(street)
    for _n in range(3):
        make.topic(a, status="in_action", done_at=MAY)
    make.topic(a, status="not_adopted", closed_at=MAY, close_reason="重复")
    make.topic(a, status="in_action", done_at=datetime(2024, 12, 31, tzinfo=UTC))
    make.topic(a, status="evaluated", done_at=datetime(2024, 11, 1, tzinfo=UTC), evaluated_at=MAY,
               evaluation=TopicEvaluation(satisfied=6, basically=3, dissatisfied=1))  # fmt: skip
    make.topic(b, status="raised")
    return street, a, b


def test_the_counts_per_community(topics_2025):
    street, a, b = topics_2025
    start, end = datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)
    counts = topic_counts([street.pk], start, end)
    assert (counts[a.pk].carried_out, counts[a.pk].not_adopted) == (3, 1)
    rates = counts[a.pk].rates(Fraction(9, 10))
    assert rates["topics_carried_out"] == Fraction(3, 4)
    assert rates["topic_satisfaction"] == Fraction(6 * 10 + 27, 100)  # (6 + 0.9×3) / 10
    assert b.pk not in counts


def test_a_rule_set_may_weight_the_topic_criteria(topics_2025):
    street, a, b = topics_2025
    run_ratings("2025")
    default = StarRating.objects.get(period="2025", community=a)
    assert "topics_carried_out" not in {line.code for line in default.breakdown}
    criteria = dict.fromkeys(RATING["params"]["criteria"], 0)
    criteria.update(topics_carried_out=0.5, topic_satisfaction=0.5)
    params = {**RATING["params"], "criteria": criteria}
    RuleSet(kind="rating", code="default", name="议事", street=street, params=params).save()
    run_ratings("2025")
    rating = StarRating.objects.get(period="2025", community=a)
    points = {line.code: line.points for line in rating.breakdown}
    assert points["topics_carried_out"] == Decimal("375.00")  # 3 of 4 settled, × 0.5 × 1000
    assert points["topic_satisfaction"] == Decimal("435.00")  # 0.87 × 0.5 × 1000
    assert rating.score == Decimal("810.00")
    assert StarRating.objects.get(period="2025", community=b).score == 0
