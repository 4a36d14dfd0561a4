"""What the benchmarks share: a throwaway app, store calls, time and peak memory of a call."""

import contextlib
import os
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


_COMMANDS = []  # MongoDB commands seen by the listener, when MONGODB_URI is set
_STORE_CALLS = (
    "find",
    "find_one",
    "count_documents",
    "aggregate",
    "distinct",
    "update_one",
    "update_many",
    "insert_one",
    "insert_many",
    "delete_one",
    "delete_many",
)


def _listen():
    """Register a pymongo CommandListener once, before the app's client is made."""
    from pymongo import monitoring

    class Listener(monitoring.CommandListener):
        def started(self, event):
            _COMMANDS.append(event.command_name)

        def succeeded(self, event):
            pass

        def failed(self, event):
            pass

    monitoring.register(Listener())


@contextlib.contextmanager
def counted_calls():
    """The store calls made inside the block: MongoDB commands, or the embedded store's
    collection method calls."""
    if os.environ.get("MONGODB_URI"):
        first = len(_COMMANDS)
        seen = []
        yield seen
        seen.extend(_COMMANDS[first:])
        return
    from mongomock.collection import Collection

    seen, real = [], {name: getattr(Collection, name) for name in _STORE_CALLS}

    def counting(name):
        def call(self, *args, **kwargs):
            seen.append((self.name, name))
            return real[name](self, *args, **kwargs)

        return call

    for name in _STORE_CALLS:
        setattr(Collection, name, counting(name))
    try:
        yield seen
    finally:
        for name, method in real.items():
            setattr(Collection, name, method)


def make_app(**overrides):
    """An app on a fresh database: the embedded store, or MongoDB when MONGODB_URI is set."""
    from weimin import create_app

    if os.environ.get("MONGODB_URI") and not _COMMANDS and not getattr(_listen, "done", 0):
        _listen()
        _listen.done = 1

    return create_app(
        {
            "TESTING": True,
            "DEMO_SEED": False,
            "MONGODB_URI": os.environ.get("MONGODB_URI"),
            "MONGODB_DB": f"weimin_bench_{uuid.uuid4().hex[:8]}",
            **overrides,
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


def cpu_seconds(pid):
    """CPU seconds (user + system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children(pid):
    """Ids of a process's children, from /proc (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


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
