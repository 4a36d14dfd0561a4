"""When did a demand stored before `overdue_at` existed become overdue? Its timeline says.

Records of that time kept only the `overdue` flag and the deadline now in force. The deadlines
that escalations, claims and releases replaced are worked out again by replaying the timeline
with the street's deadline rules (a step that stored its own deadline is taken as stored); the
first one that passed while the demand was open is the instant it became overdue.
"""

import logging

from models import Demand
from models.demand import left_at
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.timeliness import past_deadline

log = logging.getLogger(__name__)
BATCH = 500
NEEDS = {"overdue_at": None, "$or": [{"overdue": True}, {"escalations": {"$gt": 0}},
                                     {"claim_expiries": {"$gt": 0}}]}  # fmt: skip


def initial_level(demand, rules):
    """The level it was received at: as many steps below today's as it was escalated."""
    order = rules.params.escalation
    level = demand.handling_level
    if level not in order:
        return level
    return order[max(order.index(level) - (demand.escalations or 0), 0)]


def replaced_deadline(demand, step, level, rules):
    """The deadline a timeline step put in force, and the level after it (None: unchanged)."""
    if step.deadline_at is not None:
        level = rules.next_level(level) if step.action == "escalate" else level
        return step.deadline_at, level
    if step.action == "escalate":
        level = rules.next_level(level)
        return rules.work_deadline(demand.item, level, step.at, own_days=False), level
    if step.action == "claim":
        return rules.fulfil_deadline(step.at), level
    if step.action == "release":
        return rules.claim_window_end(demand.item, step.at), level
    return None, level


def first_overdue(demand, rules):
    """The first deadline that passed while `demand` was open, replayed from its timeline."""
    level = initial_level(demand, rules)
    if demand.kind == "wish":
        deadline = rules.claim_window_end(demand.item, demand.received_at)
    else:
        deadline = rules.work_deadline(demand.item, level, demand.received_at)
    for step in sorted(demand.timeline, key=lambda s: s.at)[1:]:
        new, level = replaced_deadline(demand, step, level, rules)
        if new is None:
            continue
        if past_deadline(deadline, step.at):
            return deadline
        deadline = new
    left = left_at(demand.rejected_at, demand.closed_at)
    final = demand.deadline_at or deadline
    if left is not None:
        return final if past_deadline(final, left) else None
    return final if demand.overdue else None  # still open: the watch saw this one pass


def backfill_overdue_at(on_batch=None):
    """Give every stored demand that became overdue its `overdue_at`; how many were set.

    Resumable: a demand that has its instant no longer matches, so a new run goes on.
    `on_batch(scanned, changed)` hears of each batch.
    """
    rules, counts, after = {}, {"set": 0, "fallback": 0}, None
    while True:
        query = Demand.objects(__raw__=NEEDS)
        batch = list((query.filter(id__gt=after) if after else query).order_by("id").limit(BATCH))
        if not batch:
            break
        changed = counts["set"]
        for demand in batch:
            street = demand.street.pk
            rules.setdefault(street, DeadlineRules.current(demand.street))
            since = first_overdue(demand, rules[street])
            if since is None and demand.overdue:
                since = demand.deadline_at or demand.updated_at  # the flag says so; best known
                counts["fallback"] += 1
            if since is not None:
                Demand.objects(pk=demand.pk, overdue_at=None).update_one(
                    set__overdue_at=since, set__overdue=True
                )
                counts["set"] += 1
        after = batch[-1].pk
        if on_batch:
            on_batch(len(batch), counts["set"] - changed)
    if counts["fallback"]:
        log.warning("%d overdue demands took their deadline now in force", counts["fallback"])
    return counts
