"""The public bulletin (张榜公开): published monthly results and current star ratings."""

from flask import Blueprint, abort, render_template, request

from admin.report_views import provenance
from models import (
    ClearanceMonth,
    ClearanceReport,
    ObjectionContact,
    RatingPeriod,
    StarRating,
    Street,
)

bp = Blueprint("bulletin", __name__, url_prefix="/bulletin")


def published_months(street):
    """The street's published months, newest first, each with when it was published."""
    months = ClearanceMonth.objects(street=street, status="published").order_by("-month")
    return {m.month: m.published_at for m in months.only("month", "published_at")}


@bp.get("/")
def streets():
    return render_template("public/bulletin_index.html", streets=Street.objects.order_by("code"))


@bp.get("/<code>/")
def street(code):
    """One street's published month and its current ratings; no personal data."""
    street_doc = Street.objects(code=code).first()
    if street_doc is None:
        abort(404)
    months = published_months(street_doc)
    month = request.args.get("month") or next(iter(months), None)
    if month is not None and month not in months:
        abort(404)  # an unpublished month is never shown, whatever the URL says
    reports = []
    summary = None
    if month:
        reports = list(
            ClearanceReport.objects(
                street=street_doc, month=month, level="community", published=True
            ).order_by("rank")
        )
        summary = ClearanceReport.objects(
            street=street_doc, month=month, level="street", community=None, published=True
        ).first()
    # Only ratings the street has published (RatingPeriod), never a draft.
    latest = RatingPeriod.objects(street=street_doc, status="published").order_by("-period")
    latest = latest.first()
    ratings = (
        list(
            StarRating.objects(street=street_doc, period=latest.period, published=True).order_by(
                "-sort_score"
            )
        )
        if latest
        else []
    )
    return render_template(
        "public/bulletin_street.html",
        street=street_doc,
        months=list(months),
        month=month,
        published_at=months.get(month),
        reports=reports,
        summary=summary,
        report_provenance=provenance(reports + ([summary] if summary else [])),
        ratings=ratings,
        rating_provenance=provenance(ratings),
        period=latest.period if latest else None,
        rating_state=latest,
        contact=ObjectionContact.objects(street=street_doc).first(),
    )


def init_bulletin(app):
    app.register_blueprint(bp)
