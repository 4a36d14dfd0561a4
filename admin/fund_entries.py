"""Writing a fund's ledger from its page: one form per entry kind, through weimin.funds.ledger.

Who may write which kind is weimin.access.may_ledger's; the fund is opened through the list's
scope (another street's fund is not found). A form carries a key made when it was shown: the
same form posted twice writes one entry (ledger.append returns the one already written).
"""

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from admin.fund_entry_forms import TITLES, entry_form, entry_text, show, values
from models import LedgerEntry
from weimin.access import may_ledger
from weimin.core.money import yuan
from weimin.funds import ledger
from weimin.funds.ledger import LedgerError

KINDS = tuple(TITLES)


def receipt_url(entry):
    """The printable acknowledgment of a contribution (its page is built beside the statements)."""
    return f"{url_for('fund.index_view')}receipt/{entry.pk}"


class FundEntriesMixin:
    """The entry forms of FundView."""

    @expose("/entry/<kind>/", methods=("GET", "POST"))
    def entry_view(self, kind):
        if kind not in KINDS:
            abort(404)
        if not may_ledger(current_user, kind):
            abort(403)
        fund = self.get_one(request.args.get("id"))
        back = self.get_url(".details_view", id=str(fund.pk))
        form = entry_form(kind, fund, request.form if request.method == "POST" else None)
        if request.method == "POST" and form.validate_on_submit():
            entry = self._write(form)
            if entry is not None:
                return redirect(back)
        elif request.method == "POST":
            show(form, {"key": [_("The form had expired; please submit it again.")]})
        if "reverses" in form and request.args.get("entry") and not form.reverses.data:
            form.reverses.data = request.args.get("entry")
        return self.render("admin/fund/entry.html", form=form, fund=fund, kind=kind,
                           title=TITLES[kind], return_url=back,
                           available=yuan(ledger.running(fund.pk)[0].available))  # fmt: skip

    def _write(self, form):
        """Append the entry the form describes; None (messages on the form) when refused."""
        fields, errors = values(form)
        key = f"{form.fund.pk}:{current_user.pk}:{form.kind}:{form.key.data}"
        done = LedgerEntry.objects(key=key).first()
        if done is not None:
            flash(_("This entry was already recorded: %(entry)s.", entry=entry_text(done)),
                  "warning")  # fmt: skip
            return done
        if not errors:
            try:
                entry = self._append(form, fields, key)
            except LedgerError as exc:
                errors = exc.errors
        if errors:
            show(form, errors)
            flash(_("Please correct the errors below."), "error")
            return None
        self._told(entry)
        return entry

    def _append(self, form, fields, key):
        actor = current_user.username
        value_date = fields.pop("value_date", None)
        if form.kind == "reversal":
            target = fields.get("reverses")
            if target is None:
                raise LedgerError({"reverses": [_("Choose an entry of this fund.")]})
            return ledger.reverse(target, actor, fields.get("note"), value_date, key=key)
        amount = fields.pop("amount", None)
        if value_date is None:
            raise LedgerError({"value_date": [_("Enter the date.")]})
        return ledger.append(form.fund, form.kind, amount, actor, value_date, key=key, **fields)

    def _told(self, entry):
        text = Markup("{}").format(_("Recorded: %(entry)s.", entry=entry_text(entry)))
        if entry.kind == "contribution":
            text += Markup(' <a href="{}" class="receipt-link">{}</a>').format(
                receipt_url(entry), _("Donation receipt (捐赠收据)")
            )
        flash(text, "success")
