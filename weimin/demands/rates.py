"""Rates from counts (RULES.md), exact; a rate with nothing to rate is empty (None), not 0."""

from dataclasses import dataclass
from fractions import Fraction

SATISFACTION_LEVELS = ("satisfied", "basically", "dissatisfied")


def ratio(numerator, denominator):
    return Fraction(numerator, denominator) if denominator else None


def satisfaction_rate(satisfied, basically, evaluated, factor):
    """(满意 + factor × 基本满意) / evaluated."""
    return (satisfied + factor * basically) / evaluated if evaluated else None


@dataclass
class EvaluationCounts:
    """Residents' evaluations (有效回访) counted by what they said."""

    evaluated: int = 0
    resolved: int = 0
    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0

    def add_evaluation(self, evaluation):
        """Count one evaluation (a stored dict, or None for none)."""
        if not evaluation:
            return
        self.evaluated += 1
        self.resolved += bool(evaluation.get("resolved"))
        level = evaluation.get("satisfaction")
        if level in SATISFACTION_LEVELS:
            setattr(self, level, getattr(self, level) + 1)

    def evaluation_rates(self, factor):
        """解决率 and 满意率, with `factor` for 基本满意."""
        return {
            "resolution_rate": ratio(self.resolved, self.evaluated),
            "satisfaction_rate": satisfaction_rate(
                self.satisfied, self.basically, self.evaluated, factor
            ),
        }
