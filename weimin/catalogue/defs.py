"""Field definitions of catalogue items: normal form, labels, checks, and the fit check.

The fit check answers, before a changed definition is saved, which stored demands the new
definition would not accept (a type change, a new required field, narrowed choices, …).
"""

import hashlib
import json
import re
from datetime import datetime

from bson import Decimal128
from flask_babel import gettext as _

from weimin.catalogue.spec import (
    CHOICE,
    NAME,
    NUMBER,
    STORED,
    TEXT,
    TYPES,
    FieldError,
    clean_value,
    from_store,
    is_empty,
)

KEYS = ("label_en", "pattern", "help_zh", "help_en", "min_length", "max_length")


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


def label(spec, english=False):
    """The label in the UI language: Chinese unless English is asked for and given."""
    return (english and spec.get("label_en")) or spec.get("label_zh") or spec.get("name")


def choice_label(spec, code, english=False):
    for choice in spec.get("choices") or ():
        if choice["code"] == code:
            return (english and choice.get("label_en")) or choice["label_zh"] or code
    return code


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
        if kind in CHOICE and not codes:
            problems["choices"] = _("A choice field needs at least one choice.")
        elif kind in CHOICE and len(set(codes)) != len(codes):
            problems["choices"] = _("Choice codes must be different.")
        elif codes and kind not in CHOICE:
            problems["choices"] = _("Only choice fields have choices.")
        low, high = spec.get("min_value"), spec.get("max_value")
        if (low is not None or high is not None) and kind not in NUMBER:
            problems["min_value"] = _("Only number fields have a minimum and maximum.")
        elif low is not None and high is not None and low > high:
            problems["min_value"] = _("The minimum is greater than the maximum.")
        elif kind == "integer" and any(v is not None and v != int(v) for v in (low, high)):
            problems["min_value"] = _("A whole-number field needs whole-number limits.")
        shortest, longest = spec.get("min_length"), spec.get("max_length")
        if (shortest or longest or spec.get("pattern")) and kind not in TEXT:
            problems["max_length"] = _("Only text fields have length limits and a pattern.")
        elif shortest and longest and shortest > longest:
            problems["max_length"] = _("The shortest length is greater than the longest.")
        if spec.get("pattern"):
            try:
                re.compile(spec["pattern"])
            except re.error as exc:
                problems["pattern"] = _("Not a valid regular expression: %(error)s", error=exc)
        if problems:
            errors[pos] = problems
    return errors


def fit_error(spec, stored):
    """Why a stored value does not fit the definition; None when it does."""
    if is_empty(stored):
        return _("This field is required.") if spec.get("required") else None
    kind = STORED.get(spec["type"], str)
    value = from_store(spec, stored)
    wrong_date = spec["type"] == "date" and isinstance(value, datetime)
    if not isinstance(stored, kind) or isinstance(stored, bool) != (kind is bool) or wrong_date:
        return _("The stored value is of another type.")
    try:
        clean_value(spec, value)
    except FieldError as exc:
        return str(exc)
    return None


def changed_fields(old_specs, new_specs):
    """The new definitions that are new or differ from the old ones of the same name."""
    old = {spec["name"]: spec for spec in old_specs}
    return [spec for spec in new_specs if old.get(spec["name"]) != spec]


def misfits(old_specs, new_specs, docs):
    """[(doc, [(spec, reason), …])] for stored docs ({"values": …}) the new specs reject."""
    changed = changed_fields(old_specs, new_specs)
    if not changed:
        return []
    found = []
    for doc in docs:
        values = doc.get("values") or {}
        reasons = [(s, r) for s in changed if (r := fit_error(s, values.get(s["name"])))]
        if reasons:
            found.append((doc, reasons))
    return found


def fingerprint(specs, version):
    """A short token naming exactly this definition on top of this version."""
    text = json.dumps([specs, version], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
