"""A 不满意 or 未解决 evaluation does not end the case: the demand is sent back for rework.

The evaluated demand keeps its close and its evaluation, so the month it was closed in counts
it as closed and evaluated as RULES.md says (a past month's figures never change). The rework
is a demand of its own (`follow_up_of`), received at the moment of the evaluation with its own
deadline on the working-day calendar: it is open work of the month it is sent back in, until
it is closed and evaluated in turn.
"""

from bson import ObjectId

from models import Demand
from models.demand import Transition
from weimin.demands.intake import admit
from weimin.demands.tickets import next_ticket_no
from weimin.store import audit
from weimin.store.db import conditional_write

REWORKED = ("affair", "wish")  # a project's acceptance (验收) is its own check
REWORK_STATUS = {"affair": "reworking"}  # a wish goes back to the wall
SENT_BACK = "重新办理：{ticket}"
FOLLOWS = "重新办理：原诉求 {ticket}"


def unhappy(evaluation):
    return evaluation is not None and (
        evaluation.satisfaction == "dissatisfied" or not evaluation.resolved
    )


def sends_back(demand):
    """The evaluation just recorded sends the demand back for rework."""
    return (
        demand.kind in REWORKED
        and demand.status == "evaluated"
        and demand._data.get("follow_up") is None
        and unhappy(demand.evaluation)
    )


def follow_up_for(demand, actor, now, rules):
    """The rework of `demand`, admitted at `now` like a new demand; not saved."""
    fields = ("item", "street", "community", "resident_name", "resident_phone")
    rework = Demand(
        **{name: getattr(demand, name) for name in fields},
        resident_address=demand.resident_address,
        channel=demand.channel,
        description=demand.description,
        values=dict(demand.values or {}),
        phone_tail=demand.phone_tail,
        follow_up_of=demand,
    )
    admit(rework, actor, now, rules)
    rework.status = REWORK_STATUS.get(demand.kind, rework.status)
    step = rework.timeline[0]
    step.action, step.to_status = "reopen", rework.status
    step.note = FOLLOWS.format(ticket=demand.ticket_no)
    rework.id = ObjectId()
    rework.ticket_no = next_ticket_no(demand.street, now)
    return rework


def reopen(demand, actor, now, rules):
    """Send `demand` back (status 重新办理) and take in its rework; returns the rework or None
    when someone else changed the demand first."""
    rework = follow_up_for(demand, actor, now, rules)
    step = Transition(
        at=now,
        actor=actor,
        action="reopen",
        from_status=demand.status,
        to_status="reopened",
        note=SENT_BACK.format(ticket=rework.ticket_no),
    )
    sets = {"status": "reopened", "follow_up": rework.id, "updated_at": now}
    with conditional_write():
        result = Demand._get_collection().update_one(
            {"_id": demand.pk, "rev": demand.rev, "status": demand.status},
            {"$set": sets, "$inc": {"rev": 1}, "$push": {"timeline": step.to_mongo()}},
        )
    if result.matched_count != 1:
        return None
    # Copied from a demand that was valid when taken in; its item may since have left the
    # street's catalogue, which must not stop the rework.
    rework.save(validate=False)
    before = {"status": demand.status, "follow_up": None}
    audit.record(
        "update",
        "demands",
        demand.pk,
        audit.diff(before, {"status": "reopened", "follow_up": rework.id}),
        street=demand.street.pk,
        summary="reopen",
    )
    demand.reload()
    return rework
