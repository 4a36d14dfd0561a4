"""The donor's receipt (捐赠收据) at /admin/fund/receipt/<entry id>, printable, and its public
check at /receipt/ (like the volunteer certificate's /verify/)."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_admin import expose
from flask_login import current_user

from admin.policy import PolicyView
from admin.print_pages import audit_print, paper_pdf
from models import LedgerEntry
from models.codes import normalise_code
from weimin.access import scoped_query
from weimin.core.money import yuan
from weimin.core.qr import qr_svg
from weimin.extensions import limiter
from weimin.funds.receipts import by_code, receipt
from weimin.paper.records import fund_receipt

check_bp = Blueprint("receipt_check", __name__, url_prefix="/receipt")


class ReceiptView(PolicyView):
    """One contribution's receipt, for the staff over its fund; 404 outside their scope."""

    def is_visible(self):
        return False  # reached from a contribution, not from the menu

    @expose("/")
    def index(self):
        abort(404)

    @expose("/<entry_id>")
    def show(self, entry_id):
        found = self._receipt(entry_id)
        paper = fund_receipt(found)
        audit_print(paper, "html", "ledger_entries", found.entry.pk, found.fund.street.id)
        qr = qr_svg(paper.qr_url, scale=3)
        return self.render("admin/funds/receipt.html", receipt=found, yuan=yuan, qr=qr)

    @expose("/<entry_id>.pdf")
    def pdf(self, entry_id):
        found = self._receipt(entry_id)
        paper = fund_receipt(found)
        audit_print(paper, "pdf", "ledger_entries", found.entry.pk, found.fund.street.id)
        return paper_pdf(paper, url_for(".show", entry_id=entry_id))

    def _receipt(self, entry_id):
        """The receipt of a contribution in the user's scope; 404 for anything else."""
        try:
            oid = ObjectId(entry_id)
        except (InvalidId, TypeError):
            abort(404)
        entry = scoped_query(current_user, LedgerEntry).filter(pk=oid, kind="contribution")
        found = receipt(entry.first())
        if found is None:
            abort(404)
        return found


@check_bp.get("/")
@limiter.limit("30 per minute")
def lookup():
    code = normalise_code(request.args.get("code"))
    if code:
        return redirect(url_for(".show", code=code))
    return render_template("public/receipt_check.html", receipt=None, code=None, yuan=yuan)


@check_bp.get("/<code>")
@limiter.limit("30 per minute")
def show(code):
    """Public: fund, amount, date and the masked donor; a reversed one shows as void."""
    code = normalise_code(code)
    found = by_code(code)
    page = render_template("public/receipt_check.html", receipt=found, code=code, yuan=yuan)
    return page, 200 if found else 404


def init_receipt_pages(app):
    app.register_blueprint(check_bp)
