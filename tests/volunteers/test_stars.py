"""Star levels from approved hours: thresholds from configuration, exact arithmetic."""

from decimal import Decimal

import pytest

from models import RuleSet
from weimin.volunteers.stars import DEFAULT_THRESHOLDS, star_progress, star_rules


@pytest.mark.parametrize(
    "hours,level,to_next",
    [
        ("0", 0, "100"),
        ("99.5", 0, "0.5"),
        ("100", 1, "200"),
        ("299.75", 1, "0.25"),
        ("1000", 4, "500"),
        ("1500", 5, None),
        ("2000", 5, None),
    ],
)
def test_levels_and_hours_to_next_with_the_default_thresholds(hours, level, to_next):
    progress = star_progress(Decimal(hours))
    assert progress.level == level
    assert progress.hours_to_next == (Decimal(to_next) if to_next else None)


def test_percent_is_within_the_current_band():
    assert star_progress(Decimal(200)).percent == 50  # halfway from 100 to 300
    assert star_progress(Decimal(1500)).percent == 100


def test_rule_set_thresholds_and_cap_win_over_the_defaults(make):
    street = make.street()
    assert star_rules(street) == (DEFAULT_THRESHOLDS, None)
    RuleSet(
        kind="volunteer_stars",
        code="default",
        name="区级",
        params={"thresholds": [30, 60, 100, 200, 300], "cap_hours_per_activity": 2},
    ).save()
    RuleSet(
        kind="volunteer_stars",
        code="default",
        name="街道",
        street=street,
        params={"thresholds": [10, 20], "cap_hours_per_activity": None},
    ).save()
    assert star_rules(None) == ((30, 60, 100, 200, 300), Decimal(2))
    assert star_rules(street) == ((10, 20), None)
    assert star_progress(Decimal(45), (30, 60, 100, 200, 300)).level == 1
