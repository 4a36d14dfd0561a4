"""What each kind of ledger entry needs before it may be written: field-level messages.

These checks read the entry's own fields and the records it names; whether the fund can bear
the amount is decided by `figures.problem` against the state the entry is appended to.
"""

from flask_babel import gettext as _

from models import LedgerEntry
from models.base import local_today
from models.references import ref_id
from weimin.core.money import decimal
from weimin.funds.figures import ZERO

MONEY_OUT = ("allocation", "disbursement")


def fund_errors(fund, kind, errors):
    """A closed fund takes nothing; a frozen one pays nothing out."""
    if fund.status == "closed":
        errors["fund"] = [_("The fund is closed.")]
    elif fund.status == "frozen" and kind in MONEY_OUT:
        errors["fund"] = [_("The fund is frozen: nothing may be allocated or paid from it.")]


def date_errors(value_date, errors):
    if value_date is None:
        errors["value_date"] = [_("Enter the date.")]
    elif value_date > local_today():
        errors["value_date"] = [_("The date cannot be in the future.")]


def giver_errors(fields, kind, errors):
    if not (fields.get("donor") or "").strip():
        errors["donor"] = [_("Enter the donor's name.")]
    if kind == "pledge" and not fields.get("pledge_year"):
        errors["pledge_year"] = [_("Enter the year the pledge is for.")]
    if kind == "contribution" and not fields.get("channel"):
        errors["channel"] = [_("Choose how the money came in.")]


def pledge_errors(fund, pledge, errors):
    """A contribution paying a pledge: the fund's own, unreversed pledge."""
    if pledge is None:
        return
    if pledge.kind != "pledge" or ref_id(pledge, "fund") != fund.pk:
        errors["pledge"] = [_("Choose a pledge of this fund.")]
    elif reversed_already(pledge):
        errors["pledge"] = [_("That pledge was cancelled.")]


def target_errors(fund, demand, errors):
    """Money goes to a 微项目 or 微心愿 the fund may serve: its street (or community), the kinds
    and categories the fund allows."""
    if demand is None:
        errors["demand"] = [_("Choose the micro-project or micro-wish the money is for.")]
        return
    if demand.kind not in ("project", "wish"):
        errors["demand"] = [_("Funds pay for micro-projects and micro-wishes only.")]
    elif demand.rejected_at is not None or demand.uncounted:
        # A finished wish or project may still be paid for (先服务后拨付); a refused one not.
        errors["demand"] = [_("The demand was rejected, voided or merged: no money goes to it.")]
    elif ref_id(demand, "street") != ref_id(fund, "street"):
        errors["demand"] = [_("The demand is in another street.")]
    elif fund.community is not None and ref_id(demand, "community") != fund.community.pk:
        errors["demand"] = [_("This community fund pays for its own community only.")]
    elif fund.allowed_kinds and demand.kind not in fund.allowed_kinds:
        errors["demand"] = [_("The fund's restriction does not allow this kind of demand.")]
    elif fund.allowed_categories and ref_id(demand, "category") not in {
        c.pk for c in fund.allowed_categories
    }:
        errors["demand"] = [_("The fund's restriction does not allow this service category.")]


def reversal_errors(fund, target, note, errors):
    """A reversal undoes one entry of the same fund, once, with a reason."""
    if not (note or "").strip():
        errors["note"] = [_("Give a reason.")]
    if target is None or ref_id(target, "fund") != fund.pk:
        errors["reverses"] = [_("Choose an entry of this fund.")]
    elif target.kind == "reversal":
        errors["reverses"] = [_("A reversal cannot be reversed; record the entry again.")]
    elif reversed_already(target):
        errors["reverses"] = [_("This entry has already been reversed.")]
    elif target.kind == "allocation" and live_payments(target):
        errors["reverses"] = [_("Payments were made against this allocation; reverse them first.")]


def reversed_ids(ids):
    """The ids among `ids` whose entries have been reversed (one query)."""
    found = LedgerEntry.objects(reverses__in=list(ids)).only("reverses")
    return {ref_id(entry, "reverses") for entry in found}


def reversed_already(entry):
    return bool(reversed_ids([entry.pk]))


def live_payments(allocation):
    """Disbursements against the allocation that have not been reversed."""
    paid = [e.pk for e in LedgerEntry.objects(allocation=allocation.pk).only("id")]
    undone = reversed_ids(paid)
    return [pk for pk in paid if pk not in undone]


def allocations_left(allocations):
    """{allocation id: what is left of it to pay}: its amount less unreversed payments against
    it; nothing once the allocation itself is reversed. Three queries for any number."""
    ids = [a.pk for a in allocations]
    payments = list(LedgerEntry.objects(allocation__in=ids).only("allocation", "amount"))
    undone = reversed_ids([*ids, *(p.pk for p in payments)])
    left = {a.pk: ZERO if a.pk in undone else decimal(a.amount) for a in allocations}
    for payment in payments:
        target = ref_id(payment, "allocation")
        if payment.pk not in undone and target not in undone:
            left[target] -= decimal(payment.amount)
    return left


def allocation_left(allocation):
    return allocations_left([allocation])[allocation.pk]


def vote_errors(fund, amount, fields, errors):
    """Above the board's threshold, a crowdfunded fund allocates only what a passed motion
    granted, once."""
    threshold = decimal(fund.vote_threshold)
    motion = fields.get("motion")
    if motion is None:
        if fund.kind == "crowd" and (threshold is None or (amount or 0) > threshold):
            errors["motion"] = [_("Above the threshold, the decision board must vote first.")]
        return
    if ref_id(motion, "fund") != fund.pk or motion.kind != "allocation":
        errors["motion"] = [_("Choose an allocation motion of this fund.")]
    elif motion.status != "passed":
        errors["motion"] = [_("The motion has not been passed.")]
    elif ref_id(motion, "demand") != getattr(fields.get("demand"), "pk", None):
        errors["motion"] = [_("The motion is for another demand.")]


def payment_errors(fund, fields, errors):
    """A payment is against one of the fund's allocations, or names what it pays for."""
    allocation = fields.get("allocation")
    if allocation is not None:
        if allocation.kind != "allocation" or ref_id(allocation, "fund") != fund.pk:
            errors["allocation"] = [_("Choose an allocation of this fund.")]
        elif reversed_already(allocation):
            errors["allocation"] = [_("That allocation was reversed.")]
        elif (
            fields.get("demand") is not None and ref_id(allocation, "demand") != fields["demand"].pk
        ):
            errors["allocation"] = [_("The allocation is for another demand.")]
        return
    if fields.get("demand") is not None:
        target_errors(fund, fields["demand"], errors)
    elif not (fields.get("purpose") or "").strip():
        errors["purpose"] = [_("Say what the payment is for, or choose the demand.")]
    if fund.kind == "crowd":
        errors["allocation"] = [
            _("A crowdfunded fund pays only against allocations its board decided.")
        ]
