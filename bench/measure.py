"""What the benchmarks share: a throwaway app, and time and peak memory of one call."""

import os
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_app():
    """An app on a fresh database: the embedded store, or MongoDB when MONGODB_URI is set."""
    from weimin import create_app

    return create_app(
        {
            "TESTING": True,
            "DEMO_SEED": False,
            "MONGODB_URI": os.environ.get("MONGODB_URI"),
            "MONGODB_DB": f"weimin_bench_{uuid.uuid4().hex[:8]}",
        }
    )


def linear_cursor():
    """Make mongomock's cursor step O(1), as a MongoDB cursor's is.

    mongomock's Cursor.__next__ slices off the results not yet returned on every call, so one
    pass over N documents costs O(N²): at 100,000 that dwarfs the work being measured. The
    product's own exports do not step that cursor (weimin.store.db.stream); a benchmark that
    compares them with code which does calls this first, so both sides are measured on their
    own work.
    """
    from mongomock.collection import Cursor

    def step(self):
        results = self._compute_results()
        if self._limit and self._emitted >= abs(self._limit):
            raise StopIteration
        index = self._skip + self._emitted
        if index >= len(results):
            raise StopIteration
        self._emitted += 1
        return results[index]

    Cursor.__next__ = Cursor.next = step


def timed(work):
    """(wall seconds, CPU seconds, result) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def peak_mib(work):
    """Peak traced memory of one call, above what was allocated when it started."""
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    work()
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return peak / 2**20
