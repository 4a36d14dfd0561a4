"""List filters on runtime fields: query-string arguments to one condition on Demand.values.

`v.<name>=…` means equals (choices, yes/no) or contains (text); `v.<name>.from` and
`v.<name>.to` bound numbers, dates and times, both ends included. Values are typed the way
they are stored, so comparisons are numeric and chronological, not textual.
"""

import re
from datetime import datetime, time, timedelta

from flask_babel import gettext as _

from models.base import TZ
from weimin.catalogue.defs import choice_label, label
from weimin.catalogue.spec import DAY, FieldError, clean_value, from_store, to_store
from weimin.store.db import embedded_store

KINDS = {"choice": "equals", "multi_choice": "equals", "yes_no": "equals"}
KINDS.update(integer="range", decimal="range", date="range", datetime="range")
INPUT_TYPES = {"integer": "number", "decimal": "number", "date": "date", "datetime": "date"}


def kind_of(spec):
    return KINDS.get(spec["type"], "contains")


def arg(spec, bound=None):
    return f"v.{spec['name']}" + (f".{bound}" if bound else "")


def _loose(spec):
    """The definition without the limits that apply to stored values, not to filter input."""
    limits = ("min_value", "max_value", "min_length", "max_length", "pattern")
    return {**spec, "required": False, **dict.fromkeys(limits)}


def _bound(spec, raw, bound):
    """(operator, stored-type value) for one end of a range."""
    if spec["type"] == "datetime" and DAY.fullmatch(raw.strip()):
        day = datetime.combine(clean_value({**spec, "type": "date"}, raw), time(), tzinfo=TZ)
        return ("$gte", day) if bound == "from" else ("$lt", day + timedelta(days=1))
    value = to_store(spec, clean_value(_loose(spec), raw))
    return ("$gte" if bound == "from" else "$lte"), value


def _decimal_ids(collection, base, spec, bounds):
    """Ids whose decimal lies in bounds: the embedded store (mongomock) cannot order Decimal128."""
    name, ids = spec["name"], []
    path = f"values.{name}"
    for doc in collection.find({**base, path: {"$exists": True}}, {path: 1}):
        value = from_store(spec, doc["values"][name])
        low, high = bounds.get("$gte"), bounds.get("$lte")
        if not hasattr(value, "is_finite"):
            continue
        if (low is None or value >= low.to_decimal()) and (
            high is None or value <= high.to_decimal()
        ):
            ids.append(doc["_id"])
    return {"_id": {"$in": ids}}


def condition(specs, args, collection=None, base=None):
    """(MongoDB condition or None, [messages about unusable filter values])."""
    conds, errors = [], []
    for spec in specs:
        path, kind = f"values.{spec['name']}", kind_of(spec)
        try:
            raw = (args.get(arg(spec)) or "").strip()
            if kind == "equals" and raw:
                value = clean_value(_loose(spec), raw)
                conds.append({path: value[0] if isinstance(value, list) else value})
            elif kind == "contains" and raw:
                conds.append({path: {"$regex": re.escape(raw), "$options": "i"}})
            elif kind == "range":
                ends = [(b, (args.get(arg(spec, b)) or "").strip()) for b in ("from", "to")]
                bounds = dict(_bound(spec, raw, b) for b, raw in ends if raw)
                decimal = spec["type"] == "decimal" and collection is not None
                if bounds and decimal and embedded_store():
                    conds.append(_decimal_ids(collection, base or {}, spec, bounds))
                elif bounds:
                    conds.append({path: bounds})
        except FieldError as exc:
            errors.append(f"{label(spec)}: {exc}")
    return ({"$and": conds} if conds else None), errors


def widgets(specs, args, english=False):
    """What the filter panel shows for each field: label, kind, inputs and current values."""
    panel = []
    for spec in specs:
        kind = kind_of(spec)
        entry = {"label": label(spec, english), "kind": kind, "arg": arg(spec)}
        entry["value"] = args.get(arg(spec), "")
        if kind == "range":
            entry["input"] = INPUT_TYPES[spec["type"]]
            entry["bounds"] = [(arg(spec, b), args.get(arg(spec, b), "")) for b in ("from", "to")]
        if spec["type"] in ("choice", "multi_choice"):
            entry["options"] = [
                (c["code"], choice_label(spec, c["code"], english)) for c in spec["choices"]
            ]
        elif spec["type"] == "yes_no":
            entry["options"] = [("yes", _("Yes")), ("no", _("No"))]
        panel.append(entry)
    return panel
