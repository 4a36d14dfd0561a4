"""Field definitions of catalogue items: labels and the fit check.

Their normal form and their own checks live beside FieldDef, in models.field_def. The fit
check answers, before a changed definition is saved, which stored demands the new definition
would not accept (a type change, a new required field, narrowed choices, …).
"""

import hashlib
import json
from datetime import datetime

from flask_babel import gettext as _

from weimin.catalogue.spec import STORED, FieldError, clean_value, from_store, is_empty


def label(spec, english=False):
    """The label in the UI language: Chinese unless English is asked for and given."""
    return (english and spec.get("label_en")) or spec.get("label_zh") or spec.get("name")


def choice_label(spec, code, english=False):
    for choice in spec.get("choices") or ():
        if choice["code"] == code:
            return (english and choice.get("label_en")) or choice["label_zh"] or code
    return code


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
