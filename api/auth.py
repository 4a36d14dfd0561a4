"""Token authentication for channel integrations."""

from functools import wraps

from flask import abort, g, request
from flask_babel import gettext as _

from models.api_token import ApiToken
from weimin.access import token_may


def public(view):
    """Mark an API view as open to anyone (it must then show no personal data)."""
    view.public = True
    return view


def require_token(*scopes):
    """Let the request through only with an active token holding every named scope."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            presented = header[7:].strip() if header.lower().startswith("bearer ") else None
            token = ApiToken.authenticate(presented) if presented else None
            if token is None:
                abort(401, description=_("A valid API token is required."))
            missing = [s for s in scopes if not token_may(token, s)]
            if missing:
                abort(
                    403, description=_("This token may not: %(scopes)s", scopes=", ".join(missing))
                )
            token.mark_used()
            g.api_token = token
            return view(*args, **kwargs)

        wrapper.required_scopes = scopes
        return wrapper

    return decorator
