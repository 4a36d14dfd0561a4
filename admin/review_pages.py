"""/me/review: a volunteer who leads an organising unit approves or rejects its records."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, redirect, render_template, url_for
from flask_login import current_user

from admin.me import bp
from admin.record_views import RECORD_LABELS, DecisionForm
from models import ServiceRecord
from weimin.access import can_decide
from weimin.volunteers.organisers import organisations_led_by


def _led():
    return list(organisations_led_by(current_user).only("id", "name"))


@bp.get("/review")
def review():
    orgs = _led()
    if not orgs:
        abort(404)
    rows = ServiceRecord.objects.awaiting_review(orgs, current_user.volunteer).limit(100)
    return render_template("volunteer/review.html", rows=rows, orgs=orgs)


@bp.route("/review/<record_id>", methods=("GET", "POST"))
def decide(record_id):
    record = ServiceRecord.objects(pk=_oid(record_id)).first()
    if record is None or not can_decide(current_user, record):
        abort(404)
    form = DecisionForm()
    if form.decide(record):
        return redirect(url_for(".review"))
    return render_template("volunteer/decide.html", record=record, form=form, labels=RECORD_LABELS)


def _oid(text):
    try:
        return ObjectId(text)
    except (InvalidId, TypeError):
        abort(404)
