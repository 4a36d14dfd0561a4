"""Star-rating arithmetic: criteria from a subject's period, points on the rule set's scale."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from models.rule_params import COUNTED_CRITERIA
from models.rule_values import exact
from weimin.demands.rates import EvaluationCounts, ratio
from weimin.demands.timeliness import closed_on_time
from weimin.funds.totals import Moved
from weimin.topics.figures import TopicCounts

CENT = Decimal("0.01")


@dataclass
class Stats(EvaluationCounts):
    """What one organisation or community did in a period."""

    closed: int = 0
    on_time: int = 0
    projects: int = 0  # projects whose acceptance passed in the period, closed or not
    hours: Decimal = Decimal(0)
    money: Moved = field(default_factory=Moved)  # what the community's funds moved
    topics: TopicCounts = field(default_factory=TopicCounts)  # the community's topic outcomes
    visit_coverage: Fraction | None = None  # weimin.grids.coverage, communities only
    acceptance: list = field(default_factory=list)  # 验收 scores of purchased-service contracts

    def add_demand(self, doc):
        """Count one demand closed in the period (a dict of its stored fields)."""
        self.closed += 1
        self.on_time += closed_on_time(doc)
        self.add_evaluation(doc.get("evaluation"))


def raw_values(stats, basically):
    """Each criterion's raw value as an exact number (None for a rate with nothing to rate)."""
    return {
        "on_time_rate": ratio(stats.on_time, stats.closed),
        **stats.evaluation_rates(basically),
        "projects_accepted": Fraction(stats.projects),
        "volunteer_hours": Fraction(stats.hours),
        "volume_handled": Fraction(stats.closed),
        "funds_raised": Fraction(stats.money.raised),
        "non_fiscal_share": ratio(
            Fraction(stats.money.paid_non_fiscal), Fraction(stats.money.paid)
        ),
        **stats.topics.rates(basically),
        "visit_coverage": stats.visit_coverage,
        "acceptance_score": ratio(Fraction(sum(stats.acceptance)), 100 * len(stats.acceptance)),
    }


def to_decimal(value):
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(CENT, ROUND_HALF_UP)


def breakdown(stats, params, kind="year"):
    """[(code, raw, target, weight, points)] and the score, the sum of the points.

    `params` are RatingParams (models/rule_values.py)."""
    share = Fraction(1, 4) if kind == "quarter" else Fraction(1)
    raws = raw_values(stats, params.basically)
    lines = []
    for code, weight in params.criteria.items():
        raw = raws.get(code)
        target = params.targets[code] * share if code in COUNTED_CRITERIA else None
        level = Fraction(0) if raw is None else raw
        if target is not None:
            level = min(level / target, Fraction(1))
        points = to_decimal(level * exact(weight) * params.scale)
        lines.append((code, raw, target, weight, points))
    return lines, sum((line[4] for line in lines), Decimal(0))


def stars_for(score, params):
    """The stars of the highest band whose minimum the score reaches; 0 is unrated."""
    for band in sorted(params.bands, key=lambda b: -Decimal(str(b["min"]))):
        if score >= Decimal(str(band["min"])):
            return band["stars"]
    return 0


def reward_for(stars, params):
    if not stars:
        return Decimal(0)
    return Decimal(str(params.rewards.get(str(stars), 0)))
