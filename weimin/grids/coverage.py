"""Visit coverage per grid per month: the one function the page, the export, the dashboard
card and the rating criterion read.

A grid's month counts the distinct households visited (by their written address, spaces and
case ignored) against the grid's households, the visits each worker logged, the findings that
needed a follow-up, the demands taken in from them and how many of those are closed.
Two indexed queries per call: the month range of visits in the scope, and the linked demands
by id; grids are a small collection.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC
from fractions import Fraction

from models import Community, Demand, Grid, Street, Visit
from models.choices import UNCOUNTED
from weimin.core.periods import bounds, month_of

VISIT_FIELDS = ("grid", "worker_name", "visited_at", "place_kind", "place_key", "follow_up")


@dataclass
class GridMonth:
    """One grid's visit figures of one month."""

    month: str
    grid: object  # the grid's id
    code: str
    name: str
    street: object
    street_name: str
    community: object
    community_name: str
    households: int
    buildings: int
    visits: int = 0
    visited: int = 0  # distinct households visited
    places: int = 0  # distinct other places visited
    needs: int = 0  # visits whose finding needed a follow-up
    demands: int = 0  # demands taken in from the month's visits
    closed: int = 0  # of those, closed (办结) by now
    workers: Counter = field(default_factory=Counter)  # visits per worker's name
    _keys: set = field(default_factory=set, repr=False)
    _places: set = field(default_factory=set, repr=False)
    _demand_ids: list = field(default_factory=list, repr=False)

    @property
    def coverage(self):
        """Households visited / the grid's households (at most 1); None without households."""
        if not self.households:
            return None
        return min(Fraction(self.visited, self.households), Fraction(1))

    @property
    def coverage_rate(self):
        value = self.coverage
        return None if value is None else float(value)


def _aware(moment):
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def coverage(months, **where):
    """[GridMonth] of every grid in `where` (Grid/Visit query arguments: street, community,
    street__in …) for each month in `months` (YYYY-MM, contiguous), by community and code."""
    months = sorted(months)
    if not months:
        return []
    grids = list(Grid.objects(**where).order_by("street", "community", "code").as_pymongo())
    streets = _names(Street, {g["street"] for g in grids})
    communities = _names(Community, {g["community"] for g in grids})
    rows = {}
    for month in months:
        for g in grids:
            rows[(month, g["_id"])] = GridMonth(
                month, g["_id"], g["code"], g["name"], g["street"], streets.get(g["street"], ""),
                g["community"], communities.get(g["community"], ""),
                g.get("households") or 0, g.get("buildings") or 0,
            )  # fmt: skip
    start, end = bounds(months[0])[0], bounds(months[-1])[1]
    visits = Visit.objects(**where, visited_at__gte=start, visited_at__lt=end)
    for doc in visits.only(*VISIT_FIELDS, "demand").order_by().as_pymongo():
        row = rows.get((month_of(_aware(doc["visited_at"])), doc["grid"]))
        if row is None:  # a grid outside the scope asked for (moved since): not counted here
            continue
        _count(row, doc)
    _count_closed(rows.values())
    return [rows[(m, g["_id"])] for m in months for g in grids]


def _count(row, doc):
    row.visits += 1
    row.workers[doc.get("worker_name") or ""] += 1
    if doc.get("place_kind", "household") == "household":
        row._keys.add(doc.get("place_key"))
        row.visited = len(row._keys)
    else:
        row._places.add(doc.get("place_key"))
        row.places = len(row._places)
    row.needs += bool(doc.get("follow_up"))
    if doc.get("demand"):
        row.demands += 1
        row._demand_ids.append(doc["demand"])


def _count_closed(rows):
    owner = {pk: row for row in rows for pk in row._demand_ids}
    if not owner:
        return
    found = Demand.objects(pk__in=list(owner)).only("closed_at", "status").as_pymongo()
    for doc in found:
        if doc.get("closed_at") and doc.get("status") not in UNCOUNTED:
            owner[doc["_id"]].closed += 1


def _names(document, ids):
    return {d["_id"]: d.get("name") for d in document.objects(pk__in=list(ids)).as_pymongo()}


def totals(rows):
    """The figures of many grid-months added up (a street, a community, the dashboard card)."""
    total = defaultdict(int)
    for row in rows:
        for name in ("households", "visits", "visited", "places", "needs", "demands", "closed"):
            total[name] += getattr(row, name)
    households = total["households"]
    visited = sum(min(row.visited, row.households) for row in rows)
    total["coverage"] = Fraction(visited, households) if households else None
    total["grids"] = len({row.grid for row in rows})
    return dict(total)


def coverage_by_community(months, **where):
    """{community id: Fraction} of the average coverage over `months` (the rating criterion):
    households visited, month by month and grid by grid, over the households to visit."""
    visited, households = defaultdict(int), defaultdict(int)
    for row in coverage(months, **where):
        visited[row.community] += min(row.visited, row.households)
        households[row.community] += row.households
    return {c: Fraction(visited[c], n) for c, n in households.items() if n}
