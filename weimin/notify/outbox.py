"""Writing messages into the outbox (idempotent by key) and reading a person's messages."""

from flask import current_app
from pymongo.errors import DuplicateKeyError

from models import OutboxMessage
from models.base import utcnow


def post(messages, now=None):
    """Store each message unless its key is already there; the ids of those newly stored.

    Called before the event's own write: if the process dies in between, the sender finds
    the event missing and cancels the message (weimin.notify.sending.happened).
    """
    now = now or utcnow()
    collection = OutboxMessage._get_collection()
    new, limit = [], current_app.config["NOTIFY_MAX_ATTEMPTS"]
    for message in messages:
        message.created_at = message.updated_at = now
        message.next_attempt_at, message.limit = now, limit
        message.validate()
        raw = message.to_mongo()  # a SON, inserted as it is
        raw.pop("_id", None)
        if message.channel == "inbox":  # shown in the back office: nothing to send
            raw.update(status="sent", sent_at=now, next_attempt_at=None)
        try:  # the unique index on key keeps one message per event: no read before
            new.append(collection.insert_one(raw).inserted_id)
        except DuplicateKeyError:  # a retried event, or a parallel post of it, wrote it first
            continue
    return new


def withdraw(ids):
    """Remove messages whose event was not written after all (the write failed)."""
    if ids:
        OutboxMessage._get_collection().delete_many({"_id": {"$in": list(ids)}, "attempts": 0})


def messages_for_demand(demand):
    """What the resident of `demand` was sent, oldest first (for the follow page)."""
    return list(
        OutboxMessage.objects(demand=demand.pk, recipient_kind="resident", status__ne="cancelled")
        .order_by("created_at")
        .only("event", "text", "link", "status", "created_at", "sent_at")
    )


def messages_for_volunteer(volunteer, limit=50):
    """A volunteer's own messages, newest first (for /me/messages)."""
    return list(
        OutboxMessage.objects(volunteer=volunteer.pk)
        .order_by("-created_at", "-id")
        .only("event", "text", "link", "status", "created_at", "sent_at", "ticket_no")
        .limit(limit)
    )
