"""The 微项目 subsidy step (拨付补助) pays from a fund: which funds may pay, and the payment.

The payment is written first, keyed by the demand and the revision it is paid from, so a
retried or concurrent release writes at most one; the demand's conditional update follows.
When that update loses, the payment is reversed, so money and status never disagree.
"""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _

from models import Demand, Fund, LedgerEntry
from models.base import TZ
from models.references import ref_id
from weimin.core.money import decimal, yuan
from weimin.demands.errors import Conflict, TransitionError, changed
from weimin.funds import checks, ledger

# Funds are offered in this order: the community's own before the street's, fiscal first.
KIND_ORDER = {"fiscal": 0, "named": 1, "crowd": 2}


@dataclass(frozen=True)
class Choice:
    """A fund that may pay the subsidy, the allocation it pays against (if any), and how much
    it can pay now."""

    fund: Fund
    allocation: LedgerEntry | None
    limit: Decimal


def choices(demand):
    """The open funds of the demand's community and street that may pay for it."""
    community = ref_id(demand, "community")
    funds = [
        f
        for f in Fund.objects(street=ref_id(demand, "street"), status="open")
        if ref_id(f, "community") in (community, None)
    ]
    funds.sort(key=lambda f: (ref_id(f, "community") is None, KIND_ORDER[f.kind], f.name))
    allocations = _allocations(demand)
    found = []
    for fund in funds:
        allocation = allocations.get(fund.pk)
        if allocation is not None:
            found.append(Choice(fund, allocation[0], allocation[1]))
        elif fund.kind != "crowd" and not _refused(fund, demand):
            found.append(Choice(fund, None, max(fund.available, Decimal("0.00"))))
    return found


def default(options):
    """The fiscal fund (the community's, else the street's), else the first that may pay."""
    fiscal = [c for c in options if c.fund.kind == "fiscal"]
    return (fiscal or options or [None])[0]


def offered(demand):
    """(fund id, label) of the funds that may pay, the default one first: the form's choices."""
    options = choices(demand)
    first = default(options)
    ordered = [first, *(c for c in options if c is not first)] if first else []
    return [(str(c.fund.pk), _label(c)) for c in ordered]


def _label(choice):
    if choice.allocation is not None:
        text = _("%(name)s: %(amount)s yuan left of its allocation to this project")
    else:
        text = _("%(name)s: %(amount)s yuan available")
    return text % {"name": choice.fund.name, "amount": yuan(choice.limit)}


def pay(demand, fund, amount, actor, now):
    """Write the subsidy's disbursement from `fund` (None: the default); returns the entry."""
    choice = _chosen(choices(demand), fund)
    try:
        entry = ledger.append(
            choice.fund, "disbursement", amount, actor, value_date=now.astimezone(TZ).date(),
            demand=demand, allocation=choice.allocation, key=key(demand),
            purpose=_("Subsidy of micro-project %(ticket)s", ticket=demand.ticket_no),
        )  # fmt: skip
    except ledger.LedgerError as exc:
        errors = {}
        for field, messages in exc.errors.items():
            errors.setdefault("subsidy" if field == "amount" else "fund", []).extend(messages)
        raise TransitionError(_("The subsidy could not be paid."), errors) from None
    if ref_id(entry, "fund") != choice.fund.pk or decimal(entry.amount) != amount:
        raise Conflict(changed())  # another release from this revision paid first
    return entry


def undo(entry, demand, actor):
    """The demand's update did not go through: reverse the payment, unless the release that
    did go through from the same revision carries it."""
    steps = (Demand._get_collection().find_one({"_id": demand.pk}, {"timeline": 1}) or {}).get(
        "timeline"
    ) or []
    after = len(demand.timeline)
    if len(steps) > after and steps[after].get("action") == "release_subsidy":
        return None
    note = _("Reversed automatically: the project changed while its subsidy was being paid.")
    return ledger.reverse(entry, actor, note, key=f"{entry.key}:undo")


def paid_for(demand):
    """[(fund name, amount)] of the unreversed payments made for this demand."""
    payments = list(LedgerEntry.objects(demand=demand.pk, kind="disbursement").order_by("id"))
    undone = checks.reversed_ids(p.pk for p in payments)
    return [(p.fund_label(), yuan(decimal(p.amount))) for p in payments if p.pk not in undone]


def key(demand):
    """One payment per demand revision: a retry or a second click writes nothing more."""
    return f"subsidy:{demand.pk}:{demand.rev or 0}"


def _chosen(options, fund):
    if fund is None:
        choice = default(options)
        if choice is None:
            message = _("No open fund may pay for this project; set up the street's fiscal fund.")
            raise TransitionError(_("The subsidy could not be paid."), {"fund": [message]})
        return choice
    for choice in options:
        if choice.fund.pk == getattr(fund, "pk", fund):
            return choice
    message = _("Choose one of the funds that may pay for this project.")
    raise TransitionError(_("The subsidy could not be paid."), {"fund": [message]})


def _refused(fund, demand):
    errors = {}
    checks.target_errors(fund, demand, errors)
    return bool(errors)


def _allocations(demand):
    """fund id -> (allocation, what is left of it) for this demand's live allocations."""
    found = {}
    allocations = list(LedgerEntry.objects(demand=demand.pk, kind="allocation").order_by(
        "fund", "seq", "id"))  # fmt: skip
    remaining = checks.allocations_left(allocations)
    for allocation in allocations:
        left = remaining[allocation.pk]
        best = found.get(ref_id(allocation, "fund"))
        if left > 0 and (best is None or left > best[1]):
            found[ref_id(allocation, "fund")] = (allocation, left)
    return found
