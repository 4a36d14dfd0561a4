"""What the ledger moved over a span of days, by community: money raised by the named and
crowdfunded funds, money paid out and the part of it those funds paid.

The rating criteria "funds_raised" and "non_fiscal_share" and the home page's card read these.
A reversal counts on the day it is recorded, against what it undoes.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from models import Demand, Fund, LedgerEntry
from weimin.core.money import decimal
from weimin.funds.figures import ZERO
from weimin.store.grouping import sums_by

KINDS = ("contribution", "disbursement", "reversal")
FIELDS = ("fund", "community", "kind", "amount", "demand", "reverses")


@dataclass
class Moved:
    received: Decimal = ZERO  # money in, every fund
    raised: Decimal = ZERO  # money in to named and crowdfunded funds
    paid: Decimal = ZERO  # money out, every fund
    paid_non_fiscal: Decimal = ZERO  # money out of named and crowdfunded funds

    @property
    def non_fiscal_share(self):
        """The share of the money paid out that came from named and crowdfunded funds."""
        return self.paid_non_fiscal / self.paid if self.paid else None

    def count(self, kind, fiscal, amount):
        if kind == "contribution":
            self.received += amount
            self.raised += ZERO if fiscal else amount
        elif kind == "disbursement":
            self.paid += amount
            self.paid_non_fiscal += ZERO if fiscal else amount

    def plus(self, other):
        return Moved(*(getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__))


def moved(query, first, last):
    """{community id: Moved} for the entries of `query` (LedgerEntry objects, scoped by street
    or community) dated in [first, last). Street funds' money counts for the community of the
    demand it paid for; what no community is named for is under None."""
    spec = {"value_date__gte": first, "value_date__lt": last, "kind__in": KINDS}
    rows = list(query.filter(**spec).only(*FIELDS).order_by().as_pymongo())
    undone = [r["reverses"] for r in rows if r.get("reverses")]
    targets = {r["_id"]: r for r in LedgerEntry.objects(pk__in=undone).only(*FIELDS).as_pymongo()}
    fiscal = set(Fund.objects(pk__in=list({r["fund"] for r in rows}), kind="fiscal").scalar("id"))
    places = _places([*rows, *targets.values()])
    totals = defaultdict(Moved)
    for row in rows:
        sign, target = 1, row
        if row["kind"] == "reversal":
            sign, target = -1, targets[row["reverses"]]
        where = target.get("community") or places.get(target.get("demand"))
        amount = sign * decimal(target["amount"])
        totals[where].count(target["kind"], target["fund"] in fiscal, amount)
    return dict(totals)


def total(query, first, last):
    """Everything `query`'s entries moved in [first, last), communities together: their
    amounts added up per fund and kind by the store; a reversal counts against what it undoes
    (the entries undone are the only ones read)."""
    result = Moved()
    query = query.filter(value_date__gte=first, value_date__lt=last, kind__in=KINDS)
    if query._none or query._empty:  # a scope that sees nothing
        return result
    sums = sums_by(query._collection, query._query, ("fund", "kind", "reverses"), "amount")
    undone = [reverses for (_fund, kind, reverses) in sums if kind == "reversal"]
    found = LedgerEntry.objects(pk__in=undone).only("fund", "kind", "amount").as_pymongo()
    targets = {r["_id"]: r for r in found}
    funds = {fund for fund, _kind, _reverses in sums} | {r["fund"] for r in targets.values()}
    fiscal = set(Fund.objects(pk__in=list(funds), kind="fiscal").scalar("id"))
    for (fund, kind, reverses), (n, amount) in sums.items():
        if kind == "reversal":
            target = targets[reverses]
            fund, kind, amount = target["fund"], target["kind"], -n * decimal(target["amount"])
        result.count(kind, fund in fiscal, amount)
    return result


def _places(rows):
    """demand id -> community id, for street funds' entries that name a demand."""
    ids = {r["demand"] for r in rows if r.get("demand") and not r.get("community")}
    if not ids:
        return {}
    return {
        d["_id"]: d.get("community")
        for d in Demand.objects(pk__in=list(ids)).only("community").as_pymongo()
    }
