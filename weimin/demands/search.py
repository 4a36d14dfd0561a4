"""The demand list's search box: a ticket number, a resident's phone (all of it or its last
four digits) or the start of a resident's name, each matched on an index."""

import re

from models.validators import normalise_phone

SEPARATORS = re.compile(r"[\s\-－]")


def search_triples(text):
    """The (field, operation, value) triples any of which a found demand matches."""
    text = (text or "").strip()
    digits = SEPARATORS.sub("", text)
    if digits.isdigit() and len(digits) == 4:
        return [["phone_tail", "", digits]]
    if digits.isdigit() and len(digits) >= 7:  # a whole mobile or landline number
        return [["resident_phone", "", normalise_phone(digits)], ["ticket_no", "", text]]
    return [["ticket_no", "contains", text], ["resident_name", "startswith", text]]
