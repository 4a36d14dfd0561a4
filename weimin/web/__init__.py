"""The web shell: languages, security headers and limits, sign-in and sessions."""

from weimin.web.stateless import init_stateless


def init_web(app):
    """Languages first (the others render messages), error pages, headers, then sign-in."""
    from weimin.web.auth import init_auth
    from weimin.web.errors import init_errors
    from weimin.web.i18n import init_i18n
    from weimin.web.security import init_security

    init_stateless(app)
    init_i18n(app)
    init_errors(app)
    init_security(app)
    init_auth(app)
