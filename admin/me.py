"""The blueprint of the volunteer's own pages under /me/: volunteers only, each to their own."""

from flask import Blueprint, abort, g, redirect, request, url_for
from flask_login import current_user

from weimin.access import READ, may

bp = Blueprint("me", __name__, url_prefix="/me")


@bp.before_request
def volunteers_only():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    if not may(current_user, "me", READ) or current_user.volunteer is None:
        abort(403)
    g.volunteer = current_user.volunteer


@bp.app_template_filter("hours")
def hours_filter(value):
    """2.50 → 2.5, 100 → 100: exact, without a float in between."""
    return "0" if value is None else f"{value.normalize():f}"
