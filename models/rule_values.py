"""Read rule-set parameters: the one parser, filling what a rule set leaves out with the
defaults of models/rule_defaults.py (models/rule_params.py checks them before they are stored).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from models.rule_defaults import CLEARANCE, DEADLINE, RATING, VOLUNTEER_STARS


def exact(value):
    """A stored number as an exact Fraction (through its decimal text, as people typed it)."""
    return Fraction(str(value))


@dataclass(frozen=True)
class DeadlineParams:
    """Per-level deadline days and response hours, the wish windows and the escalation order."""

    levels: dict
    wish: dict
    escalation: tuple


def deadline_params(params):
    params = params or {}
    own = params.get("levels") or {}
    levels = {name: {**rule, **own.get(name, {})} for name, rule in DEADLINE["levels"].items()}
    wish = {**DEADLINE["wish"], **(params.get("wish") or {})}
    return DeadlineParams(levels, wish, tuple(params.get("escalation") or DEADLINE["escalation"]))


@dataclass(frozen=True)
class ClearanceParams:
    """The clearance rule set as exact numbers."""

    weights: dict
    basically: Fraction
    red: int
    black: int


def basically_factor(params, defaults):
    value = params.get("basically_satisfied_factor")
    return exact(defaults["basically_satisfied_factor"] if value is None else value)


def clearance_params(params):
    params = params or {}
    weights = params.get("weights") or CLEARANCE["weights"]
    return ClearanceParams(
        weights={name: exact(w) for name, w in weights.items()},
        basically=basically_factor(params, CLEARANCE),
        red=params.get("red_list_size", CLEARANCE["red_list_size"]),
        black=params.get("black_list_size", CLEARANCE["black_list_size"]),
    )


@dataclass(frozen=True)
class RatingParams:
    """The rating rule set: weights as typed (for the breakdown), numbers exact for the score."""

    period: str
    scale: Fraction
    criteria: dict
    bands: list
    rewards: dict
    targets: dict
    unrated_periods_to_flag: int
    basically: Fraction
    objection_days: int = RATING["objection_days"]


def rating_params(params):
    params = params or {}
    targets = {**RATING["targets"], **(params.get("targets") or {})}
    return RatingParams(
        period=params.get("period", RATING["period"]),
        scale=exact(params.get("scale", RATING["scale"])),
        criteria=params.get("criteria") or RATING["criteria"],
        bands=params.get("bands") or RATING["bands"],
        rewards=params.get("rewards") or {},
        targets={name: exact(value) for name, value in targets.items()},
        unrated_periods_to_flag=params.get(
            "unrated_periods_to_flag", RATING["unrated_periods_to_flag"]
        ),
        basically=basically_factor(params, RATING),
        objection_days=params.get("objection_days", RATING["objection_days"]),
    )


def volunteer_star_params(params):
    """(hour thresholds, the hours credited per activity at most or None)."""
    params = params or {}
    thresholds = tuple(params.get("thresholds") or VOLUNTEER_STARS["thresholds"])
    cap = params.get("cap_hours_per_activity")
    return thresholds, (Decimal(str(cap)) if cap not in (None, "") else None)
