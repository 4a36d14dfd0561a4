"""Notifications as an outbox: events become messages in the same write path as the event,
and the senders (weimin.notify.senders) take them from there through a Celery task.

The event sites call the functions below: intake (received), the lifecycle transitions
(assigned, answered), the deadline watch (overdue, claim expiring) and the approval of service
hours (record approved). Each writes its messages *before* the event's own write with a natural
key: a retried event finds its messages there, and a message whose event was never written is
cancelled by the sender (sending.happened).
"""

from datetime import timedelta

from flask import current_app, has_app_context

from weimin.notify import events
from weimin.notify.outbox import messages_for_demand, messages_for_volunteer, post, withdraw
from weimin.notify.sending import queue

__all__ = [
    "demand_received",
    "messages_for_demand",
    "messages_for_volunteer",
    "overdue",
    "claim_expiring",
    "claim_warning",
    "record_staged",
    "transition_staged",
    "queue",
    "withdraw",
]

# A demand is saved by its caller after intake: give it a moment before the first attempt.
AFTER_INTAKE = 5


def _in_app():
    """Messages belong to an app (its channel, its signed links); code run outside one, such
    as a test building records, writes none."""
    return has_app_context()


def demand_received(demand):
    """Write the resident's receipt message; intake calls it before the demand is saved."""
    if _in_app():
        queue(post(events.received(demand)), AFTER_INTAKE)


def transition_staged(demand, action, step, rev, params, deadline):
    """Messages of a step about to be written; their ids, to queue or withdraw."""
    if not _in_app():
        return []
    return post(events.for_transition(demand, action, step, rev, params, deadline))


def overdue(demand):
    if _in_app():
        queue(post(events.overdue(demand)))


def claim_warning():
    """How long before its deadline a claim counts as expiring."""
    hours = current_app.config["NOTIFY_CLAIM_WARNING_HOURS"] if _in_app() else 48
    return timedelta(hours=hours)


def claim_expiring(wish):
    if _in_app():
        queue(post(events.claim_expiring(wish)))


def record_staged(record, person, hours):
    """Messages of an approval about to be written (`record`: the raw stored record)."""
    if not _in_app():
        return []
    return post(events.record_approved(record, person, hours))
