"""The monthly clearance figures (RULES.md) as plain, exact arithmetic over demand histories.

A demand is read as a dict with the stored field names. It leaves the open set at
`rejected_at` when that is set (rejected wins over closed), else at `closed_at`.
"""

from dataclasses import asdict, dataclass, fields
from fractions import Fraction

from models.demand import left_at
from models.rule_values import clearance_params, deadline_params
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.rates import EvaluationCounts, ratio
from weimin.demands.timeliness import closed_on_time, overdue_before, responded_on_time

# The stored fields a tally reads.
FIELDS = (
    "community",
    "handling_level",
    "received_at",
    "first_response_at",
    "response_due_at",
    "deadline_at",
    "closed_at",
    "rejected_at",
    "overdue_at",
    "evaluation",
)
# What a tally falls back on when it is not given the rule sets in force.
SHIPPED_DEADLINES = DeadlineRules(deadline_params(None))
SHIPPED_CLEARANCE = clearance_params(None)


def exit_of(doc):
    """When and how a demand left the open set: (time, "rejected"|"closed") or (None, None)."""
    left = left_at(doc.get("rejected_at"), doc.get("closed_at"))
    if left is None:
        return None, None
    return left, "rejected" if doc.get("rejected_at") is not None else "closed"


@dataclass
class Tally(EvaluationCounts):
    """Counts for one scope and month; rates come from `figures`."""

    carried_in: int = 0
    received: int = 0
    closed: int = 0
    closed_on_time: int = 0
    rejected: int = 0
    open_direct: int = 0
    overdue_open: int = 0
    response_base: int = 0
    responded_on_time: int = 0

    def add(self, doc, start, end, deadlines=SHIPPED_DEADLINES):
        """Count one demand into the month [start, end); `deadlines` for records without a
        response due time of their own."""
        received = doc["received_at"]
        left, how = exit_of(doc)
        if received >= end or (left is not None and left < start):
            return
        if received < start:
            self.carried_in += 1
        else:
            self.received += 1
            if how != "rejected" or left >= end:
                self._response(doc, received, deadlines)
        if left is None or left >= end:
            self.open_direct += 1
            self.overdue_open += overdue_before(doc, end)
        elif how == "rejected":
            self.rejected += 1
        else:
            self.closed += 1
            self.closed_on_time += closed_on_time(doc)
            self.add_evaluation(doc.get("evaluation"))

    def _response(self, doc, received, deadlines):
        self.response_base += 1
        due = doc.get("response_due_at")
        if due is None:  # older records: the rule set's time for the level
            due = deadlines.level_response_due(doc.get("handling_level"), received)
        self.responded_on_time += responded_on_time(doc, due)

    def merge(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    @property
    def open_at_end(self):
        return self.carried_in + self.received - self.closed - self.rejected


def rates(tally, rules=SHIPPED_CLEARANCE):
    """Exact rates (Fractions, None when empty) and the composite of a tally."""
    due = tally.carried_in + tally.received - tally.rejected
    out = {
        "clearance_rate": ratio(tally.closed, due) if due else Fraction(1),
        "response_rate": ratio(tally.responded_on_time, tally.response_base),
        **tally.evaluation_rates(rules.basically),
    }
    out["composite"] = composite(out, rules.weights)
    return out


def composite(values, weights):
    """Weighted mean of the rates that are not empty; empty when none is."""
    used = {name: w for name, w in weights.items() if w and values.get(name) is not None}
    if not used:
        return None
    return sum(w * values[name] for name, w in used.items()) / sum(used.values())


def figures(tally, rules=SHIPPED_CLEARANCE):
    """Every stored figure of a tally: counts, rates as floats (None when empty), cleared."""
    counts = asdict(tally)
    counts.pop("open_direct")
    exact = rates(tally, rules)
    return {
        **counts,
        "open_at_end": tally.open_at_end,
        **{name: None if value is None else float(value) for name, value in exact.items()},
        "cleared": tally.open_at_end == 0,
        "_exact": exact,
    }


def rank(rows, red_size, black_size):
    """Rank communities of one street by composite; return {key: (rank, honour)}.

    rows: (key, code, figures). Communities without a composite are not ranked. Ties go to the
    higher clearance rate, then fewer open items, then the community code. Each list takes at
    most half the ranked communities, so no community is on both.
    """
    ranked = [row for row in rows if row[2]["_exact"]["composite"] is not None]
    ranked.sort(
        key=lambda row: (
            -row[2]["_exact"]["composite"],
            -row[2]["_exact"]["clearance_rate"],
            row[2]["open_at_end"],
            row[1],
        )
    )
    half = len(ranked) // 2
    red, black = min(red_size, half), min(black_size, half)
    result = {}
    for position, (key, _code, _figs) in enumerate(ranked, start=1):
        honour = "red" if position <= red else None
        if position > len(ranked) - black:
            honour = "black"
        result[key] = (position, honour)
    return result
