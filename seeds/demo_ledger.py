"""One fund's ledger built in memory for the demo, with the ledger's own arithmetic.

weimin.funds.ledger.append checks and writes one entry at a time; the demo writes a year of
entries at once, so it numbers them here, moves the running figures with the same
`figures.deltas`, refuses what `figures.problem` refuses, and bulk-inserts the result
(`ledger.check` agrees for every demo fund: tests/funds/test_demo_funds.py).
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from bson import ObjectId

from models import LedgerEntry
from models.base import TZ
from models.codes import ALPHABET
from weimin.core.money import decimal
from weimin.funds.figures import Figures, deltas, left_moves, problem

CENT = Decimal("0.01")


class MemoryLedger:
    """The entries of one (unsaved) fund, numbered 1, 2, 3 …, and its running figures."""

    def __init__(self, fund, rng, now):
        self.fund, self.rng, self.now = fund, rng, now
        self.figures, self.entries, self.left, self.pending = Figures(), [], {}, []

    @property
    def available(self):
        return self.figures.available

    def add(self, kind, amount, on, actor, **fields):
        """Append an entry dated `on`; None (nothing added) when the fund cannot bear it."""
        target, allocation = fields.get("reverses"), fields.get("allocation")
        amount = decimal(target.amount) if target else Decimal(amount).quantize(CENT)
        undone = None
        if target is not None:
            undone = (target.kind, amount, target.allocation is not None)
        moved = self.figures.plus(deltas(kind, amount, allocation is not None, undone))
        remaining = None
        if kind == "disbursement" and allocation is not None:
            remaining = self.left[allocation.pk] - amount
        if amount <= 0 or problem(moved, remaining):
            return None
        entry = LedgerEntry(
            id=ObjectId(), fund=self.fund, seq=len(self.entries) + 1, street=self.fund.street,
            community=self.fund.community, kind=kind, amount=amount, value_date=on,
            recorded_at=self._recorded(on), recorded_by=actor, **fields,
        )  # fmt: skip
        if kind == "contribution":
            raw = "".join(self.rng.choice(ALPHABET) for _ in range(16))
            entry.code = "-".join(raw[i : i + 4] for i in range(0, 16, 4))
        self._track(entry)
        self.figures = moved
        self.entries.append(entry)
        return entry

    def on(self, day, action):
        """Call `action()` when the ledger is run: in date order, same-day ones as given."""
        self.pending.append((day, len(self.pending), action))

    def finish(self):
        """Run what is pending, give the fund its running figures; returns the entries."""
        for _day, _n, action in sorted(self.pending, key=lambda p: p[:2]):
            action()
        self.pending = []
        for name, value in self.figures.as_dict().items():
            setattr(self.fund, name, value)
        self.fund.seq = len(self.entries)
        return self.entries

    def _track(self, entry):
        """What is left of each allocation, as weimin.funds.ledger.replay keeps it."""
        undone = entry.reverses
        if undone is not None:
            undone = (undone.kind, undone.pk, undone.amount, getattr(undone.allocation, "pk", None))
        paid_against = getattr(entry.allocation, "pk", None)
        for allocation, change in left_moves(entry.kind, entry.pk, entry.amount, paid_against,
                                             undone):  # fmt: skip
            self.left[allocation] = self.left.get(allocation, Decimal(0)) + change

    def _recorded(self, on):
        """Recorded during office hours on the day, never after now."""
        minutes = self.rng.randrange(8 * 60 + 30, 17 * 60 + 30)
        local = datetime.combine(on, time(), TZ) + timedelta(minutes=minutes)
        return min(local, self.now).replace(microsecond=0)
