"""The demo's outbox: the messages its last weeks of events produced, built by the same rules
(weimin.notify.events) as live events and bulk-inserted. No sender is configured in the demo,
so they wait as "pending" (back-office notices count as delivered)."""

from datetime import timedelta

from flask import current_app, has_app_context
from flask_babel import force_locale

from weimin.notify import claim_warning, events

DAYS = 14  # an outbox shows recent traffic; older messages would only slow the demo down


def _dated(messages, at):
    for message in messages:
        message.created_at = message.updated_at = message.next_attempt_at = at
        if message.channel == "inbox":
            message.status, message.sent_at, message.next_attempt_at = "sent", at, None
    return messages


def _of_demand(demand, since, now):
    found = []
    if demand.received_at >= since:
        found += _dated(events.received(demand), demand.received_at)
    assignees = {"organisation": demand.assigned_org, "volunteer": demand.assigned_volunteer}
    for rev, step in enumerate(demand.timeline):
        if step.at >= since and step.action in (*events.ASSIGNING, *events.ANSWERING):
            made = events.for_transition(demand, step.action, step, rev, assignees,
                                         demand.deadline_at)  # fmt: skip
            found += _dated(made, step.at)
    late = demand.deadline_at is not None and demand.deadline_at <= now
    if demand.is_open and demand.overdue and late and demand.deadline_at >= since:
        found += _dated(events.overdue(demand), demand.deadline_at)
    if demand.kind == "wish" and demand.status == "claimed" and not late:
        if demand.deadline_at - claim_warning() <= now:
            found += _dated(events.claim_expiring(demand), now)
    return found


def build_messages(demands, records, now, days=DAYS):
    """Unsaved OutboxMessages for the demo's events of the last `days` days."""
    if not has_app_context():  # as the live events: messages belong to an app
        return []
    since = now - timedelta(days=days)
    with force_locale(current_app.config["DEFAULT_LOCALE"]):  # once, not per message
        messages = [m for demand in demands for m in _of_demand(demand, since, now)]
        messages += _approvals(records, since)
    return messages


def _approvals(records, since):
    messages = []
    for record in records:
        if record.status == "approved" and record.decided_at and record.decided_at >= since:
            raw = {"_id": record.pk, "activity_name": record.activity_name,
                   "activity_date": record.activity_date, "street": record.street.pk,
                   "community": record.community.pk if record.community else None}  # fmt: skip
            made = events.record_approved(raw, record.volunteer, record.credited_hours)
            messages += _dated(made, record.decided_at)
    return messages
