"""Taking in a demand from a channel integration, checked against the item's own fields."""

import mongoengine
from flask import abort, g, jsonify, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from api import bp
from api.auth import require_token
from api.catalogue import find_item
from api.intake_schema import DemandCreated, IntakeIn, load
from api.openapi import error_response, operation
from models import Demand, memo
from models.references import ref_id
from weimin.access import token_scope
from weimin.catalogue.spec import store_values
from weimin.core.errors import field_errors
from weimin.demands.intake import prepare_new, receipt
from weimin.store.audit import insert_new

CREATED = DemandCreated()  # one instance: dumping leaves it unchanged


@bp.post("/demands")
@require_token("demands:create")
def take_in():
    body = request.get_json(silent=True)
    if not request.is_json:
        abort(415)
    if not isinstance(body, dict):
        raise ValidationError({"_schema": [_("Send one JSON object.")]})
    street = memo.street(ref_id(g.api_token, "street"))
    item = find_item(street, body["item"]) if isinstance(body.get("item"), str) else None
    if isinstance(body.get("item"), str) and item is None:
        abort(404, description=_("No such service item in this street's catalogue."))
    community = None
    if isinstance(body.get("community"), str):
        within = token_scope(g.api_token)["street"]
        community = memo.community(within, body["community"])  # remembered, as the item is
        if community is None:
            abort(404, description=_("No such community in this token's street."))
    data = load(item, body)
    demand = Demand(item=item, street=street, community=community, **_fixed(data))
    demand.values = store_values(item.specs(), data["values"])
    try:
        prepare_new(demand, g.api_token.name)  # validates before it takes a ticket number
    except mongoengine.ValidationError as exc:
        errors = {name: [message] for name, message in field_errors(exc).items()}
        return jsonify(message=_("The request has invalid fields."), errors=errors), 400
    insert_new(demand)  # prepare_new validated it in full; only its ticket is new
    return jsonify(CREATED.dump(_created(demand))), 201


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
