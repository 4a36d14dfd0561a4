"""The volunteer's certificate (Art. 15) at /me/certificate and its public check at /verify/."""

import base64

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from admin.me import bp
from admin.print_pages import audit_print, paper_pdf
from models import Certificate
from models.codes import normalise_code
from weimin.access import public_name, ref_id
from weimin.core.qr import qr_png
from weimin.extensions import limiter
from weimin.paper.records import certificate as paper_of

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
    qr = None
    if latest is not None:
        # A PNG (data: URI) rather than inline SVG: the card reads as text, markup and all.
        check = url_for("verify.show", code=latest.code, _external=True)
        qr = "data:image/png;base64," + base64.b64encode(qr_png(check, scale=4)).decode()
    return render_template(
        "volunteer/certificate.html", volunteer=volunteer, form=form, certificate=latest, qr=qr
    )


@bp.get("/certificate.pdf")
def certificate_pdf():
    """The latest certificate as PDF (A4), with the QR code of its public check."""
    latest = Certificate.objects(volunteer=g.volunteer).first()
    if latest is None:
        abort(404)
    paper = paper_of(latest)
    audit_print(paper, "pdf", "certificates", latest.pk, ref_id(latest.volunteer, "street"))
    return paper_pdf(paper, url_for(".certificate"))


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
