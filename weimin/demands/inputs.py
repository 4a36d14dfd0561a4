"""What a lifecycle action is given — a note, an amount, an evaluation — checked against the
model's own limits. transitions.effects calls these for every path (admin, API, public pages),
so each limit is read from the model field in one place and every refusal names its field.
"""

from decimal import Decimal, InvalidOperation

from bson import Decimal128
from flask_babel import gettext as _
from mongoengine import ValidationError

from models.choices import SATISFACTION
from models.demand import Evaluation

MAX_AMOUNT = Decimal(10) ** 9  # yuan: far above any subsidy, well inside Decimal128


def decimal(value):
    return value.to_decimal() if isinstance(value, Decimal128) else value


def note_text(note):
    """The note as stored: stripped, None when empty."""
    return (note.strip() or None) if isinstance(note, str) else None


def too_long(text, document, name, field, errors, limit=None):
    """Text longer than `document.name` keeps (or than `limit`) gets a message under `field`."""
    longest = document._fields[name].max_length
    longest = min(longest, limit) if limit else longest
    if text is not None and not isinstance(text, str):
        errors[field] = [_("Enter text.")]
    elif text and len(text.strip()) > longest:
        errors[field] = [_("Enter at most %(n)d characters.", n=longest)]


def money(value, field, errors, cap=None):
    """A positive amount in yuan with at most two decimals (fen), within `cap`."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, TypeError, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        errors[field] = [_("Enter an amount in yuan.")]
        return None
    if amount <= 0:
        errors[field] = [_("The amount must be more than 0.")]
    elif amount.as_tuple().exponent < -2:
        errors[field] = [_("Enter the amount in yuan with at most two decimal places (fen).")]
    elif cap is not None and amount > decimal(cap):
        errors[field] = [_("The amount exceeds the item's cap of %(cap)s yuan.", cap=cap)]
    elif amount >= MAX_AMOUNT:
        errors[field] = [_("The amount is too large.")]
    return amount


def evaluation_errors(evaluation, errors):
    """The evaluation's choices and comment, with the Evaluation document's limits."""
    if (
        not isinstance(evaluation, Evaluation)
        or evaluation.satisfaction not in dict(SATISFACTION)
        or not isinstance(evaluation.resolved, bool)
    ):
        errors["evaluation"] = [_("Choose the satisfaction and whether it was resolved.")]
        return
    too_long(evaluation.comment, Evaluation, "comment", "comment", errors)
    if errors:
        return
    try:
        evaluation.validate()
    except ValidationError:
        errors["evaluation"] = [_("The evaluation could not be recorded.")]
