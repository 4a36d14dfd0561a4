"""A volunteer's claimed wishes on /me/: what they hold, by when, and giving one back."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from admin.me import bp
from models import Demand
from weimin.access import CLAIM, may
from weimin.demands import transitions


def claimed_by(volunteer):
    """The wishes `volunteer` holds now, the most urgent first."""
    held = Demand.objects(kind="wish", status="claimed", assigned_volunteer=volunteer)
    return held.order_by("deadline_at", "id")


@bp.post("/wishes/<wish_id>/release")
def release(wish_id):
    """Give a claimed wish back to the wall; the claim slot is freed by the transition."""
    if not may(current_user, "wish", CLAIM):
        abort(403)
    try:
        oid = ObjectId(wish_id)
    except (InvalidId, TypeError):
        abort(404)
    wish = claimed_by(g.volunteer).filter(pk=oid).first() or abort(404)
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm: this cannot be undone."), "danger")
        return redirect(url_for(".home"))
    try:
        transitions.apply(wish, "release", current_user.username, _("Released by the volunteer"))
    except (transitions.TransitionError, transitions.Conflict) as exc:
        flash(str(getattr(exc, "message", exc)), "danger")
    else:
        flash(_("%(ticket)s is back on the wish wall.", ticket=wish.ticket_no), "success")
    return redirect(url_for(".home"))
