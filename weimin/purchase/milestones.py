"""Payment milestones: the call's plan, its split of a contract amount to the fen, and which
milestone is paid when.

The first milestone is paid when the project starts, the last after acceptance (through the
project's own subsidy step), each one between when the street pays it on the contract's page.
A call with a single milestone pays it all after acceptance.
"""

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from models.purchase_call import default_milestones
from weimin.core.money import FEN

# When each milestone is paid, by its place in the plan.
ON_START, ON_ACTION, ON_ACCEPTANCE = "start", "action", "acceptance"
WHEN = {
    ON_START: _l("When the project starts"),
    ON_ACTION: _l("When the street pays it"),
    ON_ACCEPTANCE: _l("After acceptance"),
}


def plan(call):
    """[(name, share in percent)] of the call; a call stored before calls had a plan: 30/70."""
    return [(m.name, m.share) for m in (call.milestones or default_milestones())]


def split(amount, shares):
    """Each milestone's amount: its share of `amount` rounded half up to the fen; the last one
    takes what is left, so the amounts add up to `amount` exactly."""
    amount = Decimal(amount)
    first = [(amount * Decimal(s) / 100).quantize(FEN, ROUND_HALF_UP) for s in shares[:-1]]
    return [*first, amount - sum(first, Decimal("0.00"))]


def when(index, count):
    """When the milestone at `index` of `count` is paid (ON_START, ON_ACTION, ON_ACCEPTANCE)."""
    if index == count - 1:
        return ON_ACCEPTANCE
    return ON_START if index == 0 else ON_ACTION


def next_on_action(contract):
    """Index of the milestone the street pays next by its own action, or None.

    Due once the project has started (the first milestone paid), in order, before the last."""
    milestones = contract.milestones or []
    if not milestones or milestones[0].status != "paid":
        return None
    count = len(milestones)
    due = (
        i for i, m in enumerate(milestones) if when(i, count) == ON_ACTION and m.status != "paid"
    )
    return next(due, None)
