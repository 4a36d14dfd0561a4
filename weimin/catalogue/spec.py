"""Runtime fields of catalogue items: one definition, one validator, typed storage.

A definition ("spec") is a plain dict — name, label_zh, label_en, type, required, choices
[{code, label_zh, label_en}], min_value, max_value, min_length, max_length, pattern, help_zh,
help_en — as kept in CatalogueItem.fields. The admin form, the API schema, list filters and
the fit check all call `clean_value`; nothing here needs a request.
"""

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation

from bson import Decimal128
from flask_babel import gettext as _
from mongoengine import ValidationError

from models import validators
from models.base import TZ
from models.field_pattern import MAX_INPUT, verdict

DEFAULT_MAX_LENGTH = {"text": 200, "address": 200, "textarea": 2000}
YES = {"yes", "true", "1", "y", "on", "是"}
NO = {"no", "false", "0", "n", "off", "否"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # a bare date, YYYY-MM-DD


class FieldError(ValueError):
    """A value does not fit its field; str() is the message for the user."""


def is_empty(raw):
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, list | tuple):
        return not [v for v in raw if not is_empty(v)]
    return raw is None


def clean_value(spec, raw):
    """The typed value of raw input (form text or JSON); None when empty; FieldError if bad."""
    if is_empty(raw):
        if spec.get("required"):
            raise FieldError(_("This field is required."))
        return None
    return CLEANERS[spec["type"]](spec, raw)


def _text(spec, raw):
    if not isinstance(raw, str):
        raise FieldError(_("Enter text."))
    value = raw.strip()
    pattern = spec.get("pattern")
    shortest = spec.get("min_length") or 0
    longest = spec.get("max_length") or DEFAULT_MAX_LENGTH.get(spec["type"], 200)
    if pattern:  # the length is checked first, so a pattern never runs on a long value
        longest = min(longest, MAX_INPUT)
    if len(value) < shortest:
        raise FieldError(_("Enter at least %(n)d characters.", n=shortest))
    if len(value) > longest:
        raise FieldError(_("Enter at most %(n)d characters.", n=longest))
    if not pattern:
        return value
    if verdict(pattern):  # saved before patterns were vetted: never run it
        raise FieldError(_("This field's format rule cannot be checked; ask an admin to fix it."))
    if not re.fullmatch(pattern, value):
        raise FieldError(_("The value is not in the required format."))
    return value


def _in_range(spec, value):
    low, high = spec.get("min_value"), spec.get("max_value")
    if low is not None and value < low:
        raise FieldError(_("Enter a value of at least %(n)s.", n=low))
    if high is not None and value > high:
        raise FieldError(_("Enter a value of at most %(n)s.", n=high))
    return value


def _whole(number):
    try:
        return number == int(number)
    except (ValueError, OverflowError):
        return False


def _integer(spec, raw):
    if isinstance(raw, str) and re.fullmatch(r"\s*[+-]?\d{1,15}\s*", raw):
        raw = int(raw)
    elif isinstance(raw, float | Decimal) and _whole(raw):
        raw = int(raw)
    if not isinstance(raw, int) or isinstance(raw, bool) or abs(raw) >= 10**15:
        raise FieldError(_("Enter a whole number."))
    return _in_range(spec, raw)


def _decimal(spec, raw):
    try:
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            raise InvalidOperation
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise FieldError(_("Enter a number.")) from None
    if not value.is_finite() or len(value.as_tuple().digits) > 30:
        raise FieldError(_("Enter a number."))
    return _in_range(spec, value)


def _date(spec, raw):
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    if isinstance(raw, str) and DAY.fullmatch(raw.strip()):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise FieldError(_("Enter a date as YYYY-MM-DD."))


def _datetime(spec, raw):
    value = raw
    if isinstance(raw, str):
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime):
        raise FieldError(_("Enter a date and time as YYYY-MM-DD HH:MM."))
    if value.tzinfo is None:  # what people type is Beijing time
        value = value.replace(tzinfo=TZ)
    value = value.astimezone(UTC)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)  # MongoDB keeps ms


def _choice(spec, raw):
    if raw not in [c["code"] for c in spec["choices"]]:
        raise FieldError(_("Choose one of the listed options."))
    return raw


def _multi_choice(spec, raw):
    values = [raw] if isinstance(raw, str) else raw
    codes = [c["code"] for c in spec["choices"]]
    if not isinstance(values, list | tuple) or any(v not in codes for v in values if v != ""):
        raise FieldError(_("Choose only listed options."))
    return [code for code in codes if code in values]


def _yes_no(spec, raw):
    if isinstance(raw, bool):
        return raw
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word in YES or word in NO:
        return word in YES
    raise FieldError(_("Answer yes or no."))


def _checked(check, normalise):
    def clean(spec, raw):
        if not isinstance(raw, str):
            raise FieldError(_("Enter text."))
        try:
            check(raw.strip())
        except ValidationError as exc:
            raise FieldError(str(exc.message)) from None
        return normalise(raw.strip())

    return clean


CLEANERS = {
    "text": _text,
    "textarea": _text,
    "address": _text,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "datetime": _datetime,
    "choice": _choice,
    "multi_choice": _multi_choice,
    "yes_no": _yes_no,
    "phone": _checked(validators.validate_phone, validators.normalise_phone),
    "id_number": _checked(validators.validate_ric, validators.normalise_ric),
}


# Demand.values keeps BSON types: numbers, Decimal128, UTC datetimes (dates at 00:00 UTC),
# arrays of choice codes, booleans and strings.
STORED = {"integer": int, "decimal": Decimal128, "date": datetime, "datetime": datetime}
STORED.update({"multi_choice": list, "yes_no": bool})


def to_store(spec, value):
    """What Demand.values keeps for a cleaned value."""
    if value is None:
        return None
    if spec["type"] == "decimal":
        return Decimal128(value)
    if spec["type"] == "date":
        return datetime.combine(value, time(), tzinfo=UTC)
    return value


def store_values(specs, cleaned):
    """The stored form of {name: cleaned value}, leaving out empty ones."""
    by_name = {spec["name"]: spec for spec in specs}
    return {
        name: to_store(by_name[name], value)
        for name, value in cleaned.items()
        if value is not None and name in by_name
    }


def from_store(spec, stored):
    """The Python value of a stored one: Decimal, date, aware datetime, …"""
    if isinstance(stored, Decimal128):
        return stored.to_decimal()
    if isinstance(stored, datetime):
        stored = (stored if stored.tzinfo else stored.replace(tzinfo=UTC)).astimezone(UTC)
        if spec.get("type") == "date" and stored.time() == time():
            return stored.date()
    return stored
