"""Check the parameters of rule sets before they are stored (models/rule_values.py reads them).

Each checker returns a list of (path, message) problems; an empty list means valid.
"""

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from models.rule_defaults import HANDLING_ORDER

CLEARANCE_RATES = ("response_rate", "resolution_rate", "satisfaction_rate")
RATING_CRITERIA = (
    "on_time_rate",
    "satisfaction_rate",
    "resolution_rate",
    "projects_accepted",
    "volunteer_hours",
    "volume_handled",
    # From the funds (微基金): yuan raised by the named and crowdfunded funds, and the share of
    # the money paid out that they paid. Default rule sets give them no weight.
    "funds_raised",
    "non_fiscal_share",
    # From the deliberation topics (议题): the share of topics settled in the period that were
    # carried out, and residents' satisfaction with the outcomes. Default rule sets leave them out.
    "topics_carried_out",
    "topic_satisfaction",
    # From the grids' visit logs (民情日志): the average monthly share of households visited.
    "visit_coverage",
    # Purchased services: the mean acceptance (验收) score of an organisation's contracts
    # accepted in the period, as a share of 100. Default rule sets give it no weight.
    "acceptance_score",
)
# Criteria counted rather than rated; they reach full points at their yearly target.
COUNTED_CRITERIA = ("projects_accepted", "volunteer_hours", "volume_handled", "funds_raised")
PERIODS = ("year", "quarter")
WEIGHT_TOLERANCE = Decimal("0.000001")


def number(value):
    """The value as a Decimal, or None when it is not a plain number."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        return None
    try:
        result = Decimal(str(value))
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def check_weights(weights, allowed, path):
    """Known names, each weight in [0, 1], together adding up to 1."""
    if not isinstance(weights, dict) or not weights:
        return [(path, _l("Give the weights as an object of name: weight"))]
    problems, total = [], Decimal(0)
    for name, raw in weights.items():
        value = number(raw)
        if name not in allowed:
            problems.append(
                (
                    f"{path}.{name}",
                    _l("Unknown name; use one of %(names)s", names=", ".join(allowed)),
                )
            )
        elif value is None or not 0 <= value <= 1:
            problems.append((f"{path}.{name}", _l("A weight is a number from 0 to 1")))
        else:
            total += value
    if not problems and abs(total - 1) > WEIGHT_TOLERANCE:
        problems.append(
            (
                path,
                _l("Weights must add up to 1; they add up to %(total)s", total=total.normalize()),
            )
        )
    return problems


def check_fraction(params, key, path=None):
    value = params.get(key)
    if value is None or (number(value) is not None and 0 <= number(value) <= 1):
        return []
    return [(path or key, _l("Must be a number from 0 to 1"))]


def check_count(params, key, minimum=0):
    value = params.get(key)
    if value is None or (
        isinstance(value, int) and not isinstance(value, bool) and value >= minimum
    ):
        return []
    return [(key, _l("Must be a whole number of at least %(min)d", min=minimum))]


def check_clearance(params):
    """Weights of the three rates, the 基本满意 factor and the list sizes."""
    problems = check_weights(params.get("weights"), CLEARANCE_RATES, "weights")
    problems += check_fraction(params, "basically_satisfied_factor")
    problems += check_count(params, "red_list_size")
    problems += check_count(params, "black_list_size")
    return problems


def check_bands(bands, scale):
    """Bands from the highest minimum down, stars and minimums strictly decreasing."""
    if not isinstance(bands, list) or not bands:
        return [("bands", _l('Give at least one band as {"stars": n, "min": score}'))]
    for band in bands:
        stars = band.get("stars") if isinstance(band, dict) else None
        low = number(band.get("min")) if isinstance(band, dict) else None
        if not isinstance(stars, int) or isinstance(stars, bool) or stars < 1 or low is None:
            return [("bands", _l("Each band needs whole-number stars (1 or more) and a minimum"))]
        if scale is not None and not 0 < low <= scale:
            return [("bands", _l("A band's minimum must be above 0 and at most the scale"))]
    pairs = [(band["stars"], number(band["min"])) for band in bands]
    for (stars_a, min_a), (stars_b, min_b) in zip(pairs, pairs[1:], strict=False):
        if not (stars_a > stars_b and min_a > min_b):
            return [
                (
                    "bands",
                    _l(
                        "Bands must be strictly ordered: from the most stars and the "
                        "highest minimum down, no two alike"
                    ),
                )
            ]
    return []


def check_rewards(rewards, bands):
    if rewards is None:
        return []
    if not isinstance(rewards, dict):
        return [("rewards", _l("Give the rewards as an object of stars: amount"))]
    known = {str(b.get("stars")) for b in bands if isinstance(b, dict)}
    for stars, amount in rewards.items():
        if str(stars) not in known:
            return [("rewards", _l("No band has %(stars)s stars", stars=stars))]
        if number(amount) is None or number(amount) < 0:
            return [("rewards", _l("A reward is an amount of at least 0"))]
    return []


def check_rating(params):
    """Period, scale, criteria weights, bands, rewards, targets and the unrated rule."""
    problems = []
    if params.get("period", "year") not in PERIODS:
        problems.append(("period", _l("Period must be year or quarter")))
    scale = number(params.get("scale", 1000))
    if scale is None or scale <= 0:
        problems.append(("scale", _l("Scale must be a positive number")))
        scale = None
    problems += check_weights(params.get("criteria"), RATING_CRITERIA, "criteria")
    bands = params.get("bands")
    problems += check_bands(bands, scale)
    problems += check_rewards(params.get("rewards"), bands if isinstance(bands, list) else [])
    problems += check_count(params, "unrated_periods_to_flag", minimum=1)
    problems += check_count(params, "objection_days", minimum=1)
    problems += check_fraction(params, "basically_satisfied_factor")
    targets = params.get("targets") or {}
    if not isinstance(targets, dict) or any(
        name not in COUNTED_CRITERIA or number(v) is None or number(v) <= 0
        for name, v in targets.items()
    ):
        problems.append(
            (
                "targets",
                _l("Targets are positive numbers for %(names)s", names=", ".join(COUNTED_CRITERIA)),
            )
        )
    return problems


def check_volunteer_stars(params):
    """Hour thresholds strictly increasing; an optional positive cap per activity."""
    problems = []
    limits = params.get("thresholds")
    values = [number(v) for v in limits] if isinstance(limits, list) else [None]
    if (
        not values
        or None in values
        or values[0] <= 0
        or any(a >= b for a, b in zip(values, values[1:], strict=False))
    ):
        problems.append(("thresholds", _l("Thresholds must be positive and strictly increasing")))
    cap = params.get("cap_hours_per_activity")
    if cap is not None and (number(cap) is None or number(cap) <= 0):
        problems.append(("cap_hours_per_activity", _l("Must be empty or a positive number")))
    return problems


def check_deadline(params):
    """Whole, positive days and hours; the escalation order uses each handling level once."""
    problems = []
    for level, rule in (params.get("levels") or {}).items():
        if level not in HANDLING_ORDER or not isinstance(rule, dict):
            problems.append((f"levels.{level}", _l("Unknown handling level")))
            continue
        for key in ("deadline_days", "response_hours"):
            problems += check_count(rule, key, minimum=1)
    problems += check_count(params.get("wish") or {}, "claim_window_days", minimum=1)
    problems += check_count(params.get("wish") or {}, "fulfil_working_days", minimum=1)
    problems += check_count(params.get("wish") or {}, "claim_limit", minimum=1)
    order = params.get("escalation")
    if order is not None and (
        not isinstance(order, list)
        or len(set(order)) != len(order)
        or set(order) - {*HANDLING_ORDER}
    ):
        problems.append(
            ("escalation", _l("List handling levels from lowest to highest, once each"))
        )
    return problems


CHECKERS = {
    "deadline": check_deadline,
    "clearance": check_clearance,
    "rating": check_rating,
    "volunteer_stars": check_volunteer_stars,
}


def check_params(kind, params):
    """Problems with a rule set's parameters, as (path, message) pairs."""
    if not isinstance(params, dict):
        return [("params", _l("Parameters must be a JSON object"))]
    checker = CHECKERS.get(kind)
    return checker(params) if checker else []
