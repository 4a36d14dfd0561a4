"""Pledges (认捐) against what was paid: per fund and year, and the unpaid ones past due.

A pledge promises money for a year (a named fund's sponsor giving 2,000 yuan every year); a
contribution names the pledge it pays. A pledge is due by a day of its year — by default the
year's last day, configurable as FUND_PLEDGE_DUE ("MM-DD") — and one still unpaid after that day
becomes a reminder. Reversed pledges and reversed payments do not count.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import current_app, has_app_context

from models import LedgerEntry
from models.base import local_today
from models.references import ref_id
from weimin.access.scope import scoped_query
from weimin.core.money import decimal
from weimin.funds.checks import reversed_ids

ZERO = Decimal("0.00")
DEFAULT_DUE = "12-31"


@dataclass(frozen=True)
class PledgeState:
    """One pledge: what was promised, what has been paid against it, and by when."""

    pledge: LedgerEntry
    paid: Decimal
    due: date

    @property
    def amount(self):
        return decimal(self.pledge.amount)

    @property
    def unpaid(self):
        return max(self.amount - self.paid, ZERO)

    def overdue(self, today=None):
        return self.unpaid > 0 and (today or local_today()) > self.due


def due_date(year):
    """The day a pledge of `year` must be paid by (FUND_PLEDGE_DUE, default the year's end)."""
    text = DEFAULT_DUE
    if has_app_context():
        text = current_app.config.get("FUND_PLEDGE_DUE") or DEFAULT_DUE
    month, day = (int(part) for part in str(text).split("-"))
    return date(int(year), month, day)


def states(pledges):
    """PledgeState of each unreversed pledge among `pledges` (a queryset of pledge entries)."""
    pledges = [p for p in pledges if p.kind == "pledge"]
    ids = [p.pk for p in pledges]
    payments = list(
        LedgerEntry.objects(kind="contribution", pledge__in=ids).only("pledge", "amount")
    )
    undone = reversed_ids([*ids, *(e.pk for e in payments)])
    paid = {}
    for entry in payments:
        if entry.pk not in undone:
            key = ref_id(entry, "pledge")
            paid[key] = paid.get(key, ZERO) + decimal(entry.amount)
    return [
        PledgeState(p, paid.get(p.pk, ZERO), due_date(p.pledge_year or p.value_date.year))
        for p in pledges
        if p.pk not in undone
    ]


def fund_pledges(fund, year=None):
    """The fund's pledges (of one year, when given), oldest year first."""
    query = LedgerEntry.objects(fund=fund.pk, kind="pledge")
    if year is not None:
        query = query.filter(pledge_year=year)
    return states(query.order_by("pledge_year", "seq", "id"))


def by_year(fund):
    """[(year, pledged, paid, unpaid)] for the fund, oldest year first."""
    years = {}
    for state in fund_pledges(fund):
        year = state.pledge.pledge_year
        pledged, paid, unpaid = years.get(year, (ZERO, ZERO, ZERO))
        years[year] = (pledged + state.amount, paid + state.paid, unpaid + state.unpaid)
    return [(year, *figures) for year, figures in sorted(years.items())]


def reminders(user, today=None, fund=None):
    """Unpaid pledges past their due date that `user` may see (of one fund, when given)."""
    today = today or local_today()
    query = scoped_query(user, LedgerEntry).filter(kind="pledge", pledge_year__lte=today.year)
    if fund is not None:
        query = query.filter(fund=fund.pk)
    return [
        s for s in states(query.order_by("pledge_year", "fund", "seq", "id")) if s.overdue(today)
    ]
