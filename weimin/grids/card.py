"""The home page's grid card: this month's visit coverage in the user's scope."""

from weimin.access import scope_ids
from weimin.core.periods import month_of
from weimin.grids.coverage import coverage, totals


def grid_card(user, now):
    """This month's coverage figures of the grids `user` may see; None when there are none."""
    month = month_of(now)
    found = totals(coverage([month], **scope_ids(user)))
    if not found.get("grids"):
        return None
    share = found["coverage"]
    return {**found, "month": month, "coverage": None if share is None else float(share)}
