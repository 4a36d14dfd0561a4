"""Error pages in the user's language, each area in its own layout, always with a way back.

An area (the admin, the volunteer pages, the JSON API) registers how it answers under its path
prefix; an area that declines (say, nobody signed in) leaves the plain public page.
"""

from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

CODES = (400, 401, 403, 404, 405, 410, 413, 429, 500)
MESSAGES = {
    400: (_l("Bad request"),
          _l("The request could not be understood. Check what you entered and try again.")),
    401: (_l("Please sign in"), _l("This page needs a sign-in.")),
    403: (_l("No access"), _l("Your account may not open this page.")),
    404: (_l("Page not found"), _l("The page does not exist, or it is not in your area.")),
    405: (_l("Not possible this way"),
          _l("This page cannot be used like that; go back and use its buttons.")),
    410: (_l("Link expired"), _l("This link has expired.")),
    413: (_l("Too large"), _l("The file or form sent is too large.")),
    429: (_l("Too many requests"), _l("Wait a minute, then try again.")),
    500: (_l("Something went wrong"),
          _l("The error has been logged. Try again later, or tell your administrator.")),
}  # fmt: skip


def area(app, prefix, answer):
    """Let `answer(exc)` reply to errors under `prefix`; it returns None to decline."""
    app.extensions.setdefault("error_areas", {})[prefix] = answer


def details(exc):
    """The page's code, title and message: the code's own, or what the refusal said."""
    code = exc.code if isinstance(exc, HTTPException) and exc.code in MESSAGES else 500
    title, message = MESSAGES[code]
    said = getattr(exc, "description", None)
    if isinstance(exc, CSRFError):  # Flask-WTF says why in English
        message = _l("The form has expired or came from elsewhere; reload the page and try again.")
    elif code != 500 and said and said != type(exc).description:
        message = said  # a refusal that gave its own reason (already in the user's language)
    return {"code": code, "title": title, "message": message}


def public_page(exc):
    """The plain page: no menu, a link home (which leads each user to their own start)."""
    return render_template("errors/page.html", **details(exc)), details(exc)["code"]


def answer(exc):
    """Ask the area of the path, longest prefix first, then fall back to the plain page."""
    areas = current_app.extensions.get("error_areas", {})
    for prefix in sorted(areas, key=len, reverse=True):
        if request.path.startswith(prefix):
            try:
                reply = areas[prefix](exc)
            except Exception:  # the layout itself failed: the plain page still tells the user
                current_app.logger.exception("error page of %s failed", prefix)
                reply = None
            if reply is not None:
                return reply
    return public_page(exc)


def init_errors(app):
    """Answer every error code, and unexpected exceptions, with a page."""
    app.extensions.setdefault("error_areas", {})
    for code in CODES:
        app.register_error_handler(code, answer)
    app.register_error_handler(InternalServerError, answer)
