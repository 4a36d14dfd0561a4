"""The intake request and answer schemas; one request schema per catalogue item version."""

import threading

import mongoengine
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from models.choices import CHANNELS
from models.validators import validate_phone
from weimin.catalogue.schema import values_schema

MESSAGES = {
    "required": _l("This field is required."),
    "null": _l("This field is required."),
    "invalid": _l("Enter text."),
}
VALUES_DOC = (
    "The item's own fields, keyed by field name. Their shape depends on the item: "
    "GET /catalogue/items/{code} gives `fields` and the JSON Schema `values_schema`."
)


def _phone(value):
    try:
        validate_phone(value)
    except mongoengine.ValidationError as exc:
        raise ValidationError(str(exc.message)) from None


def _text(length, required=True, **kw):
    error = (
        _l("Enter 1 to {max} characters.") if required else _l("Enter at most {max} characters.")
    )
    limit = validate.Length(min=int(required), max=length, error=error)
    return fields.String(required=required, error_messages=MESSAGES, validate=limit, **kw)


class IntakeIn(Schema):
    """A demand as an integration sends it."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": _l("Unknown field.")}

    item = fields.String(
        required=True, error_messages=MESSAGES, metadata={"description": "catalogue item code"}
    )
    community = fields.String(
        required=True, error_messages=MESSAGES, metadata={"description": "community code"}
    )
    resident_name = _text(30)
    resident_phone = fields.String(
        required=True,
        error_messages=MESSAGES,
        validate=_phone,
        metadata={"description": "mainland China mobile or landline"},
    )
    resident_address = _text(200, required=False, load_default=None)
    channel = fields.String(
        load_default="api",
        error_messages=MESSAGES,
        validate=validate.OneOf([code for code, _label in CHANNELS], error=_l("Unknown channel.")),
    )
    description = _text(2000)
    values = fields.Dict(load_default=dict, metadata={"description": VALUES_DOC})


class Duplicate(Schema):
    id = fields.String(required=True)
    ticket_no = fields.String(required=True)
    message = fields.String(required=True)


class DemandCreated(Schema):
    id = fields.String(required=True)
    ticket_no = fields.String(required=True, metadata={"description": "受理编号"})
    status = fields.String(required=True)
    item = fields.String(required=True)
    item_version = fields.Integer(required=True)
    received_at = fields.DateTime(required=True)
    response_due_at = fields.DateTime(allow_none=True)
    deadline_at = fields.DateTime(allow_none=True)
    duplicate_of = fields.String(allow_none=True, metadata={"description": "open demand's ticket"})
    deadline_text = fields.String(
        allow_none=True, metadata={"description": "the deadline as people read it (local time)"}
    )
    message = fields.String(metadata={"description": "ticket and deadline, to tell the resident"})
    duplicate = fields.Nested(
        Duplicate,
        allow_none=True,
        metadata={"description": "an open demand of the same phone and item, if any"},
    )


def flatten(messages, prefix=""):
    """Nested marshmallow messages as {"values.age": [...]} (strings, translated now)."""
    flat = {}
    for key, value in messages.items():
        path = prefix if key == "_schema" else f"{prefix}.{key}".lstrip(".")
        if isinstance(value, dict):
            flat.update(flatten(value, path))
        else:  # a list of messages, or one lazy message
            flat.setdefault(path, []).extend(
                str(m) for m in (value if isinstance(value, list | tuple) else [value])
            )
    return flat


# An item's fields change only with its version (CatalogueItem.save), so a schema built for
# (item, version) serves every later request for it; building one per request was the slow part.
SCHEMAS_KEPT = 512
_schemas = {}
_lock = threading.Lock()


def intake_schema(item):
    """The request schema (an instance) for a catalogue item at its current version; None: no
    item was named, so `values` takes no fields."""
    key = (item.pk, item.version) if item is not None else None
    with _lock:
        schema = _schemas.get(key)
    if schema is None:
        values = fields.Nested(values_schema(item.specs() if item is not None else []))
        schema = type("IntakeForItem", (IntakeIn,), {"values": values})()
        with _lock:
            if len(_schemas) >= SCHEMAS_KEPT:
                _schemas.clear()
            _schemas[key] = schema
    return schema


def load(item, body):
    """The body as intake data; ValidationError with flat field paths ("values.age")."""
    try:
        return intake_schema(item).load({"values": {}, **body})
    except ValidationError as exc:
        raise ValidationError(flatten(exc.messages)) from None
