"""Benchmark the home page (dashboard) of each role at N demands, with a cold cache.

For each role it prints the page's time (CPU, best of three, the figure cache emptied before
each) relative to one plain read of what the page shows, straight from the driver: one
count_documents per figure it counts (the four headline counts and this month's demands its
breakdown groups) and one find of each stored report it displays (the trend months, the red
and black lists, the street comparison, the star ratings), with the page's own filters. The
page also signs the user in from the session, groups the breakdown and renders the template,
which the read does not. The bench's world holds no stored reports, so the read is the counts.
On the embedded store both go through the same hash indexes (weimin/store/prefilter.py), which
keep what they found until the collection is next written. Goal ≤ 1×.

    .venv/bin/python bench/bench_dashboard.py                 # N = 10,000
    .venv/bin/python bench/bench_dashboard.py --sizes 100000
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_lists import BATCH, rows, world  # noqa: E402
from measure import make_app, timed  # noqa: E402

GOAL = 1.0
ROLES = ("district_admin", "street_admin", "community_worker", "supervisor")


def fill(size, communities, orgs):
    from models import CatalogueItem
    from weimin.store.db import database

    rng, collection = random.Random(2026), database()["demands"]
    items = list(CatalogueItem.objects(kind="affair"))
    for first in range(0, size, BATCH):
        batch = [
            rows("demands", rng, n, communities, orgs, items, [])
            for n in range(first, min(size, first + BATCH))
        ]
        collection.insert_many(batch, ordered=False)


def plain_read(user):
    """What the page shows, read plainly: a count per figure, a find per stored report."""
    from datetime import datetime

    from models import ClearanceReport, Demand, StarRating
    from models.choices import UNCOUNTED
    from weimin.access import (
        demand_scope,
        honour_scope,
        rating_visibility,
        report_rollup,
        report_visibility,
        scope_ids,
    )
    from weimin.core.periods import current_bounds, months_up_to
    from weimin.core.workdays import TZ
    from weimin.demands.kpis import KPI_CODES, kpi_filter

    def read():
        now = datetime.now(TZ)
        start, end = current_bounds(now)
        scoped = Demand.objects.in_scope(**demand_scope(user))
        counted = [kpi_filter(scoped, code, now)._query for code in KPI_CODES]
        counted.append({
            "received_at": {"$gte": start, "$lt": end},
            "status": {"$nin": list(UNCOUNTED)},
            **scope_ids(user),
        })  # fmt: skip
        demands = Demand._get_collection()
        figures = [demands.count_documents(spec) for spec in counted]
        reports = ClearanceReport.objects.filter(**report_visibility(user))
        shown = [
            reports.filter(month__in=months_up_to(now, 12), **report_rollup(user)),
            ClearanceReport.objects(level="community", honour__in=["red", "black"]).filter(
                **honour_scope(user)
            ),
            reports.filter(level="street"),
            StarRating.objects(**scope_ids(user)).filter(**rating_visibility(user)),
        ]
        rows = [list(query._collection.find(query._query)) for query in shown]
        return figures, rows

    return read


def bench(size):
    from tests import factories
    from weimin.store.db import database

    app = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    results = []
    with app.app_context():
        try:
            communities, orgs, _admin = world()
            fill(size, communities, orgs)
            for role in ROLES:
                community = communities[0]
                scope = {}
                if role in ("street_admin", "community_worker"):
                    scope["street_doc"] = community.street
                if role == "community_worker":
                    scope["community_doc"] = community
                user = factories.user(role, username=f"bench_{role}", **scope)
                client = app.test_client()
                client.post(
                    "/login", data={"username": user.username, "password": factories.PASSWORD}
                )
                read = plain_read(user)

                def page(c=client):
                    app.extensions.get("dashboard_cache", {}).clear()
                    assert c.get("/admin/").status_code == 200

                took = min(timed(page)[1] for _ in range(3))
                floor = min(timed(read)[1] for _ in range(3))
                results.append((role, size, took, floor))
        finally:
            database().client.drop_database(database().name)
    return results


def table(results):
    return [
        (f"dashboard {role} N={size:,}: page / plain read", took / floor, f"≤ {GOAL:g}")
        for role, size, took, floor in results
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    args = parser.parse_args()
    print(f"{'role':<17} {'N':>8} {'page s':>8} {'read s':>8} {'ratio':>6}")
    for size in args.sizes:
        for role, n, took, floor in bench(size):
            print(f"{role:<17} {n:>8,} {took:8.3f} {floor:8.3f} {took / floor:6.2f}")


if __name__ == "__main__":
    main()
