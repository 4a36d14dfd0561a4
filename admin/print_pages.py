"""Printing a demand's receipt (受理回执) and work order (工单): a print-ready page and a PDF,
for the staff over the demand (404 outside their scope); every print is in the audit trail."""

import io

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, flash, redirect, send_file, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.policy import PolicyView
from models import Demand
from weimin.access import READ, may, scoped_query
from weimin.core.qr import qr_svg
from weimin.paper import demands as papers
from weimin.paper.pdf import FontMissing, render
from weimin.store import audit

DOCUMENTS = ("receipt", "work-order")
RESOURCE = "demand_print"


def audit_print(paper, fmt, collection, doc_id, street=None):
    """Every printed page and every PDF goes into the audit trail, with what was printed."""
    audit.record(
        "print",
        collection,
        doc_id,
        changes={"format": fmt},
        summary=f"{paper.filename}.{fmt}"[:500],
        street=street,
    )


def paper_page(view, paper, back=None, pdf_url=None):
    """The print-ready HTML page of a paper (inside the admin's layout; bare when printed)."""
    qr = qr_svg(paper.qr_url, scale=3) if paper.qr_url else None
    return view.render("admin/paper/page.html", paper=paper, qr=qr, back=back, pdf_url=pdf_url)


def paper_pdf(paper, fallback):
    """The PDF of a paper, inline (the browser shows it, the user prints or saves it)."""
    try:
        data = render(paper)
    except FontMissing:
        flash(
            _(
                "The PDF cannot be drawn: its fonts are missing on the server. "
                "Print this page instead."
            ),
            "error",
        )
        return redirect(fallback)
    response = send_file(
        io.BytesIO(data), mimetype="application/pdf", download_name=paper.pdf_name, max_age=0
    )
    response.headers["Cache-Control"] = "no-store, private"  # personal data
    return response


def may_print_demands():
    """The signed-in user may print demands' papers (the details page shows the buttons)."""
    return may(current_user, RESOURCE, READ)


class DemandPrintView(PolicyView):
    """A demand's papers, by the demand's id; the demand must be in the user's scope."""

    def is_visible(self):
        return False  # reached from a demand's details page

    def _demand(self, demand_id):
        try:
            oid = ObjectId(demand_id)
        except (InvalidId, TypeError):
            abort(404)
        demand = scoped_query(current_user, Demand).filter(pk=oid).first()
        if demand is None:
            abort(404)
        return demand

    def _paper(self, document, demand):
        if document not in DOCUMENTS:
            abort(404)
        if document == "receipt":
            return papers.receipt(demand)
        return papers.work_order(demand, current_user)

    @expose("/")
    def index(self):
        abort(404)

    @expose("/<document>/<demand_id>")
    def page(self, document, demand_id):
        demand = self._demand(demand_id)
        paper = self._paper(document, demand)
        audit_print(paper, "html", "demands", demand.pk, demand.street.id)
        return paper_page(
            self,
            paper,
            back=url_for("demand.details_view", id=str(demand.pk)),
            pdf_url=url_for(".pdf", document=document, demand_id=str(demand.pk)),
        )

    @expose("/<document>/<demand_id>.pdf")
    def pdf(self, document, demand_id):
        demand = self._demand(demand_id)
        paper = self._paper(document, demand)
        audit_print(paper, "pdf", "demands", demand.pk, demand.street.id)
        return paper_pdf(paper, url_for(".page", document=document, demand_id=str(demand.pk)))


def init_print_pages(app):
    app.add_template_global(may_print_demands, "may_print_demands")
