"""Motions before a crowdfunded fund's board: what a motion needs, and carrying out a passed
allocation through the ledger (weimin.funds.ledger is the only writer of the ledger)."""

from flask_babel import gettext as _
from mongoengine import ValidationError
from mongoengine.errors import SaveConditionError

from weimin.core.money import decimal, money
from weimin.funds import checks, ledger
from weimin.funds.board import BoardError


def motion_errors(motion):
    """Field messages for a motion being created or changed (before any vote)."""
    errors = {}
    fund = motion.fund
    if fund is None or fund.kind != "crowd":
        errors["fund"] = [_("Only a crowdfunded fund has a decision board.")]
        return errors
    if fund.status == "closed":
        errors["fund"] = [_("The fund is closed.")]
    if motion.kind == "allocation":
        amount = money(motion.amount, "amount", errors)
        if "amount" not in errors:
            motion.amount = amount
        checks.target_errors(fund, motion.demand, errors)
    elif motion.kind == "rule":
        motion.amount, motion.demand = None, None
        if not (motion.text or "").strip():
            errors["text"] = [_("Write the rule the board is asked to adopt.")]
    return errors


def prepare(motion, actor, is_created):
    """Check a motion and place it with its fund; raises a field-level ValidationError."""
    if not is_created and (motion.status != "open" or motion.votes):
        message = _("A motion cannot be changed once the board has voted on it.")
        raise ValidationError(message, errors={"title": ValidationError(message)})
    errors = motion_errors(motion)
    if errors:
        raise ValidationError(
            "; ".join(m for ms in errors.values() for m in ms),
            errors={k: ValidationError(" ".join(v)) for k, v in errors.items()},
        )
    motion.street, motion.community = motion.fund.street, motion.fund.community
    if is_created:
        motion.created_by = str(actor or "")[:80] or None


def execute(motion, actor):
    """Allocate what a passed allocation motion granted, once; returns the ledger entry.

    Raises BoardError when the motion cannot be carried out and ledger.LedgerError when the
    fund cannot cover it (the motion stays passed). Running it again writes nothing more: the
    entry's key is the motion's.
    """
    if motion.kind != "allocation":
        raise BoardError({"kind": [_("Only allocation motions are carried out in the ledger.")]})
    if motion.status == "executed":
        return motion.allocation
    if motion.status != "passed":
        raise BoardError({"status": [_("Only a passed motion can be carried out.")]})
    entry = ledger.append(
        motion.fund, "allocation", decimal(motion.amount), actor,
        demand=motion.demand, motion=motion, key=f"motion:{motion.pk}",
    )  # fmt: skip
    motion.allocation, motion.status = entry, "executed"
    try:
        motion.save(save_condition={"status": "passed"})
    except SaveConditionError:
        motion.reload()  # carried out at the same moment by someone else: one entry (the key)
    return entry
