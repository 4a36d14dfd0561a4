"""Areas that keep no state between requests (the JSON API): their requests get no session.

A client of such an area identifies itself on every request (a token), so nothing is read
from a session cookie, nothing is written back, and no cookie is ever set; code that tries to
write one there fails loudly instead of leaking state into the next request.
"""

from flask import current_app, has_request_context, request
from flask.sessions import NullSession, SecureCookieSessionInterface


def stateless_area(app, prefix):
    """Declare the paths under `prefix` stateless."""
    app.extensions.setdefault("stateless_areas", set()).add(prefix)


def in_stateless_area():
    """Whether the current request lies in a stateless area."""
    return has_request_context() and _within(current_app, request.path)


def _within(app, path):
    return any(path.startswith(prefix) for prefix in app.extensions.get("stateless_areas", ()))


class NoSession(NullSession):
    """The session of a stateless area's request: empty, and no place to keep anything."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError(f"{request.path} is in a stateless area: it keeps no session")

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _fail


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, except in the stateless areas: a null session there,
    which reads as empty, refuses writes and is never saved."""

    def open_session(self, app, request):
        if _within(app, request.path):
            return NoSession()
        return super().open_session(app, request)


def init_stateless(app):
    app.session_interface = SessionInterface()
