"""Volunteer star levels from cumulative approved hours (pure functions, shared with jobs)."""

from dataclasses import dataclass
from decimal import Decimal

from models.rule_defaults import VOLUNTEER_STARS
from models.rule_set import RuleSet
from models.rule_values import volunteer_star_params

# RULES.md default (Fujian); the street's or district's "volunteer_stars" rule set overrides it.
DEFAULT_THRESHOLDS = tuple(VOLUNTEER_STARS["thresholds"])


@dataclass(frozen=True)
class StarProgress:
    """Where a volunteer stands: level reached and the way to the next one."""

    hours: Decimal
    level: int
    max_level: int
    next_threshold: Decimal | None
    hours_to_next: Decimal | None
    percent: int


def star_progress(hours, thresholds=DEFAULT_THRESHOLDS) -> StarProgress:
    """Level reached by `hours` and the hours still needed for the next level."""
    hours = Decimal(str(hours or 0))
    bands = sorted(Decimal(str(t)) for t in thresholds)
    level = sum(1 for t in bands if hours >= t)
    if level == len(bands):
        return StarProgress(hours, level, len(bands), None, None, 100)
    previous = bands[level - 1] if level else Decimal(0)
    target = bands[level]
    percent = int((hours - previous) * 100 / (target - previous))
    return StarProgress(hours, level, len(bands), target, target - hours, max(0, min(percent, 100)))


def star_rules(street=None):
    """Thresholds and the per-activity hours cap in force for a street (or the district)."""
    rules = RuleSet.current("volunteer_stars", street)
    return volunteer_star_params(rules.params if rules else None)
