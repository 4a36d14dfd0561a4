"""The public bulletin's awards of purchased services (公示): who won which call, the ranking
scores, until when objections are taken (working days) and how many were received and
answered (never who raised them)."""

from flask import abort, render_template

from admin.bulletin_views import bp
from models import Application, ObjectionContact, PurchaseCall, Street
from weimin.access import with_district
from weimin.core.money import yuan
from weimin.purchase import objections, review


@bp.get("/<code>/awards")
def awards(code):
    street = Street.objects(code=code).first()
    if street is None:
        abort(404)
    # The street's calls and the district-wide ones its organisations could take part in.
    calls = with_district(PurchaseCall, street).filter(status__in=("awarded", "final"))
    calls = calls.order_by("-id")
    shown = []
    for call in calls.limit(20):
        winners = Application.objects(call=call.pk, status="awarded")
        totals = {r.application.pk: r.total for r in review.ranking(call)}
        shown.append((call, [(a.organisation.name, yuan(a.budget), totals.get(a.pk))
                             for a in winners], objections.tally(call)))  # fmt: skip
    return render_template("public/bulletin_awards.html", street=street, shown=shown,
                           contact=ObjectionContact.objects(street=street).first())  # fmt: skip
