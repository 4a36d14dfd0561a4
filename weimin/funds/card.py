"""The home page's 微基金 card: this year's money in and out of the funds in a scope.

It reads the funds' running figures and the year's ledger entries through the (street,
value_date) and (community, value_date) indexes; it never aggregates the whole ledger.
"""

from datetime import date

from models import Fund, LedgerEntry, Street
from weimin.access import scoped_query
from weimin.access.scope import district_wide
from weimin.core.money import yuan
from weimin.funds.figures import ZERO
from weimin.funds.totals import total


def fund_card(user, today):
    """Figures for the funds `user` may see, for the calendar year of `today` (a local date)."""
    entries = scoped_query(user, LedgerEntry)
    if district_wide(user):  # through the street index too, not a scan of the year's entries
        entries = LedgerEntry.objects(street__in=list(Street.objects.scalar("id")))
    year = total(entries, date(today.year, 1, 1), date(today.year + 1, 1, 1))
    funds = scoped_query(user, Fund).filter(status__ne="closed")
    funds = list(funds.only("kind", "received", "allocated", "paid_outside", "paid_allocated"))
    share = year.non_fiscal_share
    return {
        "year": today.year,
        "funds": len(funds),
        "named": sum(1 for f in funds if f.kind != "fiscal"),
        "received": yuan(year.received),
        "raised": yuan(year.raised),
        "paid": yuan(year.paid),
        "share": None if share is None else float(share),
        "available": yuan(sum((f.available for f in funds), ZERO)),
    }
