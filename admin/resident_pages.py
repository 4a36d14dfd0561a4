"""Residents' own door, no account needed: ask (/r/<community>), the receipt, follow (/f/<token>)
and look a request up by ticket number and the phone's last four digits (/f/)."""

import base64

import mongoengine
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from admin.demand_values import english
from admin.public_views import record_evaluation
from models import Community, Demand
from models.base import utcnow
from models.choices import SATISFACTION
from weimin.core.errors import put_on_form
from weimin.core.qr import qr_svg
from weimin.demands.links import demand_id_from_follow, follow_token
from weimin.extensions import limiter
from weimin.notify import messages_for_demand
from weimin.residents import challenge, consent, follow, intake, lookup
from weimin.residents.form import form_for, item_fields, item_values, person
from weimin.residents.throttle import limit_errors

bp = Blueprint("resident", __name__)


def _community(code):
    community = Community.objects(code=code).first()
    if community is None:
        abort(404)
    return community


def _followed(token):
    demand_id = demand_id_from_follow(token)
    demand = Demand.objects(id=demand_id).first() if demand_id else None
    if demand is None:
        abort(404)
    return demand


def _ticket_key():
    return "resident-lookup:" + (request.args.get("ticket") or "").strip()


@bp.get("/r/<code>")
def community_page(code):
    """The community's door: pick an item (a 微心愿 is one of them)."""
    community = _community(code)
    groups = intake.offered_by_category(community)
    return render_template("resident/community.html", community=community, groups=groups)


@bp.route("/r/<code>/<item_code>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def ask(code, item_code):
    """The request form for one item; on success, the receipt."""
    community = _community(code)
    item = intake.find_item(community, item_code)
    if item is None:
        abort(404)
    form = form_for(item, english())
    problems = []
    if form.is_submitted():
        now = utcnow()
        valid = form.validate()
        if not challenge.passed(form.challenge.data, form.answer.data):
            form.answer.errors = [_("That is not the right answer. Try this new question.")]
            valid = False
        limits = limit_errors(form.resident_phone.data, form.resident_address.data, now)
        for name, message in limits.items():
            getattr(form, name).errors = [*getattr(form, name).errors, message]
        if valid and not limits:
            try:
                demand = intake.new_demand(community, item, person(form), item_values(form), now)
            except mongoengine.ValidationError as exc:
                problems = put_on_form(form, exc)
            else:
                intake.save(demand)
                return redirect(url_for(".receipt", token=follow_token(demand)))
    form.challenge.data, question = challenge.issue()  # a new question on every showing
    form.answer.data = ""
    return render_template(
        "resident/ask.html",
        community=community,
        item=item,
        form=form,
        item_fields=item_fields(form),
        question=question,
        problems=problems,
        consent_sections=consent.SECTIONS,
        consent_version=consent.VERSION,
    )


@bp.get("/f/<token>/receipt")
def receipt(token):
    """What the resident keeps: the ticket number and the private follow link with its QR."""
    demand = _followed(token)
    link = url_for(".follow_page", token=token, _external=True)
    return render_template(
        "resident/receipt.html",
        view=follow.status_view(demand),
        link=link,
        qr=qr_svg(link),
        duplicate=demand.duplicate_of is not None,
        kind=demand.kind,
    )


@bp.route("/f/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def follow_page(token):
    """Status, the steps meant for residents, the due date; the evaluation form at the end."""
    demand = _followed(token)
    errors = {}
    if request.method == "POST" and demand.evaluation is None:
        errors = record_evaluation(demand, request.form)
    return render_template(
        "resident/follow.html",
        view=follow.status_view(demand),
        demand=demand,
        errors=errors,
        satisfaction=SATISFACTION,
        can_evaluate=follow.can_evaluate(demand),
        evaluable=True,
        messages=messages_for_demand(demand),
    )


@bp.get("/f/")
@limiter.limit("10 per minute", exempt_when=lambda: "ticket" not in request.args)
@limiter.limit(
    "20 per hour", key_func=_ticket_key, exempt_when=lambda: "ticket" not in request.args
)
def lookup_page():
    """Status by ticket number and the phone's last four digits: no link, no evaluation."""
    found, error = None, None
    ticket = (request.args.get("ticket") or "").strip()
    if "ticket" in request.args:
        found = lookup.by_ticket(ticket, request.args.get("phone4"))
        if found is None:
            error = _("No request matches this ticket number and these digits.")
    return render_template(
        "resident/lookup.html",
        view=follow.status_view(found) if found else None,
        ticket=ticket,
        error=error,
    )


def qr_src(text):
    """A QR code as a data: URL for an <img> (the CSP allows data: images)."""
    return "data:image/svg+xml;base64," + base64.b64encode(str(qr_svg(text)).encode()).decode()


def init_resident_pages(app):
    app.register_blueprint(bp)
    app.jinja_env.globals.setdefault("qr_svg", qr_svg)
    app.jinja_env.globals.setdefault("qr_src", qr_src)
