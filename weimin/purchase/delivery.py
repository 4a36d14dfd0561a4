"""Delivery of a contract: the first milestone paid when the project starts, the milestones
between paid on the street's action, acceptance (验收, by the street or a named third party), the
last milestone through the project's own subsidy step.

Money moves only through weimin.funds: a milestone before the last is a ledger disbursement from
the fund the subsidy step would choose (weimin.funds.subsidy); the last one *is* that step.
"""

from flask_babel import gettext as _

from models import LedgerEntry
from models.base import TZ
from weimin.core.money import decimal
from weimin.demands import transitions
from weimin.demands.errors import TransitionError
from weimin.funds import ledger, subsidy
from weimin.purchase import milestones, saving


def start(contract, fund, actor, now):
    """The undertaker starts: the project is implementing and the first milestone is paid
    (unless it is the only one, which is paid after acceptance)."""
    demand = contract.demand
    if demand.status == "approved":
        demand = transitions.apply(demand, "implement", actor, at=now)
    first = contract.milestones[0]
    if (
        milestones.when(0, len(contract.milestones)) != milestones.ON_START
        or first.status == "paid"
    ):
        return contract
    return _pay(contract, 0, demand, fund, actor, now)


def pay_next(contract, fund, actor, now):
    """The street pays the next milestone between the first and the last (its own action)."""
    index = milestones.next_on_action(contract)
    if index is None:
        message = _("No milestone is due now: start the project first, or all are paid.")
        raise TransitionError(_("The payment could not be made."), {"milestones": [message]})
    return _pay(contract, index, contract.demand, fund, actor, now)


def _pay(contract, index, demand, fund, actor, now):
    """Pay milestone `index` from the fund chosen as the subsidy step would (a ledger entry)."""
    milestone = contract.milestones[index]
    choice = _choice(demand, fund)
    try:
        entry = ledger.append(
            choice.fund, "disbursement", decimal(milestone.amount), actor,
            value_date=now.astimezone(TZ).date(), demand=demand, allocation=choice.allocation,
            key=f"purchase:{contract.pk}:{index}",
            purpose=_("%(name)s of project %(ticket)s", name=milestone.name,
                      ticket=demand.ticket_no),
        )  # fmt: skip
    except ledger.LedgerError as exc:
        raise TransitionError(_("The payment could not be made."), exc.errors) from None
    milestone.status, milestone.payment, milestone.paid_at = "paid", entry, now
    saving.save(contract, "pay_milestone")
    return contract


def accept(contract, score, passed, inspector, actor, now):
    """Record the acceptance (验收) and its evaluation score (0–100); it feeds the rating."""
    errors = {}
    try:
        value = int(str(score).strip())
    except ValueError:
        value = None
    if value is None or not 0 <= value <= 100:
        errors["acceptance_score"] = [_("Enter a whole number from 0 to 100.")]
    demand = contract.demand
    if demand.status == "implementing":
        demand = transitions.apply(demand, "inspect", actor, at=now)
    if demand.status != "inspecting":
        errors["demand"] = [_("The project is not awaiting acceptance.")]
    if errors:
        raise TransitionError(_("The acceptance was not recorded."), errors)
    transitions.apply(demand, "pass" if passed else "fail", actor, at=now)
    contract.acceptance_score, contract.acceptance_passed = value, bool(passed)
    contract.inspector = (inspector or "").strip()[:100] or None
    contract.accepted_at = now if passed else None
    saving.save(contract, "accept" if passed else "fail_acceptance")
    return contract


def pay_final(contract, fund, actor, now):
    """The final payment: the project's subsidy step (release_subsidy) for what is left."""
    milestone = contract.milestones[-1]
    if milestone.status == "paid":
        return contract
    if any(m.status != "paid" for m in contract.milestones[:-1]):
        message = _("Pay the earlier milestones first.")
        raise TransitionError(_("The payment could not be made."), {"milestones": [message]})
    demand = transitions.apply(
        contract.demand, "release_subsidy", actor, at=now, subsidy=decimal(milestone.amount),
        fund=fund,
    )  # fmt: skip
    milestone.status, milestone.paid_at = "paid", now
    milestone.payment = _last_payment(demand)
    saving.save(contract, "pay_milestone")
    return contract


def _last_payment(demand):
    return LedgerEntry.objects(demand=demand.pk, kind="disbursement").order_by("-id").first()


def _choice(demand, fund):
    options = subsidy.choices(demand)
    if fund is None:
        chosen = subsidy.default(options)
    else:
        chosen = next((c for c in options if c.fund.pk == getattr(fund, "pk", fund)), None)
    if chosen is None:
        message = _("No open fund may pay for this project; set up the street's fiscal fund.")
        raise TransitionError(_("The payment could not be made."), {"fund": [message]})
    return chosen
