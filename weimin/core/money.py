"""Money: Decimal yuan with at most two decimals (fen), read from whatever a form or API sent."""

from decimal import Decimal, InvalidOperation

from bson import Decimal128
from flask_babel import gettext as _

MAX_AMOUNT = Decimal(10) ** 9  # yuan: far above any fund or subsidy, well inside Decimal128
FEN = Decimal("0.01")


def decimal(value):
    """A stored amount (Decimal128, Decimal, None) as a Decimal or None."""
    return value.to_decimal() if isinstance(value, Decimal128) else value


def yuan(value):
    """An amount for people: two decimals, thousands separated (1,234.50)."""
    return f"{(decimal(value) or Decimal(0)).quantize(FEN):,}"


def money(value, field, errors, cap=None, cap_message=None):
    """A positive amount in yuan with at most two decimals (fen), within `cap`.

    Problems go into `errors[field]`; `cap_message` (with %(cap)s) says what the cap is.
    """
    if isinstance(value, float):
        value = repr(value)  # 0.1 stays 0.1, not its binary expansion
    try:
        amount = Decimal(str(decimal(value)).strip().replace(",", "").replace("，", ""))
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
        message = cap_message or _("The amount exceeds the item's cap of %(cap)s yuan.")
        errors[field] = [message % {"cap": yuan(cap)}]
    elif amount >= MAX_AMOUNT:
        errors[field] = [_("The amount is too large.")]
    return amount
