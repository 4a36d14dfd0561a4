"""The organisation account's pages under /org/: open calls (and why not eligible), its own
applications with results, and its star ratings. Each organisation sees only its own."""

from bson import ObjectId
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from admin.purchase_forms import (
    application_input,
    flash_errors,
    objection_upload,
    send_attachment,
    send_document,
    slots,
)
from models import Application, PurchaseContract, PurchaseObjection, StarRating
from models.application import APPLICATION_STATES
from models.base import utcnow
from models.choices import label
from models.purchase_call import CALL_STATES
from models.purchase_objection import OBJECTION_STATES
from models.references import ref_id
from weimin.access import READ, may
from weimin.access.scope import org_calls, own_organisation
from weimin.core.money import yuan
from weimin.demands.errors import TransitionError
from weimin.purchase import applications, eligibility, objections, results

bp = Blueprint("org", __name__, url_prefix="/org")
SHOWN_STATES = ("published", "closed", "reviewing", "awarded", "final")


@bp.before_request
def organisations_only():
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path))
    if not may(current_user, "org", READ) or own_organisation(current_user) is None:
        abort(403)


def _org():
    return own_organisation(current_user)


def _labels():
    return {"call_state": lambda c: label(CALL_STATES, c),
            "app_state": lambda c: label(APPLICATION_STATES, c),
            "objection_state": lambda c: label(OBJECTION_STATES, c)}  # fmt: skip


@bp.get("/")
def home():
    """Calls of the organisation's street and the district's, whether it may apply and why not;
    its applications."""
    org, now = _org(), utcnow()
    calls = org_calls(org).filter(status="published").order_by("deadline")
    mine = list(Application.objects(organisation=org.pk).order_by("-submitted_at"))
    applied = {ref_id(a, "call") for a in mine}
    offers = [(c, eligibility.reasons(c, org, now)) for c in calls if c.pk not in applied]
    ratings = StarRating.objects(subject_type="organisation", organisation=org.pk,
                                 published=True).order_by("-period")  # fmt: skip
    contracts = PurchaseContract.objects(organisation=org.pk).order_by("-id")
    objected = PurchaseObjection.objects(organisation=org.pk).order_by("-id")
    return render_template("org/home.html", org=org, offers=offers, mine=mine,
                           ratings=ratings, contracts=contracts, objected=objected,
                           **_labels())  # fmt: skip


def _call(call_id):
    """A published call of the organisation's street or the district; 404 for any other."""
    if not ObjectId.is_valid(call_id or ""):
        abort(404)
    call = org_calls(_org()).filter(pk=call_id, status__in=SHOWN_STATES).first()
    if call is None:
        abort(404)
    return call


@bp.route("/calls/<call_id>/apply", methods=("GET", "POST"))
def apply(call_id):
    """Apply to a call: refused at once, saying why, when the organisation may not."""
    call, org = _call(call_id), _org()
    refused = eligibility.reasons(call, org, utcnow())
    if request.method == "POST":
        form, uploads = application_input(call)
        try:
            application = applications.submit(call, org, form, uploads, current_user.username,
                                              utcnow())  # fmt: skip
        except TransitionError as exc:
            flash(exc.message, "danger")
            flash_errors(exc.errors)
        else:
            flash(_("The application was taken in."), "success")
            return redirect(url_for("org.application", app_id=application.pk))
    return render_template("org/apply.html", call=call, refused=refused, slots=slots(call),
                           values=request.form, yuan=yuan)  # fmt: skip


def _own(app_id, model=Application):
    """One of the organisation's own applications (or objections); 404 for anyone else's."""
    if not ObjectId.is_valid(app_id or ""):
        abort(404)
    found = model.objects(pk=app_id, organisation=_org().pk).first()
    if found is None:
        abort(404)
    return found


@bp.get("/applications/<app_id>")
def application(app_id):
    found = _own(app_id)
    contract = PurchaseContract.objects(application=found.pk).first()
    mine = PurchaseObjection.objects(call=ref_id(found, "call"), organisation=_org().pk)
    return render_template(
        "org/application.html", application=found, contract=contract, yuan=yuan,
        objections=mine.order_by("submitted_at"), result=results.own_result(found),
        objection_closed=objections.closed_reason(found.call, utcnow()), **_labels(),
    )  # fmt: skip


@bp.route("/applications/<app_id>/objection", methods=("GET", "POST"))
def objection(app_id):
    """Object to the award of a call the organisation applied to, during its 公示."""
    found = _own(app_id)
    call = found.call
    if request.method == "POST":
        try:
            objections.lodge(call, request.form.get("grounds"), objection_upload(),
                             current_user.username, utcnow(), organisation=_org())  # fmt: skip
        except TransitionError as exc:
            flash(exc.message, "danger")
            flash_errors(exc.errors)
        else:
            flash(_("The objection was taken in; the street office will answer it."), "success")
            return redirect(url_for("org.application", app_id=found.pk))
    return render_template("org/objection.html", application=found, call=call,
                           closed=objections.closed_reason(call, utcnow()),
                           values=request.form)  # fmt: skip


@bp.get("/objections/<objection_id>/file")
def objection_file(objection_id):
    """The supporting document of one of the organisation's own objections."""
    return send_attachment(_own(objection_id, PurchaseObjection).document)


@bp.get("/applications/<app_id>/files/<int:n>")
def document(app_id, n):
    return send_document(_own(app_id), n)


def init_org_pages(app):
    app.register_blueprint(bp)
    app.add_template_filter(yuan, "yuan")
