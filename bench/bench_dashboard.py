"""Benchmark the home page (dashboard) of each role at N demands, with a cold cache.

For each role it prints the page's time (CPU seconds, best of three, the figure cache emptied
before each) against two reads, straight from the driver, each also CPU and best of three:

(a) the goal's baseline: one plain read of the demands the page's figures are computed from —
    a find over every demand in the role's scope, materialised, as the list benchmark reads a
    list page's documents plainly. Goal: page ≤ 1× this read.
(b) informational, a strict floor: only the store work behind each figure — the indexed counts
    the page makes (the headline counts; this month's breakdown, an indexed count per category
    of the scope and per channel: grouping.counts_of), the scope's categories, and a find of
    each stored report it displays (the trend months, the red and black lists, the street
    comparison, the star ratings) with the page's own filters. The page also loads the user
    from the session, asks its other cards (funds, grids, topics, pledges: empty here; the
    bench's world holds no stored reports either) and renders the template.

Each request runs in an app context of its own, as on a server (in the bench's own context
they would share `g`, and with it the user signed in first).

The goal uses (a): the issue asks what the home page costs next to reading the demands it
summarises once, as every other page is compared with a plain read of what it shows; (b) is
the page's overhead over its own queries. On the embedded store the counts go through its hash
indexes (weimin/store/prefilter.py), which keep what they found until the collection is next
written, and mongomock's cursor is given an O(1) step first (measure.linear_cursor), as the
export benchmark does, so that the read in (a) costs O(N), as on MongoDB.

    .venv/bin/python bench/bench_dashboard.py                 # N = 10,000
    .venv/bin/python bench/bench_dashboard.py --sizes 10000 100000
"""

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_lists import BATCH, rows, world  # noqa: E402
from measure import linear_cursor, make_app, timed  # noqa: E402

GOAL = 1.0
# The goal holds from this size; below it the page's fixed cost (about 10 ms) outweighs a read
# of a small scope, so smaller sizes are printed for information.
GOAL_SIZE = 100_000
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


def scope_read(user):
    """(a) Every demand in the user's scope, read plainly and materialised."""
    from models import Demand
    from weimin.access import scope_ids

    def read():
        return list(Demand._get_collection().find(scope_ids(user)))

    return read


def counts_read(user):
    """(b) The store work behind each figure: a count per figure, a find per stored report."""
    from datetime import datetime

    from models import CatalogueCategory, ClearanceReport, Demand, StarRating
    from models.choices import CHANNELS
    from weimin.access import (
        demand_scope,
        honour_scope,
        rating_visibility,
        report_rollup,
        report_visibility,
        scope_ids,
        scoped_query,
    )
    from weimin.core.periods import months_up_to
    from weimin.core.workdays import TZ
    from weimin.demands.kpis import count_conditions, kpi_filter
    from weimin.store.grouping import counts_of

    def read():
        now = datetime.now(TZ)
        scoped = Demand.objects.in_scope(**demand_scope(user))
        counted = [scoped.filter(q)._query for q in count_conditions(now).values()]
        demands = Demand._get_collection()
        figures = [demands.count_documents(spec) for spec in counted]
        categories = list(scoped_query(user, CatalogueCategory).only("name").as_pymongo())
        month = kpi_filter(scoped, "received_month", now)
        figures += [
            counts_of(month, "category", [c["_id"] for c in categories] + [None], figures[0]),
            counts_of(month, "channel", [code for code, _label in CHANNELS], figures[0]),
        ]
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
        return figures, categories, rows

    return read


def bench(size):
    from flask import g

    from tests import factories
    from weimin.store.db import database

    linear_cursor()
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
                # Each request in an app context of its own, as on a server: inside the bench's
                # context they would share `g`, and with it the user signed in first.
                with app.app_context():
                    client.post(
                        "/login", data={"username": user.username, "password": factories.PASSWORD}
                    )
                scope, counts = scope_read(user), counts_read(user)

                def page(c=client, username=user.username):
                    app.extensions.get("dashboard_cache", {}).clear()
                    with app.app_context():
                        response = c.get("/admin/")
                        assert response.status_code == 200
                        assert g._login_user.username == username

                took = min(timed(page)[1] for _ in range(3))
                read = min(timed(scope)[1] for _ in range(3))
                floor = min(timed(counts)[1] for _ in range(3))
                results.append((role, size, took, read, floor))
        finally:
            database().client.drop_database(database().name)
    return results


def table(results):
    """(what, measured, goal) lines for the one table `make bench` prints: the goal's ratio (a)
    and the informational one (b) for each role."""
    lines = []
    for role, size, took, read, floor in results:
        goal = f"≤ {GOAL:g}" if size >= GOAL_SIZE else f"— (≤ {GOAL:g} at {GOAL_SIZE:,})"
        lines.append((f"dashboard {role} N={size:,}: page / read of the scope's demands",
                      took / read, goal))  # fmt: skip
        lines.append((f"dashboard {role} N={size:,}: page / counts behind the figures",
                      took / floor, "—"))  # fmt: skip
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    args = parser.parse_args()
    print("CPU seconds, best of three; (a) goal ≤ 1: page / read of the scope's demands;")
    print("(b) informational: page / the counts and stored reports behind the figures")
    print(f"{'role':<17} {'N':>8} {'page s':>8} {'(a) read':>9} {'page/(a)':>9} "
          f"{'(b) counts':>11} {'page/(b)':>9}")  # fmt: skip
    for size in args.sizes:
        for role, n, took, read, floor in bench(size):
            print(f"{role:<17} {n:>8,} {took:8.4f} {read:9.4f} {took / read:9.3f} "
                  f"{floor:11.4f} {took / floor:9.2f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
