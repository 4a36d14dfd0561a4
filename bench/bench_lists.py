"""Benchmark the demand, service-record, volunteer and audit list pages at N records each.

For each N it prints, per list: the store calls one page makes (counted on the embedded store,
a pymongo CommandListener on MongoDB), and the page's time (CPU, best of three) relative to one
plain read of the page's documents (the same sort and page size, straight from the driver).
Goals: calls per page the same at every N; page time ≤ 3× the plain read.

    .venv/bin/python bench/bench_lists.py                      # N = 1,000 and 10,000
    .venv/bin/python bench/bench_lists.py --sizes 1000 100000
    MONGODB_URI=mongodb://… SECRET_KEY=… .venv/bin/python bench/bench_lists.py
"""

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import Decimal128, ObjectId  # noqa: E402
from measure import counted_calls, make_app, timed  # noqa: E402

# list path, collection, its default sort as the page asks for it
LISTS = (
    ("demand", "demands", [("received_at", -1), ("_id", -1)]),
    ("service_record", "service_records", [("activity_date", -1), ("_id", -1)]),
    ("volunteer", "volunteers", [("name", 1), ("_id", 1)]),  # meta ordering, then the id
    ("audit", "audit_entries", [("at", -1), ("_id", -1)]),
)
PAGE = 20
BATCH = 5000
GOAL = 3.0


def world():
    """The demo's areas and organisations, an item per kind, a signed-in district admin."""
    from seeds.demo import SIZES
    from seeds.demo_areas import build_areas
    from seeds.reference import seed_reference
    from tests import factories

    seed_reference()
    district, streets, communities, _compounds = build_areas(SIZES["full"])
    for doc in [district, *streets, *communities]:
        doc.save()
    orgs = [factories.organisation(streets[n % len(streets)]) for n in range(20)]
    admin = factories.user("district_admin", username="bench")
    return communities, orgs, admin


def rows(kind, rng, n, communities, orgs, items, volunteers):
    community = rng.choice(communities)
    at = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(500_000))
    if kind == "demands":
        return {
            "ticket_no": f"B{n:08d}", "kind": "affair", "item": rng.choice(items).pk,
            "street": community.street.pk, "community": community.pk, "resident_name": "赵敏",
            "resident_phone": "13912345678", "channel": "window", "description": "楼道灯坏了",
            "status": "received", "handling_level": "routine", "received_at": at,
            "response_due_at": at + timedelta(hours=24), "deadline_at": at + timedelta(days=3),
            "rev": 0, "timeline": [{"at": at, "actor": "worker", "action": "intake"}],
        }  # fmt: skip
    if kind == "volunteers":
        return {
            "name": "张伟", "gender": "male", "id_number": f"X{n:017d}", "phone": "13800138000",
            "street": community.street.pk, "community": community.pk, "consent": True,
            "approved_hours": Decimal128(Decimal(rng.randrange(300))),
        }  # fmt: skip
    if kind == "service_records":
        org = rng.choice(orgs)
        return {
            "volunteer": rng.choice(volunteers), "activity_name": "助老探访",
            "activity_date": at.replace(hour=0, minute=0), "location": "社区服务中心",
            "content": "陪老人聊天", "hours": Decimal128("2"), "organisation": org.pk,
            "leader": "王队长", "street": org.street.pk, "community": community.pk,
            "status": "submitted", "submitted_at": at, "entered_by": "bench",
        }  # fmt: skip
    return {"at": at, "actor_kind": "user", "actor": "bench", "action": "update",
            "collection": "demands", "doc_id": str(ObjectId()), "changes": {}}  # fmt: skip


def fill(size, communities, orgs):
    from models import CatalogueItem
    from weimin.store.db import database

    rng, db = random.Random(2026), database()
    items = list(CatalogueItem.objects(kind="affair"))
    volunteers = []
    for kind in ("volunteers", "demands", "service_records", "audit_entries"):
        for first in range(0, size, BATCH):
            batch = [
                rows(kind, rng, n, communities, orgs, items, volunteers)
                for n in range(first, min(size, first + BATCH))
            ]
            db[kind].insert_many(batch, ordered=False)
        if kind == "volunteers":
            volunteers = [d["_id"] for d in db[kind].find({}, {"_id": 1})]


def plain_read(collection, sort):
    """One page of documents straight from the driver: the floor for the page."""
    return list(collection.find({}).sort(sort).limit(PAGE))


def bench(size):
    from weimin.store.db import database

    # Signed in through the form, as a browser does (the form's CSRF token aside).
    app = make_app(WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=False)
    results = []
    with app.app_context():
        try:
            from tests import factories

            communities, orgs, _admin = world()
            fill(size, communities, orgs)
            client = app.test_client()
            client.post("/login", data={"username": "bench", "password": factories.PASSWORD})
            for path, name, sort in LISTS:
                url = f"/admin/{path}/"
                assert client.get(url).status_code == 200, url
                with counted_calls() as calls:
                    client.get(url)
                page = min(timed(lambda u=url: client.get(u))[1] for _ in range(3))
                coll = database()[name]
                read = min(timed(lambda c=coll, o=sort: plain_read(c, o))[1] for _ in range(3))
                results.append((path, size, len(calls), page, read))
        finally:
            database().client.drop_database(database().name)
    return results


def table(results):
    """(what, measured, goal) lines for the one table `make bench` prints."""
    return [
        (f"list {path} N={size:,}: page / plain read ({calls} store calls)", page / read,
         f"≤ {GOAL:g}")
        for path, size, calls, page, read in results
    ]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    args = parser.parse_args()
    print(f"{'list':<15} {'N':>8} {'calls':>6} {'page s':>8} {'read s':>8} {'ratio':>6}")
    for size in args.sizes:
        for path, n, calls, page, read in bench(size):
            print(f"{path:<15} {n:>8,} {calls:>6} {page:8.3f} {read:8.3f} {page / read:6.2f}")


if __name__ == "__main__":
    main()
