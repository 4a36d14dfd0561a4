"""The grid worker's own pages under /grid/ (phone-sized): my grid, log a visit, my log, and
one tap from a visit's finding to a demand.

Community workers with a grid log visits in it; those without one choose a grid of their
community. Every lookup goes through the visits the user may read, so another community's
visit id in the URL is a 404.
"""

from datetime import UTC, datetime

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from mongoengine import ValidationError

from admin.grid_forms import TakeInForm, VisitForm
from admin.grid_views import GRID_LABELS
from models import Visit
from models.choices import PLACE_KINDS, VISIT_TAGS
from weimin.access import CREATE, READ, may, visits_in_scope
from weimin.core.errors import put_on_form
from weimin.core.periods import month_of
from weimin.core.workdays import TZ
from weimin.demands.intake import receipt
from weimin.grids.coverage import coverage, totals
from weimin.grids.visits import grids_to_log, items_for_visit, log_visit, take_in
from weimin.store.db import in_total_order

bp = Blueprint("gridlog", __name__, url_prefix="/grid")
PAGE = 20
FIELDS = ("place_kind", "place", "met", "met_phone", "findings", "tags", "follow_up")


@bp.before_request
def grid_workers_only():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    if not may(current_user, "grid_log", READ):
        abort(403)


def _visible(visit_id):
    try:
        oid = ObjectId(visit_id)
    except (InvalidId, TypeError):
        abort(404)
    return visits_in_scope(current_user, Visit).filter(pk=oid).first() or abort(404)


@bp.get("/")
def home():
    grids = grids_to_log(current_user)
    month = month_of(datetime.now(TZ))
    ids = {g.pk for g in grids}
    rows = [r for r in coverage([month], community=current_user.community.pk) if r.grid in ids]
    mine = Visit.objects(worker=current_user.pk)
    return render_template(
        "grid/home.html",
        grids=grids,
        month=month,
        rows=rows,
        total=totals(rows),
        recent=list(in_total_order(mine.order_by("-visited_at")).limit(5)),
        labels=GRID_LABELS,
        tags=dict(VISIT_TAGS),
    )


@bp.route("/visit/new", methods=("GET", "POST"))
def new_visit():
    if not may(current_user, "grid_log", CREATE):
        abort(403)
    form = VisitForm()
    grids = {str(g.pk): g for g in grids_to_log(current_user)}
    form.grid.choices = [("", "")] * (len(grids) != 1) + [(k, g.name) for k, g in grids.items()]
    if request.method == "GET":
        form.visited_at.data = datetime.now(TZ).replace(second=0, microsecond=0, tzinfo=None)
    if form.validate_on_submit():
        values = {name: getattr(form, name).data for name in FIELDS}
        values["visited_at"] = form.visited_at.data.replace(tzinfo=TZ).astimezone(UTC)
        try:
            visit = log_visit(current_user, grids[form.grid.data], values)
        except ValidationError as exc:
            for message in put_on_form(form, exc):
                flash(message, "danger")
        else:
            flash(_("Visit logged."), "success")
            return redirect(url_for(".visit", visit_id=visit.pk))
    elif request.method == "POST":
        flash(_("Please correct the errors below."), "danger")
    return render_template("grid/new_visit.html", form=form, title=_("Log a visit"))


@bp.get("/visits")
def visits():
    query = Visit.objects(worker=current_user.pk).order_by("-visited_at")
    page = max(request.args.get("page", 1, type=int), 1)
    rows = list(in_total_order(query).skip((page - 1) * PAGE).limit(PAGE + 1))
    return render_template(
        "grid/visits.html", rows=rows[:PAGE], page=page, more=len(rows) > PAGE,
        tags=dict(VISIT_TAGS),
    )  # fmt: skip


@bp.get("/visits/<visit_id>", endpoint="visit")
def show_visit(visit_id, form=None):
    visit = _visible(visit_id)
    if form is None and visit.demand is None:
        form = TakeInForm(
            resident_name=visit.met, resident_phone=visit.met_phone, description=visit.findings
        )
    if form is not None:
        form.item.choices = [(str(i.pk), i.name) for i in items_for_visit(current_user)]
    return render_template(
        "grid/visit.html", visit=visit, form=form, labels=GRID_LABELS, tags=dict(VISIT_TAGS),
        kinds=dict(PLACE_KINDS), mine=visit.worker.pk == current_user.pk,
    )  # fmt: skip


@bp.post("/visits/<visit_id>/demand")
def to_demand(visit_id):
    """One tap: the visit's finding taken in as a demand, linked both ways."""
    visit = _visible(visit_id)
    if not may(current_user, "grid_log", CREATE):
        abort(403)
    form = TakeInForm()
    items = {str(i.pk): i for i in items_for_visit(current_user)}
    form.item.choices = [(k, i.name) for k, i in items.items()]
    if not form.validate_on_submit():
        flash(_("Please correct the errors below."), "danger")
        return show_visit(visit_id, form=form)
    try:
        demand = take_in(
            visit, items[form.item.data], current_user, form.resident_name.data,
            form.resident_phone.data, form.description.data,
        )  # fmt: skip
    except ValidationError as exc:
        for message in put_on_form(form, exc):
            flash(message, "danger")
        return show_visit(visit_id, form=form)
    told = receipt(demand)
    flash(told["message"], "success")
    if told["duplicate"]:
        flash(told["duplicate"]["message"], "warning")
    return redirect(url_for(".visit", visit_id=visit.pk))


def init_grid_pages(app):
    """Register /grid/."""
    app.register_blueprint(bp)
