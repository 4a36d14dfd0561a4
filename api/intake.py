"""Taking in a demand from a channel integration, checked against the item's own fields."""

import mongoengine
from flask import abort, g, jsonify, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from api import bp
from api.auth import require_token
from api.catalogue import find_item
from api.openapi import error_response, operation
from models import Community, Demand
from models.choices import CHANNELS
from models.validators import validate_phone
from weimin.access import token_scope
from weimin.catalogue.schema import values_schema
from weimin.catalogue.spec import store_values
from weimin.core.errors import field_errors
from weimin.demands.intake import prepare_new, receipt

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


@bp.post("/demands")
@require_token("demands:create")
def take_in():
    body = request.get_json(silent=True)
    if not request.is_json:
        abort(415)
    if not isinstance(body, dict):
        raise ValidationError({"_schema": [_("Send one JSON object.")]})
    street = g.api_token.street
    item = find_item(street, body["item"]) if isinstance(body.get("item"), str) else None
    if isinstance(body.get("item"), str) and item is None:
        abort(404, description=_("No such service item in this street's catalogue."))
    community = None
    if isinstance(body.get("community"), str):
        community = Community.objects(code=body["community"], **token_scope(g.api_token)).first()
        if community is None:
            abort(404, description=_("No such community in this token's street."))
    specs = item.specs() if item is not None else []
    schema = type("IntakeForItem", (IntakeIn,), {"values": fields.Nested(values_schema(specs))})
    try:
        data = schema().load({"values": {}, **body})
    except ValidationError as exc:
        raise ValidationError(flatten(exc.messages)) from None
    demand = Demand(item=item, street=street, community=community, **_fixed(data))
    demand.values = store_values(specs, data["values"])
    try:
        prepare_new(demand, g.api_token.name)  # validates before it takes a ticket number
        demand.save()
    except mongoengine.ValidationError as exc:
        errors = {name: [message] for name, message in field_errors(exc).items()}
        return jsonify(message=_("The request has invalid fields."), errors=errors), 400
    return jsonify(DemandCreated().dump(_created(demand))), 201


def _fixed(data):
    keys = ("resident_name", "resident_phone", "resident_address", "channel", "description")
    return {key: data[key] for key in keys}


def _created(demand):
    told = receipt(demand)
    return {
        "deadline_text": told["deadline_text"],
        "message": told["message"],
        "duplicate": told["duplicate"],
        "id": str(demand.pk),
        "ticket_no": demand.ticket_no,
        "status": demand.status,
        "item": demand.item.code,
        "item_version": demand.item_version,
        "received_at": demand.received_at,
        "response_due_at": demand.response_due_at,
        "deadline_at": demand.deadline_at,
        "duplicate_of": demand.duplicate_of.ticket_no if demand.duplicate_of else None,
    }


operation(
    "/demands",
    "post",
    summary="Take in a demand for a service item of the token's street",
    description=(
        "`values` holds the item's own fields; get their definitions and JSON Schema from "
        "GET /catalogue/items/{code}. On 400, `errors` maps each bad field to its messages, "
        'with the item\'s fields as "values.<name>" (e.g. "values.age"); nothing is stored. '
        "Messages follow Accept-Language (zh-CN by default, en)."
    ),
    security=[{"token": []}],
    requestBody={"required": True, "content": {"application/json": {"schema": IntakeIn}}},
    responses={
        "201": {
            "description": "Taken in",
            "content": {"application/json": {"schema": DemandCreated}},
        },
        "400": error_response('Invalid fields, e.g. {"values.age": ["…"]}; nothing stored'),
        "401": error_response("No valid token"),
        "403": error_response("Token lacks the demands:create scope"),
        "404": error_response("Unknown or inactive item, or a community outside the street"),
        "415": error_response("The body is not JSON"),
    },
)
