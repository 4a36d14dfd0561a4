"""The JSON API under /api/v1/: token-authenticated, JSON errors, an OpenAPI document."""

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from api.auth import public
from api.openapi import operation, serve_spec
from weimin.extensions import csrf
from weimin.web.errors import area as error_area
from weimin.web.stateless import stateless_area

bp = Blueprint("api", __name__, url_prefix="/api/v1")
AREA = "/api/"  # every version of the API: stateless, and answering errors in JSON


@bp.get("/health")
@public
def health():
    return jsonify(status="ok")


operation("/health", "get", summary="Liveness check", responses={"200": {"description": "OK"}})


bp.add_url_rule("/openapi.json", "openapi", public(serve_spec))


MAX_DEPTH = 32  # no request of the API nests deeper than a few levels


@bp.before_request
def checked_body():
    """Parse a JSON body once and refuse what no view could store, before any view runs."""
    if not request.is_json:
        return
    try:
        body = request.get_json(silent=True)  # cached for the view
    except RecursionError:  # the parser gives up on very deep nesting; not a ValueError
        abort(400, description=_("The JSON body is nested too deeply."))
    unstorable = _unstorable(body)
    if unstorable:
        message = _("Contains a character that cannot be stored (a lone surrogate).")
        raise ValidationError({path or "_schema": [message] for path in unstorable})


def _storable(text):
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: valid JSON escapes, not valid UTF-8 (BSON)
        return False
    return True


def _unstorable(body):
    """Paths ("values.note") of texts MongoDB cannot store; 400 when nested too deeply."""
    found, todo = [], [("", body, 0)]
    while todo:
        path, value, depth = todo.pop()
        if depth > MAX_DEPTH:
            abort(400, description=_("The JSON body is nested too deeply."))
        if isinstance(value, str) and not _storable(value):
            found.append(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                inner = f"{path}.{key}" if path else key
                if _storable(key):
                    todo.append((inner, item, depth + 1))
                else:
                    found.append(inner)
        elif isinstance(value, list):
            todo.extend(
                (f"{path}.{i}" if path else str(i), v, depth + 1) for i, v in enumerate(value)
            )
    return sorted(found)


@bp.errorhandler(ValidationError)
def invalid(exc):
    return jsonify(message=_("The request has invalid fields."), errors=exc.messages), 400


@bp.errorhandler(HTTPException)
def http_error(exc):
    default = {
        400: _("The request could not be understood."),
        401: _("A valid API token is required."),
        403: _("This operation is not allowed."),
        404: _("Not found."),
        405: _("Method not allowed."),
        409: _("The record was changed by someone else; reload and try again."),
        413: _("The request is too large."),
        415: _("Send the body as application/json."),
        429: _("Too many requests; slow down."),
    }
    message = exc.description if _is_custom(exc) else default.get(exc.code, exc.name)
    body = {"message": message}
    errors = getattr(exc, "errors", None)
    if errors:
        body["errors"] = errors
    return jsonify(body), exc.code


def _is_custom(exc):
    return exc.description and exc.description != type(exc).description


@bp.errorhandler(Exception)
def server_error(exc):
    from flask import current_app

    current_app.logger.exception("API error")
    return jsonify(message=_("Internal error; it has been logged.")), 500


def init_api(app):
    """Register the API; it authenticates by token, not by session CSRF."""
    import api.catalogue  # noqa: F401  (registers its routes on bp)
    import api.demand_status  # noqa: F401  (registers its routes on bp)
    import api.intake  # noqa: F401  (registers its routes on bp)

    csrf.exempt(bp)
    app.register_blueprint(bp)
    stateless_area(app, AREA)  # a token on every request: no session

    # JSON errors for unknown paths under /api/ too (not only inside matched routes).
    error_area(app, AREA, http_error)
