"""The same field definitions as a marshmallow schema, a JSON Schema, and display text."""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields

from weimin.catalogue.defs import choice_label, label
from weimin.catalogue.spec import FieldError, clean_value, from_store
from weimin.core.timefmt import local_time

REQUIRED = _l("This field is required.")

JSON_TYPES = {
    "integer": {"type": "integer"},
    "decimal": {"type": ["number", "string"], "description": 'decimal, e.g. 12.5 or "12.50"'},
    "date": {"type": "string", "format": "date"},
    "datetime": {
        "type": "string",
        "description": "ISO 8601, e.g. 2024-05-01T09:30:00+08:00; without an offset: Beijing time",
    },
    "yes_no": {"type": "boolean"},
    "phone": {"type": "string", "description": "mainland China mobile or landline"},
    "id_number": {"type": "string", "description": "resident ID number (GB 11643)"},
}


class SpecField(fields.Field):
    """A marshmallow field that validates and types with weimin.catalogue.spec.clean_value."""

    def __init__(self, spec):
        self.spec = spec
        messages = {"required": REQUIRED}
        super().__init__(required=spec["required"], allow_none=True, error_messages=messages)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None:  # null is "no answer": clean_value decides whether that is allowed
            return self._deserialize(value, attr, data)
        return super().deserialize(value, attr, data, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return clean_value(self.spec, value)
        except FieldError as exc:
            raise ValidationError(str(exc)) from None


class _ValuesSchema(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": _l("This item has no such field.")}


def values_schema(specs):
    """A marshmallow Schema class for an item's `values` object."""
    attrs = {spec["name"]: SpecField(spec) for spec in specs}
    return type("ItemValues", (_ValuesSchema,), attrs)


def json_schema(specs, english=False):
    """The JSON Schema of an item's `values` object."""
    properties = {}
    for spec in specs:
        prop = dict(JSON_TYPES.get(spec["type"], {"type": "string"}))
        prop["title"] = label(spec, english)
        helptext = spec.get(f"help_{'en' if english else 'zh'}") or spec.get("help_zh")
        if helptext:
            prop["description"] = helptext
        codes = [c["code"] for c in spec["choices"]]
        if spec["type"] == "choice":
            prop["enum"] = codes
        elif spec["type"] == "multi_choice":
            prop.update(type="array", items={"type": "string", "enum": codes}, uniqueItems=True)
        for key, json_key in (("min_value", "minimum"), ("max_value", "maximum")):
            if spec.get(key) is not None:
                prop[json_key] = float(spec[key]) if spec["type"] == "decimal" else int(spec[key])
        for key, json_key in (("min_length", "minLength"), ("max_length", "maxLength")):
            if spec.get(key):
                prop[json_key] = spec[key]
        if spec.get("pattern"):
            prop["pattern"] = spec["pattern"]
        properties[spec["name"]] = prop
    return {
        "type": "object",
        "properties": properties,
        "required": [spec["name"] for spec in specs if spec["required"]],
        "additionalProperties": False,
    }


def spec_out(spec):
    """A definition as the API shows it (numbers as strings keep their exact value)."""
    out = {key: value for key, value in spec.items() if value not in (None, [])}
    if spec["choices"]:
        out["choices"] = [{k: v for k, v in c.items() if v is not None} for c in spec["choices"]]
    for key in ("min_value", "max_value"):
        if spec.get(key) is not None:
            out[key] = str(spec[key])
    return out


def typed_value(spec, stored):
    """The value as a spreadsheet cell wants it: number, date, datetime, bool or text."""
    value = from_store(spec, stored)
    if value is None:
        return None
    if spec["type"] == "choice":
        return choice_label(spec, value)
    if spec["type"] == "multi_choice" and isinstance(value, list):
        return "、".join(str(choice_label(spec, code)) for code in value)
    if isinstance(value, bool | int | Decimal | date | datetime):
        return value
    return str(value)


def display(spec, stored, english=False):
    """The value as text for pages."""
    value = from_store(spec, stored)
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if spec["type"] == "choice":
        return choice_label(spec, value, english)
    if isinstance(value, list):
        return "、".join(str(choice_label(spec, code, english)) for code in value)
    return str(value)
