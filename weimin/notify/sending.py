"""Handing messages to their sender: one attempt at a time, retried with exponential backoff.

An attempt first takes a lease on the message (one conditional update moves its next attempt
into the future), so two workers never send one message at once; a worker that dies holding
a lease leaves the message to the sweep once the lease runs out. Nothing is lost when a
sender is down: the message stays `failed` with its error and its next attempt, and after
NOTIFY_MAX_ATTEMPTS it is `gave_up` (a retry from the admin gives it more attempts).
"""

from datetime import timedelta

from flask import current_app
from pymongo import ReturnDocument

from models import Demand, OutboxMessage, ServiceRecord
from models.base import utcnow
from weimin.notify.senders import SendError, configured_channels, sender_for
from weimin.store import audit

LEASE = timedelta(minutes=5)
# A message is written before its event; an event not stored after this long never will be.
GRACE = timedelta(minutes=2)
WAIT_FOR_EVENT = 10  # seconds before looking again for an event not stored yet
RETRYABLE = ("pending", "failed")


def _ms(value):
    """The store keeps milliseconds: a value to match later must be cut to them first."""
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def backoff(attempts):
    """Seconds before the next attempt after `attempts` failed ones: doubled each time."""
    cfg = current_app.config
    base, cap = cfg["NOTIFY_BACKOFF_SECONDS"], cfg["NOTIFY_BACKOFF_MAX_SECONDS"]
    return min(base * 2 ** max(attempts - 1, 0), cap)


def happened(message):
    """The message's event is in the store (and a claim warning still applies)."""
    demands = Demand._get_collection()
    if message.event == "received":
        return demands.find_one({"_id": message.demand}, {"_id": 1}) is not None
    if message.event in ("assigned", "answered"):
        found = {"_id": message.demand, "timeline.at": message.subject_at}
        return demands.find_one(found, {"_id": 1}) is not None
    if message.event == "claim_expiring":
        found = {"_id": message.demand, "status": "claimed", "deadline_at": message.subject_at}
        return demands.find_one(found, {"_id": 1}) is not None
    if message.event == "record_approved":
        found = {"_id": message.record, "status": "approved"}
        return ServiceRecord._get_collection().find_one(found, {"_id": 1}) is not None
    return True  # overdue: a fact about the deadline, true before anything was written


def _take(message_id, now):
    """Lease the message for one attempt; None when it is not due or someone else has it."""
    lease = _ms(now + LEASE)
    raw = OutboxMessage._get_collection().find_one_and_update(
        {"_id": message_id, "status": {"$in": RETRYABLE}, "next_attempt_at": {"$lte": now}},
        {"$set": {"next_attempt_at": lease}},
        return_document=ReturnDocument.AFTER,
    )
    return (OutboxMessage._from_son(raw), lease) if raw else (None, lease)


def _settle(message, lease, now, **values):
    """End the attempt: write its outcome, if the lease is still ours."""
    values["updated_at"] = now
    OutboxMessage._get_collection().update_one(
        {"_id": message.pk, "next_attempt_at": lease}, {"$set": values}
    )


def deliver(message_id, now=None):
    """Make one attempt at sending a message; seconds until the next one, or None when done.

    Also None when no sender is configured for the channel: the message stays pending and
    the sweep hands it over once one is.
    """
    now = now or utcnow()
    message, lease = _take(message_id, now)
    if message is None:
        return None
    sender = sender_for(message.channel)
    if sender is None:
        _settle(message, lease, now, next_attempt_at=_ms(now))
        return None
    if not happened(message):
        if now - message.created_at < GRACE:
            _settle(message, lease, now, next_attempt_at=_ms(now))
            return WAIT_FOR_EVENT
        _settle(message, lease, now, status="cancelled", next_attempt_at=None)
        return None
    attempts = message.attempts + 1
    try:
        sender.send(message)
    except SendError as exc:
        error = str(exc)[:500]
        if attempts >= message.limit:
            _settle(message, lease, now, status="gave_up", attempts=attempts,
                    last_error=error, next_attempt_at=None)  # fmt: skip
            return None
        delay = backoff(attempts)
        _settle(message, lease, now, status="failed", attempts=attempts, last_error=error,
                next_attempt_at=_ms(now + timedelta(seconds=delay)))  # fmt: skip
        return delay
    _settle(message, lease, now, status="sent", attempts=attempts, sent_at=now,
            next_attempt_at=None)  # fmt: skip
    return None


def due(now=None, limit=500):
    """Ids of messages whose next attempt has come, on channels that have a sender."""
    now = now or utcnow()
    channels = configured_channels()
    if not channels:
        return []
    query = {"status": {"$in": list(RETRYABLE)}, "next_attempt_at": {"$lte": now}}
    found = OutboxMessage._get_collection().find(query, {"channel": 1}).limit(limit * 4)
    return [raw["_id"] for raw in found if raw.get("channel") in channels][:limit]


def queue(ids, countdown=0):
    """Hand new messages to the workers when their channel has a sender (jobs registers how)."""
    if not ids:
        return
    send = current_app.extensions.get("notify_queue")
    if send is not None and configured_channels():
        send([str(i) for i in ids], countdown)


def retry(message, now=None):
    """A failed (or given up) message gets NOTIFY_MAX_ATTEMPTS more attempts from now; audited.

    True when this call did it (a message sent or retried meanwhile is left alone)."""
    now = now or utcnow()
    more = current_app.config["NOTIFY_MAX_ATTEMPTS"]
    done = OutboxMessage._get_collection().update_one(
        {"_id": message.pk, "status": {"$in": ["failed", "gave_up"]}},
        {"$set": {"status": "pending", "limit": (message.attempts or 0) + more,
                  "next_attempt_at": _ms(now), "updated_at": now}},
    )  # fmt: skip
    if done.modified_count:
        changes = {"status": {"before": message.status, "after": "pending"}}
        audit.record("update", "outbox_messages", message.pk, changes, street=message.street,
                     subject=message.key[:200], summary="retry")  # fmt: skip
        queue([message.pk])
    return bool(done.modified_count)
