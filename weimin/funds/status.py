"""What may change on a fund once it exists: open → frozen → closed, and its place once it
has a ledger."""

from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError

from models import Fund
from models.references import ref_id
from weimin.funds.ledger import running

# Where each status may go; a closed fund stays closed (its ledger stays readable).
MOVES = {"open": {"open", "frozen", "closed"}, "frozen": {"open", "frozen", "closed"},
         "closed": {"closed"}}  # fmt: skip
# Fields its entries copy or depend on: fixed once the ledger has an entry.
FIXED_WITH_LEDGER = ("street", "community", "kind")


def check_change(fund):
    """Raise a field-level ValidationError when `fund` (edited, not yet saved) may not be saved
    as it is: a status move not allowed, closing with money held, a ledgered fund moved."""
    if fund.pk is None:
        if fund.status == "closed":
            raise _invalid("status", _l("A new fund cannot be closed."))
        return
    stored = Fund._get_collection().find_one({"_id": fund.pk}) or {}
    before = stored.get("status", "open")
    if fund.status not in MOVES.get(before, {fund.status}):
        raise _invalid("status", _l("A closed fund cannot be opened again."))
    if fund.status == "closed" and before != "closed":
        figures, _seq = running(fund.pk)
        if figures.balance != 0:
            raise _invalid(
                "status",
                _l("The fund still holds money (balance %(balance)s yuan): pay it out or "
                   "transfer it before closing.", balance=f"{figures.balance:,.2f}"),
            )  # fmt: skip
    if stored.get("seq"):
        for name in FIXED_WITH_LEDGER:
            if _stored_value(stored.get(name)) != _value(fund, name):
                raise _invalid(name, _l("The fund has ledger entries: this cannot change."))


def _stored_value(value):
    return getattr(value, "id", value)


def _value(fund, name):
    return ref_id(fund, name) if name in ("street", "community") else getattr(fund, name)


def _invalid(field, message):
    return ValidationError(errors={field: ValidationError(message)})
