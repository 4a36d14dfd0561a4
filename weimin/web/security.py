"""CSRF, rate limits, cookie settings and security headers for every response."""

import secrets

from flask import g
from werkzeug.middleware.proxy_fix import ProxyFix

from weimin.extensions import csrf, limiter

# Flask-Admin's filter menu carries onclick="return false;"; its hash is the one inline
# handler allowed. Everything else is our own files or scripts with the per-request nonce.
RETURN_FALSE_HASH = "sha256-2rvfFrggTCtyF5WOiTri1gDS8Boibj4Njn0e+VCBmDI="
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'nonce-{nonce}' 'unsafe-hashes' '" + RETURN_FALSE_HASH + "'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)


def csp_nonce():
    """The nonce for this request's inline scripts."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def trust_proxies(app):
    """Take the client's address and scheme from the headers of that many proxies in front.

    Without it, behind a proxy every request comes from the proxy's address, so all clients
    share one sign-in throttling bucket. Only the hops configured are believed: a client's own
    X-Forwarded-For entries further left are ignored.
    """
    hops = app.config.get("TRUSTED_PROXIES") or 0
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


def init_security(app):
    """Turn on CSRF for every form, the limiter and the response headers."""
    app.config.setdefault("RATELIMIT_STORAGE_URI", "memory://")
    trust_proxies(app)
    csrf.init_app(app)
    limiter.init_app(app)

    @app.route("/favicon.ico")
    def favicon():
        return "", 204

    @app.after_request
    def no_javascript_urls(response):
        # Flask-Admin's templates use href="javascript:void(0)" for menu toggles; under our CSP
        # following one is a violation, while "#" is harmless and their handlers still run.
        if response.mimetype == "text/html" and not response.direct_passthrough:
            body = response.get_data(as_text=True)
            if "javascript:void(0)" in body:
                response.set_data(body.replace('href="javascript:void(0)"', 'href="#"'))
        return response

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP.format(nonce=csp_nonce()))
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.context_processor
    def nonce_context():
        return {"csp_nonce": csp_nonce}
