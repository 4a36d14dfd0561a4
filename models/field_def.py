"""A runtime field of a catalogue item: what demands of that item must record.

Besides the documents, the definition's plain form ("spec", see weimin.catalogue.spec) and the
checks a list of definitions must pass live here, so that CatalogueItem.clean() applies them on
every path that saves an item.
"""

import re

from bson import Decimal128
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    Decimal128Field,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.field_pattern import MAX_INPUT, pattern_problem

FIELD_TYPES = (
    ("text", _l("Short text")),
    ("textarea", _l("Long text")),
    ("integer", _l("Whole number")),
    ("decimal", _l("Decimal number")),
    ("date", _l("Date")),
    ("datetime", _l("Date and time")),
    ("choice", _l("Single choice")),
    ("multi_choice", _l("Multiple choice")),
    ("yes_no", _l("Yes / no")),
    ("phone", _l("Phone number")),
    ("id_number", _l("ID number")),
    ("address", _l("Address")),
)
TYPES = tuple(code for code, _label in FIELD_TYPES)
TEXT = ("text", "textarea", "address")
NUMBER = ("integer", "decimal")
CHOICE = ("choice", "multi_choice")
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# The attributes only some types use, and those types; every type uses the others.
USED_BY = {
    "choices": CHOICE,
    "min_value": NUMBER,
    "max_value": NUMBER,
    "min_length": TEXT,
    "max_length": TEXT,
    "pattern": TEXT,
}
KEYS = ("label_en", "pattern", "help_zh", "help_en", "min_length", "max_length")


class Choice(EmbeddedDocument):
    """One option of a choice field; the code is what demands store."""

    code = StringField(required=True, max_length=40)
    label_zh = StringField(required=True, max_length=60)
    label_en = StringField(max_length=80)

    meta = {"strict": False}


class FieldDef(EmbeddedDocument):
    """One field definition; `name` is the stable key of the value in Demand.values."""

    name = StringField(required=True, max_length=40)
    label_zh = StringField(required=True, max_length=40)
    label_en = StringField(max_length=60)
    type = StringField(required=True, choices=FIELD_TYPES, default="text")
    required = BooleanField(default=False)
    choices = ListField(EmbeddedDocumentField(Choice))
    min_value = Decimal128Field()
    max_value = Decimal128Field()
    min_length = IntField(min_value=0, max_value=2000)
    max_length = IntField(min_value=1, max_value=2000)
    pattern = StringField(max_length=200)
    help_zh = StringField(max_length=200)
    help_en = StringField(max_length=200)

    # Definitions saved before a key was added or after one was dropped still load.
    meta = {"strict": False}

    def spec(self):
        """The definition as the plain dict weimin.catalogue.spec works with."""
        return normalise(self.to_mongo().to_dict())


def normalise(raw):
    """A definition with every key present and plain Python values (Decimal, not Decimal128)."""

    def number(v):
        return v.to_decimal() if isinstance(v, Decimal128) else (None if v in ("", None) else v)

    spec = {
        "name": (raw.get("name") or "").strip(),
        "label_zh": (raw.get("label_zh") or "").strip(),
        "type": raw.get("type") or "text",
        "required": bool(raw.get("required")),
        "choices": [
            {"code": c.get("code"), "label_zh": c.get("label_zh"), "label_en": c.get("label_en")}
            for c in (raw.get("choices") or [])
        ],
        "min_value": number(raw.get("min_value")),
        "max_value": number(raw.get("max_value")),
    }
    spec.update({key: raw.get(key) or None for key in KEYS})
    return spec


def uses(kind, key):
    """True when a field of type `kind` uses the attribute `key`."""
    return kind in USED_BY.get(key, (kind,))


def definition_errors(specs):
    """{position: {key: message}} for every problem of a list of definitions."""
    errors, seen = {}, set()
    for pos, spec in enumerate(specs):
        problems = {}
        name, kind = spec.get("name") or "", spec.get("type")
        if not NAME.match(name):
            problems["name"] = _(
                "Use 1–40 lower-case letters, digits or _, starting with a letter."
            )
        elif name in seen:
            problems["name"] = _("Another field already has this name.")
        seen.add(name)
        if not (spec.get("label_zh") or "").strip():
            problems["label_zh"] = _("A Chinese label is required.")
        if kind not in TYPES:
            problems["type"] = _("Unknown field type.")
        codes = [c.get("code") for c in spec.get("choices") or ()]
        if uses(kind, "choices") and not codes:
            problems["choices"] = _("A choice field needs at least one choice.")
        elif uses(kind, "choices") and len(set(codes)) != len(codes):
            problems["choices"] = _("Choice codes must be different.")
        elif codes and not uses(kind, "choices"):
            problems["choices"] = _("Only choice fields have choices.")
        low, high = spec.get("min_value"), spec.get("max_value")
        if (low is not None or high is not None) and not uses(kind, "min_value"):
            problems["min_value"] = _("Only number fields have a minimum and maximum.")
        elif low is not None and high is not None and low > high:
            problems["min_value"] = _("The minimum is greater than the maximum.")
        elif kind == "integer" and any(v is not None and v != int(v) for v in (low, high)):
            problems["min_value"] = _("A whole-number field needs whole-number limits.")
        shortest, longest = spec.get("min_length"), spec.get("max_length")
        if (shortest or longest or spec.get("pattern")) and not uses(kind, "pattern"):
            problems["max_length"] = _("Only text fields have length limits and a pattern.")
        elif shortest and longest and shortest > longest:
            problems["max_length"] = _("The shortest length is greater than the longest.")
        if spec.get("pattern"):
            _pattern_errors(spec, problems)
        if problems:
            errors[pos] = problems
    return errors


def _pattern_errors(spec, problems):
    """A pattern must compile and be quick to match; a patterned value stays short."""
    try:
        re.compile(spec["pattern"])
    except (re.error, OverflowError, RecursionError) as exc:
        problems["pattern"] = _("Not a valid regular expression: %(error)s", error=exc)
        return
    problem = pattern_problem(spec["pattern"])
    if problem:
        problems["pattern"] = problem
    if (spec.get("max_length") or 0) > MAX_INPUT and "max_length" not in problems:
        problems["max_length"] = _(
            "A field with a pattern holds at most %(n)d characters.", n=MAX_INPUT
        )
