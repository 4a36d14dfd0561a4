"""The JSON API under /api/v1/."""

from flask import Blueprint, jsonify

from weimin.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/health")
def health():
    return jsonify(status="ok")


def init_api(app):
    """Register the API blueprint; it authenticates by token, not by session CSRF."""
    csrf.exempt(bp)
    app.register_blueprint(bp)
