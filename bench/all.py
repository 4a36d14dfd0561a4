"""Run every benchmark and print one table of ratios (`make bench`).

Each line: what is measured, the ratio (or seconds, for the start), and its goal. The
benchmarks' own scripts print the details; `--quick` uses smaller sizes. Each benchmark runs
in a fresh interpreter, as its own script does: one that ran after another in the same process
would inherit its heap, its collector's state and its warm caches, which shift a ratio whose
two sides they do not touch alike (the intake's raw inserts, in this process, against the API
in a gunicorn worker of its own).

    .venv/bin/python bench/all.py [--quick]
"""

import argparse
import contextlib
import io
import multiprocessing
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def quiet(work):
    """Run a benchmark with its own printing (and the app's logging) held back."""
    import logging

    logging.disable(logging.WARNING)
    with contextlib.redirect_stdout(io.StringIO()):
        return work()


def _run_quietly(work, args):
    return quiet(lambda: work(*args))


def isolated(work, *args):
    """`work(*args)` (a module-level function) run quietly in a fresh interpreter."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_run_quietly, (work, args))


def lines(quick):
    import bench_clearance
    import bench_dashboard
    import bench_export
    import bench_intake
    import bench_lists
    import bench_startup

    first, ready, _seen = bench_startup.measure()
    yield "start: first page, s (wall / server CPU)", f"{first[0]:.1f} / {first[1]:.1f}", "≤ 5"
    yield "start: demo ready, s (wall / server CPU)", f"{ready[0]:.1f} / {ready[1]:.1f}", "≤ 60"
    sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    for size in sizes:
        for what, ratio, goal in bench_lists.table(isolated(bench_lists.bench, size)):
            yield what, f"{ratio:.2f}", goal
    for what, ratio, goal in isolated(bench_intake.bench, 200 if quick else 500):
        yield what, f"{ratio:.2f}", goal
    size = 10_000 if quick else 100_000
    for what, ratio, goal in bench_dashboard.table(isolated(bench_dashboard.bench, size)):
        yield what, f"{ratio:.2f}", goal
    clearance = isolated(bench_clearance.bench, size)
    yield f"clearance N={size:,}: job / plain read (CPU)", _r(clearance, "job", "read"), "≤ 1"
    export = isolated(bench_export.bench, size, ["xlsx"], 1)["xlsx"]
    yield f"export xlsx N={size:,}: ours / Flask-Admin (CPU)", _r(export, "ours", "theirs"), "≤ 0.5"


def _r(result, ours, theirs):
    return f"{result[ours][1] / result[theirs][1]:.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (no 100,000)")
    args = parser.parse_args()
    store = "MongoDB" if os.environ.get("MONGODB_URI") else "embedded store (mongomock)"
    print(
        f"{platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()} · {store}"
    )
    print(f"{'measure':<66} {'result':>12}  goal")
    for what, value, goal in lines(args.quick):
        print(f"{what:<66} {value:>12}  {goal}", flush=True)


if __name__ == "__main__":
    main()
