"""The monthly clearance figures (RULES.md) as plain, exact arithmetic over demand histories.

A demand is read as a dict with the stored field names. It leaves the open set at
`rejected_at` when that is set (rejected wins over closed), else at `closed_at`.
"""

from dataclasses import asdict, dataclass, fields
from datetime import timedelta
from fractions import Fraction

RESPONSE_HOURS = 24
DEFAULT_WEIGHTS = {
    "response_rate": Fraction(1, 10),
    "resolution_rate": Fraction(1, 2),
    "satisfaction_rate": Fraction(2, 5),
}
DEFAULT_BASICALLY = Fraction(9, 10)
# The stored fields a tally reads.
FIELDS = (
    "community",
    "received_at",
    "first_response_at",
    "response_due_at",
    "deadline_at",
    "closed_at",
    "rejected_at",
    "overdue",
    "evaluation",
)


def exit_of(doc):
    """When and how a demand left the open set: (time, "rejected"|"closed") or (None, None)."""
    if doc.get("rejected_at") is not None:
        return doc["rejected_at"], "rejected"
    if doc.get("closed_at") is not None:
        return doc["closed_at"], "closed"
    return None, None


def late(doc, when):
    """Past the deadline at `when`, or flagged overdue (escalation moves the deadline on)."""
    deadline = doc.get("deadline_at")
    return bool(doc.get("overdue")) or (deadline is not None and deadline < when)


@dataclass
class Tally:
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
    evaluated: int = 0
    resolved: int = 0
    satisfied: int = 0
    basically: int = 0
    dissatisfied: int = 0

    def add(self, doc, start, end):
        """Count one demand into the month [start, end)."""
        received = doc["received_at"]
        left, how = exit_of(doc)
        if received >= end or (left is not None and left < start):
            return
        if received < start:
            self.carried_in += 1
        else:
            self.received += 1
            if how != "rejected" or left >= end:
                self._response(doc, received)
        if left is None or left >= end:
            self.open_direct += 1
            self.overdue_open += late(doc, end)
        elif how == "rejected":
            self.rejected += 1
        else:
            self.closed += 1
            self.closed_on_time += not late(doc, left)
            self._evaluation(doc.get("evaluation"))

    def _response(self, doc, received):
        self.response_base += 1
        due = doc.get("response_due_at") or received + timedelta(hours=RESPONSE_HOURS)
        first = doc.get("first_response_at")
        self.responded_on_time += first is not None and first <= due

    def _evaluation(self, evaluation):
        if not evaluation:
            return
        self.evaluated += 1
        self.resolved += bool(evaluation.get("resolved"))
        level = evaluation.get("satisfaction")
        if level in ("satisfied", "basically", "dissatisfied"):
            setattr(self, level, getattr(self, level) + 1)

    def merge(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    @property
    def open_at_end(self):
        return self.carried_in + self.received - self.closed - self.rejected


def ratio(numerator, denominator):
    return Fraction(numerator, denominator) if denominator else None


def rates(tally, weights=None, basically=DEFAULT_BASICALLY):
    """Exact rates (Fractions, None when empty) and the composite of a tally."""
    due = tally.carried_in + tally.received - tally.rejected
    out = {
        "clearance_rate": ratio(tally.closed, due) if due else Fraction(1),
        "response_rate": ratio(tally.responded_on_time, tally.response_base),
        "resolution_rate": ratio(tally.resolved, tally.evaluated),
        "satisfaction_rate": (
            (tally.satisfied + basically * tally.basically) / tally.evaluated
            if tally.evaluated
            else None
        ),
    }
    out["composite"] = composite(out, weights or DEFAULT_WEIGHTS)
    return out


def composite(values, weights):
    """Weighted mean of the rates that are not empty; empty when none is."""
    used = {name: w for name, w in weights.items() if w and values.get(name) is not None}
    if not used:
        return None
    return sum(w * values[name] for name, w in used.items()) / sum(used.values())


def figures(tally, weights=None, basically=DEFAULT_BASICALLY):
    """Every stored figure of a tally: counts, rates as floats (None when empty), cleared."""
    counts = asdict(tally)
    counts.pop("open_direct")
    exact = rates(tally, weights, basically)
    return {
        **counts,
        "open_at_end": tally.open_at_end,
        **{name: None if value is None else float(value) for name, value in exact.items()},
        "cleared": tally.open_at_end == 0,
        "_exact": exact,
    }


def rank(rows, red_size=5, black_size=5):
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
