"""The volunteer's certificate (Art. 15) at /me/certificate and its public check at /verify/."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from admin.me import bp
from models import Certificate
from models.codes import normalise_code
from weimin.access import public_name
from weimin.extensions import limiter

verify_bp = Blueprint("verify", __name__, url_prefix="/verify")


@bp.route("/certificate", methods=("GET", "POST"))
def certificate():
    volunteer = g.volunteer
    form = FlaskForm()
    if form.validate_on_submit():
        issued = Certificate.issue(volunteer, public_name(volunteer))
        if issued is None:
            flash(_("There are no approved hours to certify yet."), "warning")
        return redirect(url_for(".certificate"))
    latest = Certificate.objects(volunteer=volunteer).first()
    return render_template(
        "volunteer/certificate.html", volunteer=volunteer, form=form, certificate=latest
    )


@verify_bp.get("/")
@limiter.limit("30 per minute")
def lookup():
    code = normalise_code(request.args.get("code"))
    if code:
        return redirect(url_for(".show", code=code))
    return render_template("volunteer/verify.html", certificate=None, code=None)


@verify_bp.get("/<code>")
@limiter.limit("30 per minute")
def show(code):
    """Public: hours, content, organisations, issue date and the masked name; nothing else."""
    code = normalise_code(code)
    found = Certificate.objects(code=code).first() if len(code) == 19 else None
    return render_template("volunteer/verify.html", certificate=found, code=code), (
        200 if found else 404
    )
