"""A fund's statement for a month or a year, computed from its ledger (never from the running
figures alone), and roll-ups of several funds (a community's, a street's).

An entry belongs to the period its value date falls in; a reversal to its own value date's
period, where it nets against what it undoes (money in is contributions less reversed
contributions, and so on). For every period: closing = opening + in − out, and the
statement up to today closes on the fund's balance.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from models import Demand, LedgerEntry
from models.base import local_today
from weimin.core.money import decimal
from weimin.core.periods import bounds, month_text, months_between, parse_period
from weimin.core.workdays import TZ
from weimin.funds.figures import ZERO, Figures
from weimin.funds.ledger import record_deltas

YEAR = re.compile(r"^\d{4}$")
FIELDS = ("fund", "seq", "kind", "amount", "value_date", "reverses", "allocation", "donor",
          "donor_public", "demand", "purpose")  # fmt: skip


@dataclass
class Paid:
    """One payment out of a period (a reversed payment: a negative line)."""

    day: date
    label: str
    amount: object
    reversal: bool = False


@dataclass
class Statement:
    """What a fund (or several) did in [start, end): money in yuan, Decimals."""

    label: str
    start: date
    end: date  # exclusive
    opening: Figures = field(default_factory=Figures)
    moved: Figures = field(default_factory=Figures)
    paid_for: list = field(default_factory=list)
    donors: dict = field(default_factory=dict)  # named donors (donor_public): amount
    anonymous: object = ZERO  # everyone else's contributions, one total
    sponsors: list = field(default_factory=list)  # sponsors who agreed to be named
    funds: int = 1

    @property
    def closing_figures(self):
        return self.opening.plus(self.moved.as_dict())

    @property
    def opening_balance(self):
        return self.opening.balance

    @property
    def money_in(self):
        return self.moved.received

    @property
    def money_out(self):
        return self.moved.paid

    @property
    def allocations(self):
        return self.moved.allocated

    @property
    def closing_balance(self):
        return self.closing_figures.balance

    @property
    def available(self):
        return self.closing_figures.available

    @property
    def earmarked(self):
        return self.closing_figures.earmarked

    def named_donors(self):
        """(name, amount) of named donors, largest first; net zero ones left out."""
        ranked = sorted(self.donors.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(name, amount) for name, amount in ranked if amount]


def period_dates(period):
    """(first day, day after the last) of a YYYY-MM month or a YYYY year, in Asia/Shanghai;
    ValueError for anything else."""
    if YEAR.match(period or ""):
        start, end = parse_period(period).start, parse_period(period).end
    else:
        start, end = bounds(period)
    return start.astimezone(TZ).date(), end.astimezone(TZ).date()


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def entries_of(fund_ids):
    """{fund id: its ledger records in order} (raw records, the fields statements read)."""
    found = {fund_id: [] for fund_id in fund_ids}
    cursor = LedgerEntry._get_collection().find(
        {"fund": {"$in": list(found)}}, dict.fromkeys(FIELDS, 1)
    )
    for rec in cursor.sort([("fund", 1), ("seq", 1), ("_id", 1)]):
        found[rec["fund"]].append(rec)
    return found


def months_of(records_by_fund, today=None):
    """Every month from the first entry's to the current one, newest first."""
    days = [_day(r["value_date"]) for recs in records_by_fund.values() for r in recs]
    today = today or local_today()
    first = min(days, default=today)
    first, last = month_text(first.year, first.month), month_text(today.year, today.month)
    return months_between(first, last)[::-1]


def statement(fund, records, start, end, labels=None):
    """The statement of one fund over [start, end) from its ledger records (in seq order)."""
    sponsors = [fund.sponsor] if fund.sponsor and fund.sponsor_public else []
    result = Statement(fund.name, start, end, sponsors=sponsors)
    by_id, labels = {}, labels or {}
    for rec in records:
        by_id[rec["_id"]] = rec
        day = _day(rec["value_date"])
        if day >= end:
            continue
        target = by_id.get(rec.get("reverses")) if rec["kind"] == "reversal" else None
        moves = record_deltas(rec, target)
        if day < start:
            result.opening = result.opening.plus(moves)
            continue
        result.moved = result.moved.plus(moves)
        _describe(result, rec, target, labels, by_id)
    return result


def _describe(result, rec, target, labels, by_id):
    """Who gave and what was paid for, signed like the money."""
    source, sign = (target, -1) if target is not None else (rec, 1)
    amount = sign * decimal(rec["amount"])
    if source["kind"] == "contribution":
        if source.get("donor_public") and source.get("donor"):
            result.donors[source["donor"]] = result.donors.get(source["donor"], ZERO) + amount
        else:
            result.anonymous += amount
    elif source["kind"] == "disbursement":
        allocation = by_id.get(source.get("allocation")) or {}
        demand = source.get("demand") or allocation.get("demand")
        label = labels.get(demand) or source.get("purpose") or allocation.get("purpose") or ""
        day = _day(rec["value_date"])
        result.paid_for.append(Paid(day, label, amount, reversal=sign < 0))


def demand_labels(records_by_fund):
    """{demand id: "ticket · service item"} of the demands the entries paid for (no personal
    data: a demand's resident and description are never shown)."""
    ids = {r["demand"] for recs in records_by_fund.values() for r in recs if r.get("demand")}
    labels = {}
    for demand in Demand.objects(id__in=list(ids)).only("ticket_no", "item"):
        item = getattr(demand.item, "name", "") if demand.item else ""
        labels[demand.pk] = f"{demand.ticket_no} · {item}" if item else demand.ticket_no
    return labels


def statements(funds, period):
    """[(fund, Statement)] of these funds for a YYYY-MM or YYYY period, one ledger read."""
    start, end = period_dates(period)
    records = entries_of([f.pk for f in funds])
    labels = demand_labels(records)
    return [(f, statement(f, records[f.pk], start, end, labels)) for f in funds]
