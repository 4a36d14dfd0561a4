"""Status lookup for residents, and lifecycle actions for channel integrations."""

from flask import abort, g, jsonify, request
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from api import bp
from api.auth import public, require_token
from api.openapi import error_response, operation
from models import Demand, Fund, Organisation
from models.choices import SATISFACTION, STATUSES, label
from models.demand import Evaluation
from weimin.access import token_scope
from weimin.demands import transitions
from weimin.demands.lifecycle import ACTIONS, STAFF_ONLY
from weimin.extensions import limiter
from weimin.residents import lookup

# transition error field -> request body field
API_FIELDS = {
    "organisation": "organisation_id",
    "comment": "evaluation.comment",
    "fund": "fund_id",
}


class StatusStep(Schema):
    at = fields.DateTime()
    action = fields.String()
    action_label = fields.String()
    status = fields.String()


class PublicStatus(Schema):
    ticket_no = fields.String()
    kind = fields.String()
    item = fields.String()
    status = fields.String()
    status_label = fields.String()
    received_at = fields.DateTime()
    deadline_at = fields.DateTime(allow_none=True)
    closed_at = fields.DateTime(allow_none=True)
    timeline = fields.List(fields.Nested(StatusStep))


class EvaluationIn(Schema):
    satisfaction = fields.String(required=True, validate=validate.OneOf(dict(SATISFACTION)))
    resolved = fields.Boolean(required=True)
    comment = fields.String(load_default=None, metadata={"description": "at most 1000 characters"})


class TransitionIn(Schema):
    action = fields.String(
        required=True,
        validate=validate.OneOf([name for name in ACTIONS if name not in STAFF_ONLY]),
    )
    rev = fields.Integer(required=True, metadata={"description": "the revision you last read"})
    note = fields.String(
        load_default=None, metadata={"description": "at most 1000 characters (500 to reject)"}
    )
    organisation_id = fields.String(load_default=None)
    subsidy = fields.Decimal(load_default=None, as_string=True)
    fund_id = fields.String(
        load_default=None,
        metadata={"description": "release_subsidy: the fund that pays (default: the fiscal fund)"},
    )
    evaluation = fields.Nested(EvaluationIn, load_default=None)


def public_status(demand):
    """What anyone holding the ticket and phone suffix may see: no personal data."""
    return PublicStatus().dump(
        {
            "ticket_no": demand.ticket_no,
            "kind": demand.kind,
            "item": str(demand.item),  # "(deleted)" when older data lost the item
            "status": demand.status,
            "status_label": str(label(STATUSES, demand.status)),
            "received_at": demand.received_at,
            "deadline_at": demand.deadline_at,
            "closed_at": demand.closed_at,
            "timeline": [
                {
                    "at": s.at,
                    "action": s.action,
                    "action_label": str(ACTIONS.get(s.action, "")),
                    "status": s.to_status,
                }
                for s in demand.timeline
            ],
        }
    )


@bp.get("/demands/<ticket>")
@public
@limiter.limit("30 per minute")
def demand_status(ticket):
    # The same answer for a wrong suffix and an unknown ticket: nothing leaks.
    demand = lookup.by_ticket(ticket, request.args.get("phone4", ""))
    if demand is None:
        abort(404)
    return jsonify(public_status(demand))


@bp.post("/demands/<ticket>/transitions")
@require_token("demands:act")
def demand_transition(ticket):
    body = TransitionIn().load(request.get_json(silent=True) or {})
    demand = Demand.objects(ticket_no=ticket, **token_scope(g.api_token)).first()
    if demand is None:
        abort(404)
    params = {}
    if body["organisation_id"]:
        org = (
            Organisation.objects(id=body["organisation_id"]).first()
            if len(body["organisation_id"]) == 24
            else None
        )
        if org is None:
            return jsonify(
                message=_("Unknown organisation."),
                errors={"organisation_id": [_("Unknown organisation.")]},
            ), 400
        params["organisation"] = org
    if body["subsidy"] is not None:
        params["subsidy"] = body["subsidy"]
    if body["fund_id"]:  # an unknown id is refused by the subsidy step, under fund_id
        found = Fund.objects(id=body["fund_id"]).first() if len(body["fund_id"]) == 24 else None
        params["fund"] = found or body["fund_id"]
    if body["evaluation"]:
        params["evaluation"] = Evaluation(**body["evaluation"], by=g.api_token.name)
    try:
        demand = transitions.apply(
            demand, body["action"], g.api_token.name, body["note"], rev=body["rev"], **params
        )
    except transitions.TransitionError as exc:
        # The body names the organisation `organisation_id`; report its errors under that name.
        errors = {API_FIELDS.get(k, k): [str(m) for m in v] for k, v in exc.errors.items()}
        return jsonify(message=exc.message, errors=errors), 400
    except transitions.Conflict as exc:
        return jsonify(message=str(exc)), 409
    return jsonify({**public_status(demand), "rev": demand.rev})


operation(
    "/demands/{ticket}",
    "get",
    summary="Status of a demand for the resident (ticket number + last four phone digits)",
    parameters=[
        {"in": "path", "name": "ticket", "required": True, "schema": {"type": "string"}},
        {
            "in": "query",
            "name": "phone4",
            "required": True,
            "schema": {"type": "string", "pattern": "^[0-9]{4}$"},
        },
    ],
    responses={
        "200": {"description": "Status", "content": {"application/json": {"schema": PublicStatus}}},
        "404": error_response("Unknown ticket or wrong phone digits"),
        "429": error_response("Too many look-ups"),
    },
)
operation(
    "/demands/{ticket}/transitions",
    "post",
    summary="Take a lifecycle action on a demand of the token's street",
    security=[{"token": []}],
    parameters=[{"in": "path", "name": "ticket", "required": True, "schema": {"type": "string"}}],
    requestBody={"required": True, "content": {"application/json": {"schema": TransitionIn}}},
    responses={
        "200": {
            "description": "New status",
            "content": {"application/json": {"schema": PublicStatus}},
        },
        "401": error_response("No valid token"),
        "403": error_response("Token lacks the demands:act scope"),
        "404": error_response("No such demand in the token's street"),
        "400": error_response("Invalid fields, or an action the status at `rev` does not allow"),
        "409": error_response("`rev` is stale: the demand changed since; nothing written"),
    },
)
