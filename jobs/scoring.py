"""Star-rating arithmetic: criteria from a subject's period, points on the rule set's scale."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from models.rule_params import COUNTED_CRITERIA

CENT = Decimal("0.01")
# Yearly amounts that earn a counted criterion's full points; a quarter needs a quarter of it.
DEFAULT_TARGETS = {"projects_accepted": 4, "volunteer_hours": 1000, "volume_handled": 100}
DEFAULT_BASICALLY = Fraction(9, 10)


@dataclass
class Stats:
    """What one organisation or community did in a period."""

    closed: int = 0
    on_time: int = 0
    evaluated: int = 0
    resolved: int = 0
    satisfied: int = 0
    basically: int = 0
    projects: int = 0
    hours: Decimal = Decimal(0)

    def add_demand(self, doc):
        self.closed += 1
        deadline = doc.get("deadline_at")
        late = doc.get("overdue") or (deadline is not None and doc["closed_at"] > deadline)
        self.on_time += not late
        self.projects += doc.get("kind") == "project"
        evaluation = doc.get("evaluation")
        if evaluation:
            self.evaluated += 1
            self.resolved += bool(evaluation.get("resolved"))
            self.satisfied += evaluation.get("satisfaction") == "satisfied"
            self.basically += evaluation.get("satisfaction") == "basically"


def raw_values(stats, basically=DEFAULT_BASICALLY):
    """Each criterion's raw value as an exact number (None for a rate with nothing to rate)."""
    evaluated = stats.evaluated
    return {
        "on_time_rate": Fraction(stats.on_time, stats.closed) if stats.closed else None,
        "satisfaction_rate": (
            (stats.satisfied + basically * stats.basically) / evaluated if evaluated else None
        ),
        "resolution_rate": Fraction(stats.resolved, evaluated) if evaluated else None,
        "projects_accepted": Fraction(stats.projects),
        "volunteer_hours": Fraction(stats.hours),
        "volume_handled": Fraction(stats.closed),
    }


def to_decimal(value):
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def breakdown(stats, params, kind="year"):
    """[(code, raw, target, weight, points)] and the score, the sum of the points."""
    scale = Fraction(str(params.get("scale", 1000)))
    basically = params.get("basically_satisfied_factor")
    basically = DEFAULT_BASICALLY if basically is None else Fraction(str(basically))
    targets = {**DEFAULT_TARGETS, **(params.get("targets") or {})}
    share = Fraction(1, 4) if kind == "quarter" else Fraction(1)
    raws = raw_values(stats, basically)
    lines = []
    for code, weight in params.get("criteria", {}).items():
        raw = raws.get(code)
        target = Fraction(str(targets[code])) * share if code in COUNTED_CRITERIA else None
        level = Fraction(0) if raw is None else raw
        if target is not None:
            level = min(level / target, Fraction(1))
        points = to_decimal(level * Fraction(str(weight)) * scale)
        lines.append((code, raw, target, weight, points))
    return lines, sum((line[4] for line in lines), Decimal(0))


def stars_for(score, params):
    """The stars of the highest band whose minimum the score reaches; 0 is unrated."""
    for band in sorted(params.get("bands", []), key=lambda b: -Decimal(str(b["min"]))):
        if score >= Decimal(str(band["min"])):
            return band["stars"]
    return 0


def reward_for(stars, params):
    if not stars:
        return Decimal(0)
    return Decimal(str((params.get("rewards") or {}).get(str(stars), 0)))
