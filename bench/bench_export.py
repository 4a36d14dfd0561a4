"""Benchmark the star-rating export on N rating rows against Flask-Admin's own export.

Both sides export the same N ratings of one period, as a district admin sees them, in the same
process and on the same store:
- ours: the background export job end to end — it replays the export request, streams the rows
  into a file (XLSX in xlsxwriter's constant-memory mode) and stores the file in GridFS;
- Flask-Admin: its built-in export of a stock mongoengine ModelView of the same ratings, with
  the same columns (CSV streamed by Flask-Admin; XLSX through tablib), body read and dropped.
On the embedded store, mongomock's cursor is first made to step in O(1) (see
measure.linear_cursor): as shipped it costs Flask-Admin O(N²) time that MongoDB would not.
Times are the best of `--repeat` interleaved runs, wall clock and CPU; peak memory is traced in
a separate run (tracemalloc slows Python down), above what was allocated when the export began.
Target: at most half of Flask-Admin's time and a tenth of its peak memory.

    .venv/bin/python bench/bench_export.py                       # N = 100,000, XLSX and CSV
    .venv/bin/python bench/bench_export.py --rows 20000 --formats csv
    MONGODB_URI=mongodb://… SECRET_KEY=… .venv/bin/python bench/bench_export.py
"""

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import Decimal128, ObjectId  # noqa: E402
from measure import linear_cursor, make_app, peak_mib, timed  # noqa: E402

PERIOD = "2026"
BATCH = 5000
COLUMNS = ("subject_name", "subject_type", "street", "score", "stars", "reward",
           "not_eligible", "rule_set_version", "breakdown")  # fmt: skip


def generate(size, seed=2026):
    """`size` organisation ratings of the period across the demo streets, inserted raw."""
    from models import RuleSet, StarRating, User
    from seeds.demo import SIZES
    from seeds.demo_areas import build_areas
    from seeds.reference import seed_rule_sets

    seed_rule_sets()
    district, streets, _communities, _compounds = build_areas(SIZES["full"])
    for doc in [district, *streets]:
        doc.save()
    rule_set = RuleSet.objects(kind="rating").first()
    criteria = list(rule_set.params["criteria"].items())
    rng = random.Random(seed)
    collection = StarRating._get_collection()
    collection.drop_indexes()  # the unique index is rebuilt once, after the inserts
    for first in range(0, size, BATCH):
        rows = []
        for n in range(first, min(size, first + BATCH)):
            lines = []
            for code, weight in criteria:
                raw = rng.random()
                points = Decimal(raw * weight * 1000).quantize(Decimal("0.01"))
                lines.append({"code": code, "raw": raw, "weight": weight,
                              "points": Decimal128(points)})  # fmt: skip
            score = sum(line["points"].to_decimal() for line in lines)
            rows.append({
                "period": PERIOD, "subject_type": "organisation", "organisation": ObjectId(),
                "street": rng.choice(streets).pk, "subject_name": f"微组织{n:06d}",
                "score": Decimal128(score), "sort_score": float(score), "scale": 1000,
                "stars": min(5, int(score) // 200), "reward": Decimal128("20000.00"),
                "not_eligible": rng.random() < 0.05, "breakdown": lines,
                "rule_set": rule_set.pk, "rule_set_code": "default", "rule_set_version": 1,
            })  # fmt: skip
        collection.insert_many(rows, ordered=False)
    StarRating.ensure_indexes()
    return User(username="bench", name="区管理员", role="district_admin", password_hash="x").save()


def flask_admin_view(app):
    """Flask-Admin's stock ModelView of the ratings, its export switched on, on its own Admin."""
    from flask_admin import Admin
    from flask_admin.contrib.mongoengine import ModelView

    from models import StarRating

    class RatingExport(ModelView):
        can_export = True
        export_types = ["csv", "xlsx"]
        export_max_rows = 0  # every row
        column_export_list = COLUMNS
        column_default_sort = [("street", False), ("sort_score", True)]

    view = RatingExport(StarRating, endpoint="bench_ratings")
    Admin(app, name="bench", url="/bench-admin", endpoint="bench_admin").add_view(view)
    return view


def ours(app, user, fmt):
    """The background export job of /admin/exports/ratings, end to end; returns rows written."""
    from jobs.exporting import run_export
    from models import ExportJob
    from weimin.access import area_key
    from weimin.exports.description import Description

    description = Description(source="ratings", owner=user.pk, scope=area_key(user), fmt=fmt,
                              locale="zh_Hans_CN", name=f"星级评定-{PERIOD}", title="星级评定",
                              params={"period": PERIOD})  # fmt: skip
    asked = {"path": "/admin/exports/ratings", "args": [["period", PERIOD], ["format", fmt]]}
    job = ExportJob(owner=user, source="ratings", description=description.to_doc(), fmt=fmt,
                    locale="zh_Hans_CN", filename=f"{description.name}.{fmt}", **asked)  # fmt: skip
    job.save()
    return run_export(str(job.pk))


def theirs(app, view, fmt):
    """Flask-Admin's export of the same ratings; returns the size of the body it produced."""
    with app.test_request_context(f"/bench-admin/bench_ratings/export/{fmt}/"):
        response = view.export(fmt)
        return sum(len(part) for part in response.response)  # read as a client would, dropped


def measure(app, user, view, fmt, repeat):
    runs = {"ours": [], "theirs": []}
    for _ in range(repeat):
        runs["ours"].append(timed(lambda: ours(app, user, fmt)))
        runs["theirs"].append(timed(lambda: theirs(app, view, fmt)))
    best = {side: min(times, key=lambda t: t[0]) for side, times in runs.items()}
    best["ours_mib"] = peak_mib(lambda: ours(app, user, fmt))
    best["theirs_mib"] = peak_mib(lambda: theirs(app, view, fmt))
    return best


def bench(size, formats, repeat):
    from weimin.store.db import database

    app = make_app()
    if not os.environ.get("MONGODB_URI"):
        linear_cursor()  # Flask-Admin's queryset steps mongomock's cursor; ours does not
    view = flask_admin_view(app)
    results = {}
    with app.app_context():
        try:
            began = time.perf_counter()
            user = generate(size)
            made = time.perf_counter() - began
            store = "MongoDB" if os.environ.get("MONGODB_URI") else "embedded (mongomock)"
            print(f"N={size:,} ratings  store={store}  generated in {made:.1f}s")
            for fmt in formats:
                r = measure(app, user, view, fmt, repeat)
                results[fmt] = r
                report(fmt, r)
        finally:
            database().client.drop_database(database().name)
    return results


def report(fmt, r):
    ours_t, theirs_t = r["ours"], r["theirs"]
    print(f"  {fmt.upper()}")
    print(f"    ours       : {ours_t[0]:7.2f} s wall {ours_t[1]:7.2f} s CPU  "
          f"peak {r['ours_mib']:7.1f} MiB  ({ours_t[2]:,} rows)")  # fmt: skip
    print(f"    Flask-Admin: {theirs_t[0]:7.2f} s wall {theirs_t[1]:7.2f} s CPU  "
          f"peak {r['theirs_mib']:7.1f} MiB  ({theirs_t[2]:,} bytes)")  # fmt: skip
    time_ratio = ours_t[1] / theirs_t[1]
    mem_ratio = r["ours_mib"] / r["theirs_mib"]
    verdict = "met" if time_ratio <= 0.5 and mem_ratio <= 0.1 else "NOT met"
    print(f"    ratio      : time {time_ratio:.2f} (CPU; target ≤ 0.50)  "
          f"memory {mem_ratio:.3f} (target ≤ 0.100)  → target {verdict}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--formats", nargs="+", choices=("xlsx", "csv"), default=["xlsx", "csv"])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    bench(args.rows, args.formats, args.repeat)


if __name__ == "__main__":
    main()
