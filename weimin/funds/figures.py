"""A fund's figures and what one ledger entry does to them: pure arithmetic, no store.

received        money in (contributions)
allocated       earmarked to a project or wish (allocations)
paid_allocated  paid against an allocation
paid_outside    paid with no allocation
available = received − allocated − paid_outside   (what can still be earmarked or paid)
earmarked = allocated − paid_allocated            (promised to a cause, not yet paid)
balance   = received − paid                        (money held)
Pledges promise money and move none of these. A reversal undoes one entry's effect exactly.
"""

from dataclasses import dataclass, fields, replace
from decimal import Decimal

ZERO = Decimal("0.00")
MOVES = ("received", "allocated", "paid_allocated", "paid_outside")


@dataclass(frozen=True)
class Figures:
    received: Decimal = ZERO
    allocated: Decimal = ZERO
    paid_allocated: Decimal = ZERO
    paid_outside: Decimal = ZERO

    @property
    def available(self):
        return self.received - self.allocated - self.paid_outside

    @property
    def earmarked(self):
        return self.allocated - self.paid_allocated

    @property
    def paid(self):
        return self.paid_allocated + self.paid_outside

    @property
    def balance(self):
        return self.received - self.paid

    def plus(self, deltas):
        """These figures moved by `deltas` ({name: signed amount})."""
        return replace(self, **{k: getattr(self, k) + v for k, v in deltas.items()})

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}


def deltas(kind, amount, against_allocation=False, undone=None):
    """How an entry moves the figures. `undone` is (kind, amount, against_allocation) of the
    entry a reversal undoes."""
    if kind == "contribution":
        return {"received": amount}
    if kind == "allocation":
        return {"allocated": amount}
    if kind == "disbursement":
        return {"paid_allocated" if against_allocation else "paid_outside": amount}
    if kind == "reversal":
        return {k: -v for k, v in deltas(*undone).items()}
    return {}  # a pledge


def left_moves(kind, pk, amount, allocation=None, undone=None):
    """How an entry moves what is left of allocations: [(allocation id, signed amount)].

    `allocation` is the allocation a disbursement is paid against; `undone` is (kind, id,
    amount, allocation) of the entry a reversal undoes."""
    if kind == "allocation":
        return [(pk, amount)]
    if kind == "disbursement" and allocation is not None:
        return [(allocation, -amount)]
    if kind == "reversal":
        undone_kind, undone_pk, undone_amount, paid_against = undone
        if undone_kind == "allocation":
            return [(undone_pk, -undone_amount)]
        if undone_kind == "disbursement" and paid_against is not None:
            return [(paid_against, undone_amount)]
    return []


def problem(figures, remaining=None):
    """What is wrong with figures after an entry: None, or a code naming the broken identity.

    `remaining` is what is left of the allocation a disbursement is paid against (or of the
    allocation whose payment is reversed… never below zero either way).
    """
    if figures.available < 0:
        return "overdrawn"
    if figures.earmarked < 0 or (remaining is not None and remaining < 0):
        return "over_allocation"
    return None
