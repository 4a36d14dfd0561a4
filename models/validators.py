"""Field validators for identifiers: ID numbers, credit codes, phones."""

import functools

import phonenumbers
from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc


def normalise_ric(value):
    """Compact form of a resident ID number (upper-case X)."""
    return ric.compact(value).upper() if value else value


def validate_ric(value):
    """Resident ID number with a valid GB 11643 check digit and birth date."""
    try:
        ric.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_l("ID number check digit is wrong")) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_l("Not a valid resident ID number")) from None


def validate_uscc(value):
    """Unified social credit code with a valid GB 32100 check character."""
    try:
        uscc.validate(value)
    except stdnum_errors.InvalidChecksum:
        raise ValidationError(_l("Credit code check character is wrong")) from None
    except stdnum_errors.ValidationError:
        raise ValidationError(_l("Not a valid unified social credit code")) from None


@functools.lru_cache(maxsize=4096)
def _phone(value):
    """(valid mainland number, national form) of a phone text; parsing is the slow part and one
    intake checks and normalises the same phone several times."""
    try:
        parsed = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException:
        return False, value.strip()
    valid = parsed.country_code == 86 and phonenumbers.is_valid_number(parsed)
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return valid, national.replace(" ", "")


def normalise_phone(value):
    """E.164-free national form: digits of a mainland mobile or landline."""
    if not value:
        return value
    return _phone(value)[1]


def phone_tail(value):
    """The last four digits of a phone number (what residents quote on the phone)."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    return digits[-4:] or None


def validate_phone(value):
    """Mainland China mobile or landline number."""
    if not (isinstance(value, str) and _phone(value)[0]):
        raise ValidationError(_l("Not a valid phone number"))
