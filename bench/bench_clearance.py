"""Benchmark the monthly clearance job on one month of N demands across the demo communities.

For each N it prints the job's time and peak memory beside the time and peak memory of reading
the same documents once, with the same queries, from the same store. Times are the best of two
interleaved runs, wall clock and CPU (CPU is the steadier figure on a shared machine); memory
is traced in a separate run, since tracemalloc slows Python down.

    .venv/bin/python bench/bench_clearance.py                 # N = 10,000 and 100,000
    .venv/bin/python bench/bench_clearance.py --sizes 20000   # other sizes
    MONGODB_URI=mongodb://… SECRET_KEY=… .venv/bin/python bench/bench_clearance.py
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bson import ObjectId  # noqa: E402
from measure import make_app, peak_mib, timed  # noqa: E402

MONTH = "2026-03"
BATCH = 5000


def demo_areas():
    """The demo district's streets and communities (4 × 5), saved."""
    from seeds.demo import SIZES
    from seeds.demo_areas import build_areas
    from seeds.reference import seed_rule_sets

    seed_rule_sets()
    district, streets, communities, _compounds = build_areas(SIZES["full"])
    for doc in [district, *streets, *communities]:
        doc.save()
    return communities


def fake_demand(rng, n, community, start, end):
    """One demand of the month as a raw document, with realistic field sizes."""
    span = (end - start).total_seconds()
    carried = rng.random() < 0.08
    received = (
        start - timedelta(days=rng.uniform(1, 25))
        if carried
        else start + timedelta(seconds=rng.uniform(0, span))
    )
    doc = {
        "ticket_no": f"B{n:08d}", "kind": "affair", "item": ObjectId(),
        "street": community.street.pk, "community": community.pk,
        "resident_name": "赵敏", "resident_phone": "13912345678",
        "channel": "window", "description": "楼道灯坏了，晚上出入不便，请尽快维修。" * 2,
        "status": "received", "handling_level": "routine", "received_at": received,
        "response_due_at": received + timedelta(hours=24),
        "deadline_at": received + timedelta(days=rng.choice((3, 5, 21))),
        "rev": 3,
        "timeline": [{"at": received, "actor": "worker", "action": "intake"}] * 3,
    }  # fmt: skip
    if rng.random() < 0.05:  # escalated: the first deadline passed, a later one is in force
        doc.update(overdue=True, overdue_at=doc["deadline_at"])
        doc["deadline_at"] += timedelta(days=15)
    if rng.random() < 0.88:
        doc["first_response_at"] = received + timedelta(hours=rng.uniform(0.2, 30))
    roll = rng.random()
    if roll < 0.03:
        doc["rejected_at"] = received + timedelta(hours=rng.uniform(1, 48))
    elif roll < 0.83:
        doc["closed_at"] = received + timedelta(days=rng.uniform(0.2, 12))
        if rng.random() < 0.6:
            satisfaction = rng.choices(("satisfied", "basically", "dissatisfied"), (7, 2, 1))[0]
            doc["evaluation"] = {"satisfaction": satisfaction, "resolved": rng.random() < 0.85}
    return doc


def generate(communities, size, seed=2026):
    """Insert `size` demands of the month (unique indexes rebuilt once, as the demo seed does)."""
    from models import Demand
    from weimin.core.periods import bounds

    start, end = bounds(MONTH)
    rng = random.Random(seed)
    collection = Demand._get_collection()
    collection.drop_indexes()
    for first in range(0, size, BATCH):
        rows = [
            fake_demand(rng, n, rng.choice(communities), start, end)
            for n in range(first, min(size, first + BATCH))
        ]
        collection.insert_many(rows, ordered=False)
    Demand.ensure_indexes()


def read_once():
    """Read the documents the job reads, with its queries, and nothing else."""
    from jobs.clearance import month_demands
    from models import Community
    from weimin.core.periods import bounds

    start, end = bounds(MONTH)
    count = 0
    for community in Community.objects.only("id"):
        for _doc in month_demands(community.pk, start, end):
            count += 1
    return count


def run_job():
    from jobs.clearance import run_clearance

    return run_clearance(MONTH)


def measure(repeat=2):
    """Read and job, interleaved `repeat` times (best of each), then their peak memory."""
    reads, jobs = [], []
    for _ in range(repeat):
        reads.append(timed(read_once))
        jobs.append(timed(run_job))
    read, job = min(reads, key=lambda t: t[0]), min(jobs, key=lambda t: t[0])
    return read, job, peak_mib(read_once), peak_mib(run_job)


def bench(size):
    from models import ClearanceReport
    from weimin.store.db import database

    app = make_app()
    with app.app_context():
        try:
            communities = demo_areas()
            began = time.perf_counter()
            generate(communities, size)
            made = time.perf_counter() - began
            read, job, read_mib, job_mib = measure()
            reports = ClearanceReport.objects(month=MONTH).count()
        finally:
            database().client.drop_database(database().name)
    store = "MongoDB" if os.environ.get("MONGODB_URI") else "embedded (mongomock)"
    print(f"N={size:>7,}  store={store}  communities={len(communities)}  generated in {made:.1f}s")
    print(f"  read once : {read[0]:7.2f} s wall {read[1]:7.2f} s CPU  peak {read_mib:6.1f} MiB"
          f"  ({read[2]:,} documents)")  # fmt: skip
    print(f"  clearance : {job[0]:7.2f} s wall {job[1]:7.2f} s CPU  peak {job_mib:6.1f} MiB"
          f"  ({reports} reports, {len(job[2]['computed'])} streets)")  # fmt: skip
    return {"n": size, "read": read[:2], "job": job[:2], "read_mib": read_mib, "job_mib": job_mib}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    for size in args.sizes:
        bench(size)


if __name__ == "__main__":
    main()
