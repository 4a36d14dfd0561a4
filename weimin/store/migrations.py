"""Numbered data migrations, recorded in the store and run by one process at a time.

Stored documents follow the code: a migration brings what an older version stored to the shape
the code now expects. A Migration has a number ("0001"), a name, a docstring (what and why) and
run(progress), which must be idempotent and resumable: it touches only documents still in the
old shape, a batch at a time, so a crash midway is finished by the next run. Each is recorded in
the `migrations` collection (models/migration_record.py); one not recorded done is pending, and
the pending ones run in number order. A failure stops the run (later ones wait), is recorded
with its error, and the next run retries it. One process migrates at a time, under the lease of
weimin/store/migration_lock.py, renewed by every progress report.

Why not a library: the Python MongoDB migration tools on PyPI (mongodb-migrations,
pymongo-migrate, mongrator, mongomig and smaller ones) open their own connection from a URI or
a config file, so they cannot run on the embedded mongomock store that the demo and the tests
use; they collect timestamped files from a folder and are built around up/down schema steps;
their documentation shows no lock between processes; and each has either had no release for
years or is months old. What is needed here fits in this module, on mongoengine's connection.
"""

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from models import MigrationRecord, memo
from models.base import utcnow
from weimin.core.timefmt import local_time
from weimin.store import audit, migration_lock

log = logging.getLogger(__name__)

WAIT_SECONDS = 60  # how long a run waits for another process's lock before it gives up
NUMBER = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Migration:
    """A numbered, idempotent, resumable change to stored documents."""

    number: str
    name: str
    doc: str
    run: Callable

    @property
    def title(self):
        return f"{self.number} {self.name}"


@dataclass(frozen=True)
class Outcome:
    """What a run did with one migration: "done" before, "ran", "failed" or "waiting"."""

    migration: Migration
    state: str
    record: dict | None


class Progress:
    """The running migration's counts, kept on its record; each report renews the lease."""

    def __init__(self, number, owner):
        self.number, self.owner = number, owner

    def add(self, **counts):
        """Add to the counts (e.g. scanned=500, changed=3); LockLost if the lease was lost."""
        migration_lock.renew(self.owner)
        incs = {f"counts.{key}": value for key, value in counts.items() if value}
        if incs:
            _records().update_one({"_id": self.number, "owner": self.owner}, {"$inc": incs})


def _records():
    return MigrationRecord._get_collection()


def in_order(migrations):
    """The migrations by number; ValueError for a malformed or repeated number or no docstring."""
    seen = set()
    for migration in migrations:
        if not NUMBER.match(migration.number):
            raise ValueError(f"migration number {migration.number!r}: expected 4 digits, e.g. 0007")
        if migration.number in seen:
            raise ValueError(f"migration {migration.number} is defined twice")
        if not (migration.doc or "").strip():
            raise ValueError(f"migration {migration.number} needs a docstring: what and why")
        seen.add(migration.number)
    return sorted(migrations, key=lambda m: m.number)


def records():
    """Every migration record, by number (one read)."""
    return {doc["_id"]: doc for doc in _records().find()}


def run_pending(migrations, wait_seconds=WAIT_SECONDS, sleep=time.sleep):
    """Run the pending migrations in number order; an Outcome for each migration.

    When every migration is recorded done this is one read and takes no lock. LockBusy when
    another process holds the lock for longer than wait_seconds.
    """
    ordered = in_order(migrations)
    known = records()
    if all(known.get(m.number, {}).get("status") == "done" for m in ordered):
        return [Outcome(m, "done", known[m.number]) for m in ordered]
    owner = migration_lock.new_owner()
    migration_lock.acquire(owner, wait_seconds, sleep)
    try:
        known = records()  # another process may have run some while this one waited
        outcomes, failed = [], False
        for migration in ordered:
            record = known.get(migration.number)
            if record and record.get("status") == "done":
                state = "done"
            elif failed:
                state = "waiting"
            else:
                record = _run_one(migration, owner)
                state = "ran" if record.get("status") == "done" else "failed"
                failed = state == "failed"
            outcomes.append(Outcome(migration, state, record))
    finally:
        migration_lock.release(owner)
        memo.forget()  # migrations write in bulk, past the signals that keep the memo true
    return outcomes


def _run_one(migration, owner):
    number = migration.number
    log.info("migration %s: running", migration.title)
    start = {"name": migration.name, "status": "running", "started_at": utcnow(), "owner": owner}
    _records().update_one(
        {"_id": number},
        {"$set": {**start, "counts": {}}, "$unset": {"finished_at": "", "error": ""},
         "$inc": {"attempts": 1}},
        upsert=True,
    )  # fmt: skip
    with audit.acting_as("system", f"migration {number}"):
        try:
            migration.run(Progress(number, owner))
        except BaseException as exc:
            _finish(number, owner, "failed", error=f"{type(exc).__name__}: {exc}"[:2000])
            log.exception("migration %s failed; the next run retries it", migration.title)
            if not isinstance(exc, Exception):  # an interrupt: recorded, then let through
                raise
        else:
            _finish(number, owner, "done")
        record = _records().find_one({"_id": number}) or {}
        if record.get("status") == "done":
            summary = f"migration {migration.title}: {counts_text(record.get('counts'))}"[:500]
            audit.record("bulk", MigrationRecord._get_collection_name(), number, summary=summary)
    return record


def _finish(number, owner, status, error=None):
    # Conditional on the owner: a process that took the lease over keeps its own record.
    sets = {"status": status, "finished_at": utcnow()}
    if error:
        sets["error"] = error
    _records().update_one({"_id": number, "owner": owner}, {"$set": sets})


def counts_text(counts):
    """The counts as "changed 3, scanned 120", or "nothing to change"."""
    return ", ".join(f"{key} {value}" for key, value in sorted((counts or {}).items())) or (
        "nothing to change"
    )


def describe(outcome):
    """One line about what a run did with a migration."""
    record = outcome.record or {}
    if outcome.state == "ran":
        text = f"done now ({counts_text(record.get('counts'))})"
    elif outcome.state == "done":
        text = f"done before ({local_time(record.get('finished_at'))})"
    elif outcome.state == "failed":
        text = f"FAILED: {record.get('error') or 'stopped'} — the next run retries it"
    else:
        text = "waiting: an earlier migration failed"
    return f"{outcome.migration.title}: {text}"


def status(migrations):
    """(number, name, state, record) for each migration, then for records the code lacks.

    A record left "running" by a process that no longer holds the lease is "interrupted":
    the next run finishes it.
    """
    known, lock = records(), migration_lock.holder()
    rows = []
    for migration in in_order(migrations):
        record = known.pop(migration.number, None)
        state = (record or {}).get("status", "pending")
        if state == "running" and not migration_lock.is_live(lock, record.get("owner")):
            state = "interrupted"
        rows.append((migration.number, migration.name, state, record))
    for number, record in sorted(known.items()):
        rows.append((number, record.get("name", ""), "not in this code", record))
    return rows
