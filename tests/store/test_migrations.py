"""The migration runner: order, records, idempotence, resuming after a failure, the lock."""

from datetime import timedelta

import pytest

from models import AuditEntry, MigrationLock, MigrationRecord
from models.base import utcnow
from weimin.store import migration_lock
from weimin.store.batches import batches, update_each
from weimin.store.db import database
from weimin.store.migration_lock import LEASE, LOCK_ID, LockBusy, LockLost
from weimin.store.migrations import Migration, in_order, run_pending, status


def things():
    return database()["things"]


def noting(calls, number, effect=None):
    """A migration that notes it ran in calls, then does effect(progress)."""

    def run(progress):
        calls.append(number)
        if effect:
            effect(progress)

    return Migration(number, f"step {number}", f"Step {number}, for the tests.", run)


def lock_held_by(owner, renewed_ago=timedelta(0)):
    at = utcnow() - renewed_ago
    MigrationLock._get_collection().insert_one(
        {"_id": LOCK_ID, "owner": owner, "taken_at": at, "renewed_at": at}
    )


def test_pending_migrations_run_in_number_order_and_are_recorded(app):
    calls = []
    todo = [noting(calls, "0003"), noting(calls, "0001", lambda p: p.add(scanned=5, moved=2)),
            noting(calls, "0002")]  # fmt: skip
    outcomes = run_pending(todo)
    assert calls == ["0001", "0002", "0003"]
    assert [(o.migration.number, o.state) for o in outcomes] == [
        ("0001", "ran"), ("0002", "ran"), ("0003", "ran")]  # fmt: skip
    first = MigrationRecord.objects.get(number="0001")
    assert (first.name, first.status, first.attempts) == ("step 0001", "done", 1)
    assert first.counts == {"scanned": 5, "moved": 2} and first.error is None
    assert first.started_at <= first.finished_at
    assert MigrationLock.objects.count() == 0  # released
    trail = AuditEntry.objects(action="bulk", collection="migrations", doc_id="0001").get()
    assert (trail.actor_kind, trail.summary) == (
        "system",
        "migration 0001 step 0001: moved 2, scanned 5",
    )


def test_a_second_run_runs_nothing_and_takes_no_lock(app):
    calls = []
    todo = [noting(calls, "0001"), noting(calls, "0002")]
    run_pending(todo)
    lock_held_by("another process")  # nothing pending: the lock is not even asked for
    outcomes = run_pending(todo, wait_seconds=0)
    assert calls == ["0001", "0002"]
    assert {o.state for o in outcomes} == {"done"}


def test_a_failure_stops_the_run_is_recorded_and_the_next_run_resumes_it(app):
    things().insert_many([{"_id": n, "old": True} for n in range(5)])
    attempts = []

    def modernise(progress):
        attempts.append(1)
        for batch in batches(things(), {"old": True}, {"_id": 1}, size=2):
            if len(attempts) == 1 and batch[0]["_id"] >= 2:
                raise RuntimeError("the store went away")
            updates = [({"_id": d["_id"], "old": True}, {"$set": {"old": False}}) for d in batch]
            progress.add(changed=update_each(things(), updates))

    calls = []
    todo = [noting(calls, "0001"), Migration("0002", "modernise", "Modernise.", modernise),
            noting(calls, "0003")]  # fmt: skip
    outcomes = run_pending(todo)
    assert [o.state for o in outcomes] == ["ran", "failed", "waiting"]
    assert calls == ["0001"]  # 0003 waits for 0002
    failed = MigrationRecord.objects.get(number="0002")
    assert failed.status == "failed" and failed.error == "RuntimeError: the store went away"
    assert failed.counts == {"changed": 2}
    assert things().count_documents({"old": True}) == 3
    assert MigrationLock.objects.count() == 0

    outcomes = run_pending(todo)
    assert [o.state for o in outcomes] == ["done", "ran", "ran"]
    assert calls == ["0001", "0003"]
    again = MigrationRecord.objects.get(number="0002")
    assert (again.status, again.attempts, again.error) == ("done", 2, None)
    assert again.counts == {"changed": 3}  # only what the first attempt left
    assert things().count_documents({"old": True}) == 0


def test_another_process_holding_the_lock_is_refused_after_the_wait(app):
    lock_held_by("web-2:4242:abcd")
    calls, naps = [], []
    with pytest.raises(LockBusy, match="web-2:4242:abcd"):
        run_pending([noting(calls, "0001")], wait_seconds=3, sleep=naps.append)
    assert calls == [] and len(naps) == 3
    assert MigrationLock.objects.get().owner == "web-2:4242:abcd"  # not taken from it
    assert MigrationRecord.objects.count() == 0


def test_a_run_waits_for_the_lock_and_then_runs(app):
    lock_held_by("web-2:4242:abcd")
    calls = []

    def other_process_finishes(seconds):
        MigrationLock.objects.delete()

    outcomes = run_pending([noting(calls, "0001")], sleep=other_process_finishes)
    assert calls == ["0001"] and outcomes[0].state == "ran"


def test_a_stale_lease_is_taken_over(app):
    lock_held_by("crashed:1:dead", renewed_ago=LEASE + timedelta(seconds=1))
    calls = []
    outcomes = run_pending([noting(calls, "0001")], wait_seconds=0)
    assert calls == ["0001"] and outcomes[0].state == "ran"
    assert MigrationLock.objects.count() == 0


def test_a_lease_just_short_of_stale_is_respected(app):
    lock_held_by("slow:1:live", renewed_ago=LEASE - timedelta(seconds=5))
    with pytest.raises(LockBusy):
        run_pending([noting([], "0001")], wait_seconds=0)


def test_progress_renews_the_lease_and_stops_when_it_was_taken_over(app):
    seen = []

    def steal(progress):
        lock = MigrationLock._get_collection()
        lock.update_one({"_id": LOCK_ID}, {"$set": {"renewed_at": utcnow() - LEASE}})
        progress.add(scanned=1)
        seen.append(lock.find_one()["renewed_at"] > utcnow() - timedelta(minutes=1))
        lock.update_one({"_id": LOCK_ID}, {"$set": {"owner": "thief"}})
        progress.add(scanned=1)

    outcomes = run_pending([Migration("0001", "steal", "Steal.", steal)])
    assert seen == [True]
    assert outcomes[0].state == "failed"
    assert LockLost.__name__ in MigrationRecord.objects.get(number="0001").error
    assert MigrationLock.objects.get().owner == "thief"  # the thief's lock is left alone


def test_status_lists_pending_done_interrupted_and_unknown(app):
    calls = []
    run_pending([noting(calls, "0001")])
    records = MigrationRecord._get_collection()
    records.insert_one({"_id": "0002", "name": "step 0002", "status": "running", "owner": "gone"})
    records.insert_one({"_id": "0009", "name": "from a newer version", "status": "done"})
    rows = status([noting(calls, "0001"), noting(calls, "0002"), noting(calls, "0003")])
    assert [(number, state) for number, _name, state, _record in rows] == [
        ("0001", "done"), ("0002", "interrupted"), ("0003", "pending"),
        ("0009", "not in this code")]  # fmt: skip
    migration_lock.take("gone")
    assert status([noting(calls, "0002")])[0][2] == "running"


@pytest.mark.parametrize(
    ("numbers", "message"),
    [(["0001", "0001"], "defined twice"), (["1"], "4 digits"), (["00a1"], "4 digits")],
)
def test_malformed_registries_are_refused(numbers, message):
    with pytest.raises(ValueError, match=message):
        in_order([noting([], n) for n in numbers])


def test_a_migration_without_a_docstring_is_refused():
    with pytest.raises(ValueError, match="docstring"):
        in_order([Migration("0001", "bare", "  ", lambda progress: None)])
