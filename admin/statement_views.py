"""Fund statements (基金收支报表) per fund, community and street, for a month or a year, with
their XLSX export (money cells are numbers)."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.policy import PolicyView
from models import Fund, LedgerEntry
from models.base import local_today
from models.choices import label
from models.fund_choices import FUND_KINDS
from weimin.access import EXPORT, READ, may, own_street, scoped_query
from weimin.core.money import yuan
from weimin.core.periods import month_text
from weimin.core.sheets import send_table
from weimin.funds.checks import reversed_ids
from weimin.funds.statement_rows import MONEY, donors_text, rows, sheet
from weimin.funds.statements import entries_of, months_of, period_dates, statements
from weimin.store import audit


def _period():
    """The period asked for (YYYY-MM or YYYY), this month by default; 404 when malformed."""
    today = local_today()
    period = request.args.get("period") or month_text(today.year, today.month)
    try:
        return period, period_dates(period)
    except ValueError:
        abort(404)


def _funds():
    """The funds in the user's scope, narrowed to one street or community when asked."""
    query = scoped_query(current_user, Fund)
    for name in ("street", "community"):
        value = request.args.get(name)
        if value:
            try:
                query = query.filter(**{name: ObjectId(value)})
            except (InvalidId, TypeError):
                abort(404)
    return list(query.order_by("street", "community", "kind", "name", "id"))


class StatementView(PolicyView):
    """Everyone who reads funds reads their statements, in their own scope."""

    @expose("/")
    def index(self):
        period, (start, end) = _period()
        funds = _funds()
        pairs = statements(funds, period)
        chosen = request.args.get("fund")
        detail = next(((f, s) for f, s in pairs if str(f.pk) == chosen), None)
        if chosen and detail is None:
            abort(404)
        months = months_of(entries_of([f.pk for f in funds]))
        years = sorted({m[:4] for m in months}, reverse=True)
        return self.render(
            "admin/funds/statements.html",
            period=period,
            months=months,
            years=years,
            rows=rows(pairs, start, end),
            detail=detail,
            money=MONEY,
            yuan=yuan,
            donors_text=donors_text,
            kind_label=lambda code: label(FUND_KINDS, code),
            can_export=may(current_user, self.endpoint, EXPORT),
            receipts=self._receipts(detail, start, end),
        )

    def _receipts(self, detail, start, end):
        """The contributions of the fund shown, for their receipts (staff only)."""
        if detail is None or not may(current_user, "fund_receipt", READ):
            return []
        query = LedgerEntry.objects(fund=detail[0].pk, kind="contribution")
        query = query.filter(value_date__gte=start, value_date__lt=end)
        given = list(query.order_by("seq", "id"))
        undone = reversed_ids(e.pk for e in given)
        return [(e, e.pk in undone) for e in given]

    @expose("/export")
    def export(self):
        if not may(current_user, self.endpoint, EXPORT):
            abort(403)
        period, (start, end) = _period()
        table = sheet(rows(statements(_funds(), period), start, end), period, _("Fund statement"))
        street = own_street(current_user)
        audit.record("export", "ledger_entries", changes={"format": "xlsx", "period": period},
                     count=table.count, summary=f"{table.name}.xlsx",
                     street=street and street.pk)  # fmt: skip
        return send_table(table, "xlsx")
