"""Spreadsheet cells read the way people fill them in, for every importer.

Excel and WPS hand over what the cell holds, not what it shows: a date cell is a datetime
(or, when its format was lost, a serial number such as 46376), a phone number typed as a
number is the float 13805740001.0. People also type full-width digits and punctuation
(２０２６－１２－２０), Chinese dates (2026年12月20日), slashes and dots, and leave
non-breaking or ideographic spaces around a value. Each reader here takes any of these and
gives one value, or raises CellError with a message for the user.
"""

import re
import unicodedata
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from openpyxl.utils.datetime import from_excel

# Serial numbers read as dates: 10000 is 1927-05-18, 2958465 is 9999-12-31. A smaller number
# in a date column is more likely a year or a typo than a day in the 1900s.
SERIALS = (10_000, 2_958_465)
DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63]")  # hyphens, dashes and minus signs
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")  # zero-width marks pasted from the web
SPACES = re.compile(r"\s+")
CJK_SPACED = re.compile(r"^[\u3400-\u9fff\u00b7\s]+$")  # a Chinese name, maybe padded (王  芳)
DAY = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
CLOCK = r"(?:\s*T?\s*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*(?:[:分]\s*(\d{1,2}(?:\.\d+)?)\s*秒?|分)?)?"
DATE_TEXT = re.compile(DAY + CLOCK)
EIGHT_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")


class CellError(ValueError):
    """A cell cannot be read as the column asks; str() is the message for the user."""


def text(value):
    """The cell as trimmed text: whole floats without .0, odd spaces made plain spaces."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else str(value.date())
    elif isinstance(value, Decimal) and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    text_ = INVISIBLE.sub("", str(value))
    # NBSP and the ideographic space are spaces to people; str.strip() knows them already.
    return text_.replace("\u00a0", " ").replace("\u3000", " ").strip()


def plain(value):
    """text() with full-width letters, digits and punctuation made ASCII, spaces collapsed."""
    folded = DASHES.sub("-", unicodedata.normalize("NFKC", text(value)))
    return SPACES.sub(" ", folded).strip()


def compact(value):
    """plain() without any space: phone and ID numbers, codes (138 0574 0001 → 13805740001)."""
    return SPACES.sub("", plain(value))


def name(value):
    """A person's name: a Chinese name padded to line up (王  芳) loses its spaces."""
    found = text(value)
    return SPACES.sub("", found) if CJK_SPACED.match(found) else SPACES.sub(" ", found)


def number(value):
    """A Decimal from a number cell or from text such as １２.５ or 1,200."""
    if isinstance(value, bool):
        raise CellError(_("Enter a number."))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 2.5, not 2.5000000000000000277…
    found = plain(value).replace(",", "").replace(" ", "")
    try:
        result = Decimal(found)
    except InvalidOperation:
        raise CellError(_("Enter a number.")) from None
    if not result.is_finite():
        raise CellError(_("Enter a number."))
    return result


def _serial(value):
    if not SERIALS[0] <= value <= SERIALS[1]:
        return None
    return from_excel(value)


def _moment(value):
    """A naive datetime and whether a time of day was given; None when unreadable."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), value.time() != time()
    if isinstance(value, date):
        return datetime.combine(value, time()), False
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        found = _serial(float(value))
        return (found, found.time() != time()) if found else None
    found = plain(value)
    if re.fullmatch(r"\d+(\.\d+)?", found):
        digits = EIGHT_DIGITS.fullmatch(found)
        if digits:
            return _parts(digits.groups())
        found = _serial(float(found))
        return (found, found.time() != time()) if found else None
    match = DATE_TEXT.fullmatch(found)
    return _parts(match.groups()) if match else None


def _parts(groups):
    year, month, day, hour, minute, second = (*groups, None, None, None)[:6]
    try:
        seconds = float(second or 0)
        moment = datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(seconds)
        )
    except ValueError:
        raise CellError(_("This date does not exist.")) from None
    return moment, hour is not None and moment.time() != time()


def day(value):
    """A date from a date cell, a serial number, or 2026-12-20, 2026/12/20, 2026.12.20,
    2026年12月20日, 20261220 (full-width too)."""
    found = _moment(value)
    if found is None:
        raise CellError(_("Enter a date such as 2026-12-20, 2026/12/20 or 2026年12月20日."))
    moment, timed = found
    if timed:
        raise CellError(_("Enter a date without a time of day."))
    return moment.date()


def moment(value):
    """A naive datetime (as typed, local time) from a date cell or text such as
    2026-12-20 14:30 or 2026年12月20日14时30分; a bare date is its midnight."""
    found = _moment(value)
    if found is None:
        raise CellError(_("Enter a date and time such as 2026-12-20 14:30."))
    return found[0].replace(microsecond=0)
