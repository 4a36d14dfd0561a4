"""Rates from counts (RULES.md), exact; a rate with nothing to rate is empty (None), not 0."""

from fractions import Fraction

SATISFACTION_LEVELS = ("satisfied", "basically", "dissatisfied")


def ratio(numerator, denominator):
    return Fraction(numerator, denominator) if denominator else None


def satisfaction_rate(satisfied, basically, evaluated, factor):
    """(满意 + factor × 基本满意) / evaluated."""
    return (satisfied + factor * basically) / evaluated if evaluated else None


def count_evaluation(counts, evaluation):
    """Add one resident evaluation (a stored dict, or None) to counts with the same names."""
    if not evaluation:
        return
    counts.evaluated += 1
    counts.resolved += bool(evaluation.get("resolved"))
    level = evaluation.get("satisfaction")
    if level in SATISFACTION_LEVELS:
        setattr(counts, level, getattr(counts, level) + 1)


def evaluation_rates(counts, factor):
    """解决率 and 满意率 of counts that have evaluated, resolved, satisfied and basically."""
    return {
        "resolution_rate": ratio(counts.resolved, counts.evaluated),
        "satisfaction_rate": satisfaction_rate(
            counts.satisfied, counts.basically, counts.evaluated, factor
        ),
    }
