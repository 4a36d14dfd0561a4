"""Append to a fund's ledger: check, number, insert, then move the fund's running figures.

The ledger is the truth. The unique (fund, seq) index serialises writers: an entry is numbered
one past the figures it was checked against, so if anyone appended in between, the insert
fails and the writer checks again against the new state. Two people paying at once can
therefore never overdraw, on MongoDB or on the embedded store.
"""

from bson import Decimal128
from flask_babel import gettext as _
from mongoengine import NotUniqueError
from mongoengine import ValidationError as ModelInvalid

from models import Fund, LedgerEntry
from models.base import local_today
from models.codes import new_code
from models.references import ref_id
from weimin.core.money import decimal, money, yuan
from weimin.funds import checks
from weimin.funds.figures import MOVES, ZERO, Figures, deltas, left_moves, problem
from weimin.store.db import conditional_write

ATTEMPTS = 200
KEPT = ("donor", "donor_kind", "donor_public", "channel", "receipt_no", "pledge_year", "pledge",
        "demand", "purpose", "allocation", "motion", "reverses", "note", "key")  # fmt: skip


class LedgerError(ValueError):
    """The entry cannot be written; `errors` maps fields to messages. Nothing was written."""

    def __init__(self, errors):
        super().__init__("; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in errors.items()))
        self.errors = errors


def running(fund_id):
    """(Figures, seq) as the fund document keeps them now."""
    doc = Fund._get_collection().find_one({"_id": fund_id}, {k: 1 for k in (*MOVES, "seq")})
    values = {k: decimal(doc.get(k)) if doc.get(k) is not None else ZERO for k in MOVES}
    return Figures(**values), doc.get("seq") or 0


def entries(fund_id, until_seq=None):
    """The fund's entries in order (raw records)."""
    spec = {"fund": fund_id}
    if until_seq is not None:
        spec["seq"] = {"$lte": until_seq}
    return LedgerEntry._get_collection().find(spec).sort([("seq", 1), ("_id", 1)])


def replay(records):
    """(Figures, last seq, {allocation id: what is left of it}) from ledger records."""
    figures, seq, by_id, left = Figures(), 0, {}, {}
    for rec in records:
        by_id[rec["_id"]] = rec
        target = by_id[rec["reverses"]] if rec["kind"] == "reversal" else None
        figures = figures.plus(record_deltas(rec, target))
        undone = None
        if target is not None:
            undone = (target["kind"], target["_id"], decimal(target["amount"]),
                      target.get("allocation"))  # fmt: skip
        amount = decimal(rec["amount"])
        for allocation, change in left_moves(rec["kind"], rec["_id"], amount,
                                             rec.get("allocation"), undone):  # fmt: skip
            left[allocation] = left.get(allocation, ZERO) + change
        seq = rec["seq"]
    return figures, seq, left


def record_deltas(rec, target=None):
    """How a stored entry moves the figures; `target`: the record a reversal undoes."""
    undone = None
    if target is not None:
        undone = (target["kind"], decimal(target["amount"]), bool(target.get("allocation")))
    return deltas(rec["kind"], decimal(rec["amount"]), bool(rec.get("allocation")), undone)


def entries_after(fund_id):
    """True when the ledger holds entries the running figures do not include yet."""
    _figures, seq = running(fund_id)
    return LedgerEntry.objects(fund=fund_id, seq__gt=seq).only("id").first() is not None


def check(fund):
    """(running figures, ledger figures): equal when the fund is consistent."""
    fund_id = getattr(fund, "pk", fund)
    kept, seq = running(fund_id)
    from_ledger, _last, _left = replay(entries(fund_id, seq))
    return kept, from_ledger


def repair(fund_id):
    """Bring the running figures up to the ledger (after a writer stopped between its two
    steps); the ledger is never changed."""
    figures, seq, _left = replay(entries(fund_id))
    stored = {k: Decimal128(v) for k, v in figures.as_dict().items()}
    Fund._get_collection().update_one({"_id": fund_id}, {"$set": {**stored, "seq": seq}})


def append(fund, kind, amount, actor, value_date=None, **fields):
    """Write one entry; returns it. Raises LedgerError with field messages, writing nothing."""
    errors = {}
    value_date = value_date or local_today()
    amount = _amount(fund, kind, amount, fields, errors)
    _field_errors(fund, kind, amount, value_date, fields, errors)
    if errors:
        raise LedgerError(errors)
    if fields.get("key"):
        done = LedgerEntry.objects(key=fields["key"]).first()
        if done is not None:
            return done  # the same request again: it was written once
    for _attempt in range(ATTEMPTS):
        if entries_after(fund.pk):
            repair(fund.pk)
            continue
        state, seq = running(fund.pk)
        moved = state.plus(_entry_deltas(kind, amount, fields))
        trouble = problem(moved, _left_after(kind, amount, fields))
        if trouble:
            raise LedgerError({"amount": [_message(trouble, state, kind, fields)]})
        entry = _entry(fund, kind, amount, actor, value_date, seq + 1, fields)
        try:
            with conditional_write():
                entry.save(force_insert=True, validate=False)
        except NotUniqueError:
            if fields.get("key") and LedgerEntry.objects(key=fields["key"]).first():
                return LedgerEntry.objects(key=fields["key"]).first()
            if fields.get("reverses") and checks.reversed_already(fields["reverses"]):
                message = _("This entry has already been reversed.")
                raise LedgerError({"reverses": [message]}) from None
            continue  # someone appended first: check again against the new state
        stored = {k: Decimal128(v) for k, v in moved.as_dict().items()}
        with conditional_write():
            Fund._get_collection().update_one(
                {"_id": fund.pk, "seq": seq}, {"$set": {**stored, "seq": seq + 1}}
            )
        return entry
    raise RuntimeError("the fund kept changing; giving up")


def reverse(entry, actor, note, value_date=None, key=None):
    """Undo `entry` with a reversal of the same amount."""
    return append(entry.fund, "reversal", decimal(entry.amount), actor, value_date,
                  reverses=entry, note=note, key=key)  # fmt: skip


def _amount(fund, kind, amount, fields, errors):
    if kind == "reversal":
        return decimal(fields["reverses"].amount) if fields.get("reverses") else None
    return money(amount, "amount", errors)


def _field_errors(fund, kind, amount, value_date, fields, errors):
    checks.fund_errors(fund, kind, errors)
    checks.date_errors(value_date, errors)
    if kind in ("contribution", "pledge"):
        checks.giver_errors(fields, kind, errors)
        checks.pledge_errors(fund, fields.get("pledge"), errors)
    elif kind == "allocation":
        checks.target_errors(fund, fields.get("demand"), errors)
        checks.vote_errors(fund, amount, fields, errors)
    elif kind == "disbursement":
        checks.payment_errors(fund, fields, errors)
    elif kind == "reversal":
        checks.reversal_errors(fund, fields.get("reverses"), fields.get("note"), errors)


def _entry_deltas(kind, amount, fields):
    target = fields.get("reverses")
    undone = None
    if target is not None:
        undone = (target.kind, decimal(target.amount), ref_id(target, "allocation") is not None)
    return deltas(kind, amount, fields.get("allocation") is not None, undone)


def _left_after(kind, amount, fields):
    """What would be left of the allocation a payment is made against, after it."""
    allocation = fields.get("allocation") if kind == "disbursement" else None
    if allocation is None:
        return None
    return checks.allocation_left(allocation) - amount


def _message(trouble, state, kind, fields):
    if trouble == "over_allocation":
        left = checks.allocation_left(fields["allocation"]) if fields.get("allocation") else ZERO
        return _("The payment exceeds what is left of the allocation (%(left)s yuan).",
                 left=yuan(left))  # fmt: skip
    if kind == "reversal":
        return _("The money has already been allocated or paid; the fund would go below zero.")
    return _("The amount exceeds the fund's available balance of %(left)s yuan.",
             left=yuan(state.available))  # fmt: skip


def _model_message(name, problem):
    """The document's own refusal in the user's words: a code not offered, or a value too long
    (the forms offer only valid choices, so only a hand-made request meets these)."""
    field = LedgerEntry._fields.get(name)
    if field is not None and field.choices:
        return _("Choose one of the options offered.")
    if getattr(field, "max_length", None):
        return _("Enter at most %(n)d characters.", n=field.max_length)
    return _("The value is not valid.")


def _entry(fund, kind, amount, actor, value_date, seq, fields):
    entry = LedgerEntry(
        fund=fund, seq=seq, street=fund.street, community=fund.community, kind=kind,
        amount=amount, value_date=value_date, recorded_by=str(actor or "")[:80] or None,
        **{k: v for k, v in fields.items() if k in KEPT and v not in (None, "")},
    )  # fmt: skip
    if kind == "contribution":
        entry.code = new_code()
    try:
        entry.validate()
    except ModelInvalid as exc:
        problems = exc.errors or {"amount": exc}
        raise LedgerError({k: [_model_message(k, v)] for k, v in problems.items()}) from None
    return entry
