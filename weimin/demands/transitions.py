"""Apply one lifecycle action to a demand: validate, then one atomic conditional update."""

from decimal import Decimal, InvalidOperation

from bson import Decimal128
from flask_babel import gettext as _

from models import Demand
from models.base import utcnow
from models.demand import Evaluation, Transition
from weimin.demands import deadlines
from weimin.demands.lifecycle import ACTIONS, CLOSING, RESPONDING, available_actions, target_status
from weimin.store import audit
from weimin.store.db import conditional_write

DEFAULT_CLAIM_LIMIT = 3


class TransitionError(ValueError):
    """The action cannot be taken; `errors` maps fields to messages."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class Conflict(RuntimeError):
    """Someone else changed the demand first; nothing was written."""


def _money(value, field, errors, cap=None):
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = [_("Enter an amount in yuan.")]
        return None
    if amount <= 0:
        errors[field] = [_("The amount must be more than 0.")]
    elif cap is not None and amount > cap:
        errors[field] = [_("The amount exceeds the item's cap of %(cap)s yuan.", cap=cap)]
    return Decimal128(amount)


def _effects(demand, action, note, params, now, errors):
    """The $set/$unset/$inc documents this action writes."""
    sets, unsets, incs = {}, {}, {}
    street = demand.street
    org, volunteer = params.get("organisation"), params.get("volunteer")
    if action in ("assign", "transfer", "claim"):
        if not (org or volunteer):
            errors["assignee"] = [_("Choose an organisation or a volunteer.")]
        sets["assigned_org"] = org.pk if org else None
        sets["assigned_volunteer"] = volunteer.pk if volunteer else None
    if action == "claim" and volunteer is not None:
        limit = params.get("claim_limit") or DEFAULT_CLAIM_LIMIT
        held = Demand.objects(kind="wish", status="claimed", assigned_volunteer=volunteer).count()
        if held >= limit:
            errors["volunteer"] = [_("At most %(n)d wishes may be claimed at once.", n=limit)]
        sets["deadline_at"] = deadlines.fulfil_deadline(street, now)
    if action == "release":
        unsets.update(assigned_org=1, assigned_volunteer=1)
        sets["deadline_at"] = deadlines.claim_window_end(demand.item, street, now)
    if action in ("reject", "fail", "transfer") and not (note or "").strip():
        errors["note"] = [_("Give a reason.")]
    if action == "reject":
        sets.update(rejected_at=now, reject_reason=note)
    if action == "escalate":
        level = deadlines.next_level(demand.handling_level)
        if level == demand.handling_level:
            errors["handling_level"] = [_("Already at the highest handling level.")]
        sets["handling_level"] = level
        sets["deadline_at"] = deadlines.work_deadline(demand.item, level, street, now, False)
        incs["escalations"] = 1
    if action == "approve":
        cap = demand.item.subsidy_max
        sets["subsidy_amount"] = _money(params.get("subsidy"), "subsidy", errors, cap)
    if action == "release_subsidy":
        amount = params.get("subsidy", demand.subsidy_amount)
        sets["subsidy_released"] = _money(amount, "subsidy", errors, demand.subsidy_amount)
        sets["subsidy_released_at"] = now
    if action == "evaluate":
        evaluation = params.get("evaluation")
        if demand.evaluation is not None:
            errors["evaluation"] = [_("This demand has already been evaluated.")]
        elif not isinstance(evaluation, Evaluation):
            errors["evaluation"] = [_("Choose the satisfaction and whether it was resolved.")]
        else:
            evaluation.validate()
            sets["evaluation"] = evaluation.to_mongo()
    if action == CLOSING[demand.kind]:
        sets["closed_at"] = now
    if action in RESPONDING and demand.first_response_at is None:
        sets["first_response_at"] = now
    return sets, unsets, incs


def apply(demand, action, actor, note=None, **params):
    """Take `action` on `demand` as `actor`; returns the reloaded demand."""
    if action not in available_actions(demand):
        raise TransitionError(
            _(
                "“%(action)s” is not possible in the current status.",
                action=ACTIONS.get(action, action),
            ),
            {"action": [_("Not allowed now.")]},
        )
    now = params.pop("at", None) or utcnow()
    errors = {}
    sets, unsets, incs = _effects(demand, action, note, params, now, errors)
    if errors:
        raise TransitionError(_("The action could not be taken."), errors)
    to_status = target_status(demand, action)
    sets.update(status=to_status, updated_at=now)
    step = Transition(
        at=now,
        actor=actor,
        action=action,
        from_status=demand.status,
        to_status=to_status,
        note=(note or "").strip() or None,
    )
    update = {"$set": sets, "$inc": {"rev": 1, **incs}, "$push": {"timeline": step.to_mongo()}}
    if unsets:
        update["$unset"] = unsets
    with conditional_write():
        result = Demand._get_collection().update_one(
            {"_id": demand.pk, "rev": demand.rev, "status": demand.status}, update
        )
    if result.matched_count != 1:
        raise Conflict(_("The record was changed by someone else; reload and try again."))
    before = {key: demand.to_mongo().get(key) for key in sets}
    audit.record(
        "update",
        "demands",
        demand.pk,
        audit.diff(before, sets),
        street=demand.street.pk,
        summary=action,
    )
    demand.reload()
    return demand
