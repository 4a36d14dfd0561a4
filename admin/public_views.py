"""Pages without the admin: the public wish wall and the resident's evaluation link."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import Demand
from models.choices import SATISFACTION, STATUSES, label
from models.demand import Evaluation
from weimin.access import CLAIM, READ, may
from weimin.demands import transitions
from weimin.demands.lifecycle import ACTIONS, available_actions
from weimin.demands.links import demand_id_from
from weimin.demands.wishes import wall_query
from weimin.extensions import limiter
from weimin.store.db import in_total_order

bp = Blueprint("public", __name__, template_folder="templates")
PAGE = 20


@bp.get("/wall/")
def wall():
    """Open wishes, with no personal data; volunteers who are signed in may claim."""
    page = max(request.args.get("page", 1, type=int), 1)
    wishes = list(in_total_order(wall_query()).skip((page - 1) * PAGE).limit(PAGE + 1))
    can_claim = may(current_user, "wish", CLAIM)
    return render_template(
        "public/wall.html",
        wishes=wishes[:PAGE],
        page=page,
        more=len(wishes) > PAGE,
        can_claim=can_claim,
        my_page=may(current_user, "me", READ),  # a volunteer's way back to their own page
    )


@bp.post("/wall/<wish_id>/claim")
def claim(wish_id):
    if not may(current_user, "wish", CLAIM):
        return redirect(url_for("auth.login", next=url_for("public.wall")))
    try:
        wish = Demand.objects(id=ObjectId(wish_id), kind="wish").first()
    except InvalidId:
        wish = None
    if wish is None:
        abort(404)
    if request.form.get("confirm") != "yes":
        flash(_("Tick the box to confirm the claim."), "danger")
        return redirect(url_for("public.wall"))
    try:
        transitions.apply(wish, "claim", current_user.username, volunteer=current_user.volunteer)
    except transitions.TransitionError as exc:
        flash(
            " ".join([exc.message, *[str(m) for ms in exc.errors.values() for m in ms]]), "danger"
        )
    except transitions.Conflict:
        flash(_("Someone claimed this wish a moment ago."), "danger")
    else:
        flash(_("Claimed %(ticket)s. Thank you!", ticket=wish.ticket_no), "success")
        return redirect(url_for("me.home"))  # where the volunteer's claimed wishes are listed
    return redirect(url_for("public.wall"))


@bp.route("/e/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def evaluate(token):
    """The resident rates a finished demand once, without signing in."""
    demand_id = demand_id_from(token)
    demand = Demand.objects(id=demand_id).first() if demand_id else None
    if demand is None:
        abort(404)
    errors = {}
    if request.method == "POST" and demand.evaluation is None:
        errors = record_evaluation(demand, request.form)
    return render_template(
        "public/evaluate.html",
        demand=demand,
        errors=errors,
        satisfaction=SATISFACTION,
        status=label(STATUSES, demand.status),
        can_evaluate="evaluate" in _next(demand),
    )


def record_evaluation(demand, form):
    """Record the resident's evaluation posted in `form`; {field: message} when refused.

    The one place a resident's evaluation is checked and applied: the evaluation link and the
    follow page both call it.
    """
    errors = {}
    satisfaction = form.get("satisfaction")
    resolved = form.get("resolved")
    if satisfaction not in dict(SATISFACTION):
        errors["satisfaction"] = _("Choose how satisfied you are.")
    if resolved not in ("yes", "no"):
        errors["resolved"] = _("Say whether the problem was solved.")
    if errors:
        return errors
    evaluation = Evaluation(
        satisfaction=satisfaction,
        resolved=resolved == "yes",
        comment=(form.get("comment") or "").strip() or None,
        by="resident",
    )
    try:
        transitions.apply(demand, "evaluate", "resident", evaluation=evaluation)
        demand.reload()
    except transitions.TransitionError as exc:
        errors.update({k: " ".join(map(str, v)) for k, v in exc.errors.items()})
        errors["form"] = exc.message
    except transitions.Conflict as exc:
        errors["form"] = str(exc)
    return errors


def _next(demand):
    return available_actions(demand)


def init_public(app):
    app.register_blueprint(bp)
    app.jinja_env.globals.setdefault("ACTIONS", ACTIONS)
