"""Fund figures as rating criteria: money raised by named and crowdfunded funds, and their share
of the money paid out, counted per community over the period."""

from datetime import date
from decimal import Decimal

import pytest

from jobs.ratings import run_ratings
from models import LedgerEntry, RuleSet, StarRating
from seeds.reference import seed_rule_sets
from seeds.rules import DEFAULT_RULE_SETS
from weimin.funds import ledger
from weimin.funds.totals import moved

RATING = next(spec for spec in DEFAULT_RULE_SETS if spec["kind"] == "rating")
MAY = date(2025, 5, 10)


@pytest.fixture
def money_2025(app, make):
    """Community A's crowdfunded fund and the street's named and fiscal funds, over 2025."""
    seed_rule_sets()
    street = make.street()
    a, b = make.community(street), make.community(street)
    project = make.demand(a, make.item("project", street_doc=street))
    crowd = make.fund(street, kind="crowd", community_doc=a, vote_threshold=Decimal(5000))
    named = make.fund(street, kind="named", name="张阿姨助学基金")
    fiscal = make.fund(street, name="街道财政补助资金")
    for fund, amount in ((crowd, "10000"), (named, "6000"), (fiscal, "50000")):
        ledger.append(fund, "contribution", amount, "w", MAY, donor="居民", channel="bank")
    wrong = ledger.append(crowd, "contribution", "2000", "w", MAY, donor="居民", channel="cash")
    ledger.reverse(wrong, "a", "重复录入", value_date=date(2025, 6, 1))
    ledger.append(crowd, "contribution", "999", "w", date(2024, 12, 31), donor="居民",
                  channel="cash")  # fmt: skip
    allocation = ledger.append(crowd, "allocation", "1000", "a", MAY, demand=project)
    ledger.append(crowd, "disbursement", "1000", "a", MAY, allocation=allocation)
    ledger.append(named, "disbursement", "3000", "a", MAY, demand=project)
    ledger.append(fiscal, "disbursement", "1000", "a", MAY, demand=project)
    ledger.append(fiscal, "disbursement", "500", "a", MAY, purpose="街道宣传")  # no community
    return street, a, b


def test_the_period_figures_per_community(money_2025):
    street, a, b = money_2025
    figures = moved(LedgerEntry.objects(street=street), date(2025, 1, 1), date(2026, 1, 1))
    assert figures[a.pk].raised == Decimal(10000)  # 12,000 in, 2,000 reversed; 2024 not counted
    assert figures[a.pk].paid == Decimal(5000) and figures[a.pk].non_fiscal_share == Decimal("0.8")
    assert figures[None].raised == Decimal(6000) and figures[None].paid == Decimal(500)
    assert b.pk not in figures


def test_a_rule_set_may_weight_the_fund_criteria(money_2025):
    street, a, b = money_2025
    run_ratings("2025")
    default = StarRating.objects.get(period="2025", community=a)
    assert "funds_raised" not in {line.code for line in default.breakdown}  # weight 0 by default
    criteria = dict.fromkeys(RATING["params"]["criteria"], 0)
    criteria.update(funds_raised=0.5, non_fiscal_share=0.5)
    params = {**RATING["params"], "criteria": criteria}
    RuleSet(kind="rating", code="default", name="微基金", street=street, params=params).save()
    run_ratings("2025")
    rating = StarRating.objects.get(period="2025", community=a)
    points = {line.code: line.points for line in rating.breakdown}
    assert points["funds_raised"] == Decimal("250.00")  # 10,000 of 20,000 yuan, × 0.5 × 1000
    assert points["non_fiscal_share"] == Decimal("400.00")  # 4,000 of 5,000 paid, × 0.5 × 1000
    assert rating.score == Decimal("650.00")
    other = StarRating.objects.get(period="2025", community=b)
    assert other.score == 0  # no money: nothing raised, no share to rate
