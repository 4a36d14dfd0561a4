"""Apply one lifecycle action to a demand: validate, then one atomic conditional update."""

from flask_babel import gettext as _

from models import Demand
from models.base import utcnow
from models.demand import Transition
from weimin.core.money import decimal, money
from weimin.demands import claims, rework
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.errors import Conflict, TransitionError
from weimin.demands.errors import changed as _changed
from weimin.demands.inputs import evaluation_errors, note_text, too_long
from weimin.demands.lifecycle import ACTIONS, CLOSING, RESPONDING, available_actions, target_status
from weimin.demands.timeliness import passed_deadline, past_deadline
from weimin.funds import subsidy
from weimin.notify import queue, transition_staged, withdraw
from weimin.store import audit
from weimin.store.db import conditional_write

__all__ = ["Conflict", "TransitionError", "apply", "plan", "replay"]

REASONS = {"reject": "reject_reason", "void": "void_reason"}
NEED_REASON = ("reject", "fail", "transfer", "void", "supervise")


def _street_pk(doc):
    street = doc._data.get("street")
    return getattr(street, "pk", getattr(street, "id", street))


def _assignee_errors(demand, org, volunteer, held, rules, errors):
    """The assignee must work in the demand's street; a volunteer holds at most the claim limit."""
    if not (org or volunteer):
        errors["assignee"] = [_("Choose an organisation or a volunteer.")]
    if org is not None and _street_pk(org) != _street_pk(demand):
        errors["organisation"] = [_("The organisation is in another street.")]
    if volunteer is not None and _street_pk(volunteer) != _street_pk(demand):
        errors["volunteer"] = [_("The volunteer is in another street.")]
    elif volunteer is not None and held is not None and held >= rules.claim_limit:
        errors["volunteer"] = [
            _("At most %(n)d wishes may be claimed at once.", n=rules.claim_limit)
        ]


def effects(demand, action, note, params, now, rules, errors, held=None):
    """The fields this action sets, unsets and increments, as field values (not stored forms).

    `held` is how many wishes the claiming volunteer holds now; the caller counts them.
    """
    sets, unsets, incs = {}, [], {}
    org, volunteer = params.get("organisation"), params.get("volunteer")
    if action in ("assign", "transfer", "claim"):
        if action == "claim" and volunteer is not None and held is None:
            raise ValueError("a claim by a volunteer needs the count of wishes they hold")
        _assignee_errors(demand, org, volunteer, held if action == "claim" else None, rules, errors)
        sets["assigned_org"], sets["assigned_volunteer"] = org, volunteer
    if action == "claim":
        sets["deadline_at"] = rules.fulfil_deadline(now)
    if action == "release":
        unsets += ["assigned_org", "assigned_volunteer"]
        sets["deadline_at"] = rules.claim_window_end(demand.item, now)
        if past_deadline(demand.deadline_at, now):
            incs["claim_expiries"] = 1  # released after the fulfilment deadline: a claim expired
    # A reject (void) note is also the demand's reject_reason (void_reason), which keeps less
    # than a timeline step.
    reason = REASONS.get(action)
    reason_limit = Demand._fields[reason].max_length if reason else None
    too_long(note, Transition, "note", "note", errors, reason_limit)
    if action in NEED_REASON and "note" not in errors and not note_text(note):
        errors["note"] = [_("Give a reason.")]
    if action == "reject":
        sets.update(rejected_at=now, reject_reason=note_text(note))
    if action == "void":
        sets.update(voided_at=now, void_reason=note_text(note))
    if action in ("merge", "link"):
        sets["duplicate_state"] = "merged" if action == "merge" else "linked"
    if action == "escalate":
        level = rules.next_level(demand.handling_level)
        if level == demand.handling_level:
            errors["handling_level"] = [_("Already at the highest handling level.")]
        sets["handling_level"] = level
        sets["deadline_at"] = rules.work_deadline(demand.item, level, now, own_days=False)
        incs["escalations"] = 1
    if action == "approve":
        cap = demand.item.subsidy_max
        sets["subsidy_amount"] = money(params.get("subsidy"), "subsidy", errors, cap)
    if action == "release_subsidy":
        amount = params.get("subsidy", decimal(demand.subsidy_amount))
        cap = demand.subsidy_amount
        sets["subsidy_released"] = money(amount, "subsidy", errors, cap)
        sets["subsidy_released_at"] = now
    if action == "evaluate":
        evaluation = params.get("evaluation")
        if demand.evaluation is not None:
            errors["evaluation"] = [_("This demand has already been evaluated.")]
        else:
            evaluation_errors(evaluation, errors)
            sets["evaluation"] = evaluation
    if action == "pass":
        sets["accepted_at"] = now
    if action == CLOSING[demand.kind]:
        sets["closed_at"] = now
    if action in RESPONDING and demand.first_response_at is None:
        sets["first_response_at"] = now
    if "deadline_at" in sets:
        became = passed_deadline(demand, sets["deadline_at"], now)
        if became is not None:  # the deadline it replaces passed first: keep that moment
            sets.update(overdue_at=became, overdue=True)
    return sets, unsets, incs


def _check_allowed(demand, action):
    if action not in available_actions(demand):
        raise TransitionError(
            _(
                "“%(action)s” is not possible in the current status.",
                action=ACTIONS.get(action, action),
            ),
            {"action": [_("Not allowed now.")]},
        )


def plan(demand, action, actor, note, now, rules, params, held=None):
    """Check the action and work out its effects and timeline step; nothing is written."""
    _check_allowed(demand, action)
    errors = {}
    sets, unsets, incs = effects(demand, action, note, params, now, rules, errors, held)
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
        note=note_text(note),
        deadline_at=sets.get("deadline_at"),
    )
    return sets, unsets, incs, step


def _stored(name, value):
    return None if value is None else Demand._fields[name].to_mongo(value)


def apply(demand, action, actor, note=None, at=None, rules=None, rev=None, **params):
    """Take `action` on `demand` as `actor` at `at` (default: now); returns the reloaded demand.

    `rev` is the revision the actor last saw: when the demand has moved on since, the action
    is a Conflict whatever it is, before any check of the action against the new status.
    """
    if rev is not None and rev != demand.rev:
        raise Conflict(_changed())
    now = at or utcnow()
    rules = rules or DeadlineRules.current(demand.street)
    claimant = params.get("volunteer") if action == "claim" else None
    held = claims.held(claimant) if claimant is not None else None
    sets, unsets, incs, step = plan(demand, action, actor, note, now, rules, params, held)
    stored = {name: _stored(name, value) for name, value in sets.items()}
    update = {"$set": stored, "$inc": {"rev": 1, **incs}, "$push": {"timeline": step.to_mongo()}}
    if unsets:
        update["$unset"] = dict.fromkeys(unsets, 1)
    if claimant is not None and not claims.take_slot(claimant, rules.claim_limit):
        message = _("At most %(n)d wishes may be claimed at once.", n=rules.claim_limit)
        raise TransitionError(_("The action could not be taken."), {"volunteer": [message]})
    payment = None
    if action == "release_subsidy":  # the money first; reversed below if the demand moved on
        payment = subsidy.pay(demand, params.get("fund"), sets["subsidy_released"], actor, now)
    staged, deadline = [], sets.get("deadline_at", demand.deadline_at)
    try:
        # The step's messages first (keyed by the revision it writes); withdrawn if it fails.
        staged = transition_staged(demand, action, step, demand.rev + 1, params, deadline)
        with conditional_write():
            result = Demand._get_collection().update_one(
                {"_id": demand.pk, "rev": demand.rev, "status": demand.status}, update
            )
        if result.matched_count != 1:
            raise Conflict(_changed())
    except BaseException:
        withdraw(staged)
        if claimant is not None:  # the claim was not written: its slot is free again
            claims.give_back(claimant)
        if payment is not None:
            subsidy.undo(payment, demand, actor)
        raise
    holder = demand._data.get("assigned_volunteer")  # a reference: no need to load it
    if demand.status == "claimed" and step.to_status != "claimed" and holder is not None:
        claims.give_back(holder)  # fulfilled or released (also by the expiry job)
    before = {key: demand.to_mongo().get(key) for key in stored}
    audit.record(
        "update",
        "demands",
        demand.pk,
        audit.diff(before, stored),
        street=demand.street.pk,
        summary=action,
    )
    queue(staged)
    demand.reload()
    if action == "evaluate" and rework.sends_back(demand):
        rework.reopen(demand, actor, now, rules)
    return demand


def replay(demand, action, actor, note=None, at=None, rules=None, held=None, **params):
    """Take `action` on an unsaved demand in memory, with exactly the effects `apply` writes.

    A volunteer's claim needs `held`, the caller's count of the wishes they hold at `at`.
    """
    sets, unsets, incs, step = plan(demand, action, actor, note, at, rules, params, held)
    for name, value in sets.items():
        setattr(demand, name, value)
    for name in unsets:
        setattr(demand, name, None)
    for name, count in incs.items():
        setattr(demand, name, (getattr(demand, name) or 0) + count)
    demand.rev = (demand.rev or 0) + 1
    demand.timeline.append(step)
    return demand
