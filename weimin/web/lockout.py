"""The sign-in lockout: attempts are counted per attempted username before any password check.

An attempt is taken with one conditional write, so parallel requests cannot all slip under the
limit: at most MAX_FAILURES passwords are ever checked for a username while its lock lasts.
Unknown usernames are counted the same way, without creating users, so the answers and their
timing do not tell which usernames exist.
"""

import hashlib
import math
import unicodedata
from datetime import timedelta

from pymongo.errors import DuplicateKeyError

from models.base import utcnow
from models.sign_in_failure import SignInFailure
from weimin.store.db import conditional_write

MAX_FAILURES = 5
LOCK_MINUTES = 15
LOCK = timedelta(minutes=LOCK_MINUTES)


def _key(username):
    normalised = unicodedata.normalize("NFKC", username or "").strip().casefold()
    return hashlib.sha256(normalised.encode()).hexdigest()


def _minutes_left(record, now):
    return max(1, math.ceil((record["expires_at"] - now).total_seconds() / 60))


def take_attempt(username):
    """Count one attempt; 0 when its password may be checked, else the minutes the lock lasts."""
    key, now = _key(username), utcnow()
    records = SignInFailure._get_collection()
    with conditional_write():
        for _ in range(3):
            # Records are forgotten LOCK_MINUTES after the last counted attempt; the TTL monitor
            # runs once a minute, so an expired one is removed here rather than obeyed.
            records.delete_one({"_id": key, "expires_at": {"$lte": now}})
            try:
                records.find_one_and_update(
                    {"_id": key, "attempts": {"$lt": MAX_FAILURES}},
                    {"$inc": {"attempts": 1}, "$set": {"expires_at": now + LOCK}},
                    upsert=True,
                )
                return 0
            except DuplicateKeyError:
                # Either the record is at the limit (locked), or a parallel first attempt
                # inserted it a moment ago: then try again.
                locked = records.find_one(
                    {"_id": key, "attempts": {"$gte": MAX_FAILURES}, "expires_at": {"$gt": now}}
                )
                if locked:
                    return _minutes_left(locked, now)
    return LOCK_MINUTES


def clear(username):
    """Forget the attempts after a successful sign-in."""
    SignInFailure._get_collection().delete_one({"_id": _key(username)})
