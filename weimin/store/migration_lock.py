"""The lease that lets one process at a time run the data migrations.

The lock is one document (models/migration_lock.py). A process takes it with a conditional
upsert: the filter matches only a lock that is its own or whose lease ran out, so while another
process holds a live lease the upsert tries to insert a second document with the same _id and
fails with a duplicate key. Valid on MongoDB as it is; the embedded store, which matches and
writes in two steps, serialises it with conditional_write(). The lease is renewed on every
progress report of the running migration; it is compared with this process's clock, which is
why it is minutes long rather than seconds.
"""

import os
import socket
import uuid
from datetime import timedelta

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from models import MigrationLock
from models.base import utcnow
from weimin.core.timefmt import local_time
from weimin.store.db import conditional_write

# A lease not renewed for this long belongs to a process that died: it may be taken over.
LEASE = timedelta(minutes=10)
POLL_SECONDS = 1.0
LOCK_ID = "migrations"


class LockBusy(RuntimeError):
    """Another process is migrating; the message says which and since when."""


class LockLost(RuntimeError):
    """Another process took the lease over; this one must stop writing."""


def _locks():
    return MigrationLock._get_collection()


def new_owner():
    """A name for this run that no other process or run shares."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def take(owner):
    """Take the lock when it is free, ours or stale; False while another process holds it."""
    now = utcnow()
    free = {"$or": [{"owner": owner}, {"renewed_at": {"$lt": now - LEASE}}]}
    try:
        with conditional_write():
            _locks().find_one_and_update(
                {"_id": LOCK_ID, **free},
                {"$set": {"owner": owner, "taken_at": now, "renewed_at": now}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
            )
    except DuplicateKeyError:
        return False
    return True


def acquire(owner, wait_seconds, sleep):
    """Take the lock, polling for up to wait_seconds; LockBusy if it stays held."""
    waited = 0.0
    while not take(owner):
        if waited >= wait_seconds:
            held = _locks().find_one({"_id": LOCK_ID}) or {}
            raise LockBusy(
                f"another process is running the migrations ({held.get('owner', '?')}, "
                f"lease renewed {local_time(held.get('renewed_at'), '%Y-%m-%d %H:%M:%S')}); "
                f"try again when it is done — a lease not renewed for "
                f"{int(LEASE.total_seconds() // 60)} minutes is taken over"
            )
        sleep(POLL_SECONDS)
        waited += POLL_SECONDS


def renew(owner):
    """Extend this process's lease; LockLost when another process has taken it over."""
    with conditional_write():
        result = _locks().update_one(
            {"_id": LOCK_ID, "owner": owner}, {"$set": {"renewed_at": utcnow()}}
        )
    if not result.matched_count:
        raise LockLost("the migration lock was taken over by another process")


def release(owner):
    """Give the lock up, if it is still ours."""
    _locks().delete_one({"_id": LOCK_ID, "owner": owner})


def holder():
    """The lock document, or None when no process holds it."""
    return _locks().find_one({"_id": LOCK_ID})


def is_live(lock, owner):
    """True when lock is held by owner on a lease that has not run out."""
    if not lock or lock.get("owner") != owner or lock.get("renewed_at") is None:
        return False
    renewed = lock["renewed_at"]
    if renewed.tzinfo is None:  # a naive value is UTC, as the store keeps it
        renewed = renewed.replace(tzinfo=utcnow().tzinfo)
    return utcnow() - renewed < LEASE
