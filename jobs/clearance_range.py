"""Recompute a range of months in one run: checked first, then month by month (idempotent).

Each community's demands are read once for the whole range and tallied for every month.
"""

from datetime import UTC, datetime

from flask_babel import gettext as _

from jobs.clearance import clear_month, streets_for, tally_months
from jobs.runs import tracked
from models import ClearanceMonth, Community
from weimin.core.periods import bounds, month_of, months_between, parse_month
from weimin.demands.deadlines import DeadlineRules

MAX_MONTHS = 36


class RangeError(ValueError):
    """A range that cannot be run; `errors` maps the field (period: from, until: to) to why."""

    def __init__(self, errors):
        super().__init__("; ".join(errors.values()))
        self.errors = errors


def check_range(first, last, street=None, now=None):
    """The months from `first` to `last`, or RangeError: malformed, reversed, too long, in the
    future, or holding a published month (which must be reopened before it is recomputed)."""
    errors = {}
    for field, month in (("period", first), ("until", last)):
        try:
            parse_month(month)
        except ValueError:
            errors[field] = _("Give the month as YYYY-MM")
    if errors:
        raise RangeError(errors)
    this_month = month_of(now or datetime.now(UTC))
    months = months_between(first, last)
    if not months:
        raise RangeError({"until": _("The last month cannot come before the first.")})
    if last > this_month:
        message = _("%(month)s has not come yet (this month is %(now)s).", now=this_month,
                    month=first if first > this_month else last)  # fmt: skip
        raise RangeError({"period" if first > this_month else "until": message})
    if len(months) > MAX_MONTHS:
        raise RangeError({"until": _("At most %(n)d months in one run.", n=MAX_MONTHS)})
    published = ClearanceMonth.objects(month__in=months, status="published")
    if street is not None:
        published = published.filter(street=street)
    frozen = sorted({f"{state.month} {state.street}" for state in published})
    if frozen:
        shown = "、".join(frozen[:6]) + ("…" if len(frozen) > 6 else "")
        raise RangeError({"until": _(
            "Published, so frozen: %(months)s. Reopen them first, or choose a range of drafts.",
            months=shown,
        )})  # fmt: skip
    return months


def run_clearance_range(first, last, street_id=None, run_id=None):
    """Compute every month from `first` to `last` in one run, with one progress for all."""
    months = months_between(first, last)
    with tracked("clearance", first, street_id, run_id, until=last) as progress:
        streets, per_street = streets_for(street_id)
        progress.begin(len(months) * sum(per_street.values()))
        tallies, runs = range_tallies(months, streets), []
        for month in months:
            progress.note(month)
            runs.append(clear_month(month, streets, per_street, progress, tallies[month]))
        summary = {
            "from": first,
            "to": last,
            "months": months,
            "computed": {run["month"]: run["computed"] for run in runs},
            "frozen": {run["month"]: run["frozen"] for run in runs if run["frozen"]},
        }
        progress.finish(summary)
    return summary


def range_tallies(months, streets):
    """{month: {community id: Tally}} for the streets' communities, one read per community."""
    spans = [bounds(month) for month in months]
    tallies = {month: {} for month in months}
    for street in streets:
        deadlines = DeadlineRules.current(street)
        for community in Community.objects(street=street).only("id"):
            for month, tally in zip(
                months, tally_months(community.pk, spans, deadlines), strict=True
            ):
                tallies[month][community.pk] = tally
    return tallies
