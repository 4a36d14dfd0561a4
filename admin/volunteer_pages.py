"""The volunteer's own pages under /me/ (phone-sized): log hours, records, total, stars.

A volunteer reaches only their own records: every lookup is filtered by their volunteer id,
so another record's id in the URL is a 404.
"""

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from mongoengine import ValidationError

from admin import (  # noqa: F401  (routes on bp)
    certificate_pages,
    claim_pages,
    message_pages,
    review_pages,
)
from admin.me import bp
from admin.record_views import RECORD_LABELS
from admin.volunteer_forms import CorrectionRequestForm, RecordForm
from models import ServiceRecord
from models.choices import RECORD_STATUSES
from weimin.access import PERSONAL_FIELDS, shown
from weimin.core.errors import put_on_form
from weimin.store.db import in_total_order
from weimin.volunteers.hours import correct, request_correction
from weimin.volunteers.organisers import organisations_led_by, organisations_to_choose
from weimin.volunteers.records import check, demand_to_link
from weimin.volunteers.stars import star_progress, star_rules

PAGE = 20
FIELDS = ("activity_name", "activity_date", "location", "content", "hours", "leader", "late_reason")


def own_record(record_id):
    try:
        oid = ObjectId(record_id)
    except (InvalidId, TypeError):
        abort(404)
    return ServiceRecord.objects(pk=oid, volunteer=g.volunteer).first() or abort(404)


def _choose_organisation(form):
    """The volunteer's teams first, then the active organisations of their street."""
    orgs = organisations_to_choose(g.volunteer)
    form.organisation.choices = [("", "")] + [(str(o.pk), o.name) for o in orgs]
    return {str(o.pk): o for o in orgs}


def _values(form, orgs):
    values = {name: getattr(form, name).data for name in FIELDS}
    values["organisation"] = orgs[form.organisation.data]
    return values


@bp.get("/")
def home():
    volunteer = g.volunteer
    thresholds, _cap = star_rules(volunteer.street)
    mine = ServiceRecord.objects.of_volunteer(volunteer)
    return render_template(
        "volunteer/home.html",
        volunteer=volunteer,
        stars=star_progress(volunteer.approved_hours, thresholds),
        counts=mine.counts_by_status(),
        recent=mine.limit(5),
        leads=organisations_led_by(current_user).count(),
        claimed=list(claim_pages.claimed_by(volunteer)[:20]),
        mine_shown={f: shown(current_user, volunteer, f) for f in PERSONAL_FIELDS},
        labels=RECORD_LABELS,
    )


@bp.route("/log", methods=("GET", "POST"))
def log():
    form = RecordForm()
    del form.reason
    orgs = _choose_organisation(form)
    if form.validate_on_submit():
        record = ServiceRecord(
            volunteer=g.volunteer, entered_by=current_user.username, **_values(form, orgs)
        )
        ticket = (form.demand.data or "").strip()
        try:
            if ticket:
                record.demand = demand_to_link(g.volunteer, ticket, record.organisation)
            check(record)
        except ValidationError as exc:
            for message in put_on_form(form, exc):
                flash(message, "danger")
        else:
            record.save()
            flash(_("Recorded; it now awaits approval."), "success")
            return redirect(url_for(".record", record_id=record.pk))
    return render_template("volunteer/log.html", form=form, title=_("Log service hours"))


@bp.get("/records")
def records():
    status = request.args.get("status")
    query = ServiceRecord.objects.of_volunteer(g.volunteer)
    if status in dict(RECORD_STATUSES):
        query = query.filter(status=status)
    page = max(request.args.get("page", 1, type=int), 1)
    rows = list(in_total_order(query).skip((page - 1) * PAGE).limit(PAGE + 1))
    return render_template(
        "volunteer/records.html",
        rows=rows[:PAGE],
        status=status,
        page=page,
        more=len(rows) > PAGE,
        statuses=RECORD_STATUSES,
    )


@bp.get("/records/<record_id>", endpoint="record")
def show_record(record_id, request_form=None):
    return render_template(
        "volunteer/record.html",
        record=own_record(record_id),
        form=request_form or CorrectionRequestForm(),
        labels=RECORD_LABELS,
        statuses=dict(RECORD_STATUSES),
    )


@bp.route("/records/<record_id>/edit", methods=("GET", "POST"))
def edit(record_id):
    record = own_record(record_id)
    if record.status == "approved":
        flash(
            _("Approved records are corrected by the organisers: ask for a correction."), "warning"
        )
        return redirect(url_for(".record", record_id=record.pk))
    form = RecordForm(obj=record)
    del form.demand
    orgs = _choose_organisation(form)
    if request.method == "GET":
        form.organisation.data = str(record.organisation.pk)
    if form.validate_on_submit():
        try:
            correct(
                record.pk,
                _values(form, orgs),
                current_user.username,
                reason=form.reason.data,
                resubmit=record.status == "rejected",
            )
        except ValidationError as exc:
            for message in put_on_form(form, exc):
                flash(message, "danger")
        else:
            flash(_("Saved; the earlier values are kept in the history."), "success")
            return redirect(url_for(".record", record_id=record.pk))
    return render_template(
        "volunteer/log.html", form=form, record=record, title=_("Correct the record")
    )


@bp.post("/records/<record_id>/request")
def ask_correction(record_id):
    record = own_record(record_id)
    form = CorrectionRequestForm()
    if record.status != "approved" or not form.validate_on_submit():
        return show_record(record_id, request_form=form)
    request_correction(record.pk, g.volunteer.pk, form.text.data, current_user.username)
    flash(_("Your request was sent to the organisers."), "success")
    return redirect(url_for(".record", record_id=record.pk))


def init_volunteer_pages(app):
    """Register /me/ (with the certificate and review pages) and the public /verify/."""
    app.register_blueprint(bp)
    app.register_blueprint(certificate_pages.verify_bp)
