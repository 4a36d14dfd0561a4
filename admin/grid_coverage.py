"""The monthly visit-coverage table per grid (clearance-style), filtered, and its XLSX."""

from datetime import datetime

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, request
from flask_admin import expose
from flask_login import current_user

from admin.policy import PolicyView
from models import Community, Street
from weimin.access import EXPORT, may, own_street, scope_ids, scoped_query
from weimin.core.periods import months_up_to, parse_month
from weimin.core.sheets import send_table
from weimin.core.workdays import TZ
from weimin.grids.coverage import coverage, totals
from weimin.grids.sheet import coverage_table
from weimin.store import audit


def _month():
    months = months_up_to(datetime.now(TZ), 12)
    month = request.args.get("month") or months[-1]
    try:
        parse_month(month)
    except ValueError:
        abort(404)
    return month, months


def _where():
    """The user's scope, narrowed to the street or community asked for (404 when malformed)."""
    where = scope_ids(current_user)
    for name in ("street", "community"):
        value = request.args.get(name)
        if not value:
            continue
        try:
            asked = ObjectId(value)
        except (InvalidId, TypeError):
            abort(404)
        if where.get(name, asked) != asked:
            abort(404)  # outside the user's scope
        where[name] = asked
    return where


class GridCoverageView(PolicyView):
    """Households visited against households, per grid and month, for the user's scope."""

    @expose("/")
    def index(self):
        month, months = _month()
        rows = coverage([month], **_where())
        return self.render(
            "admin/grids/coverage.html",
            month=month,
            months=sorted({*months, month}, reverse=True),
            rows=rows,
            total=totals(rows),
            streets=scoped_query(current_user, Street).only("name").order_by("code"),
            communities=scoped_query(current_user, Community).only("name").order_by("code"),
            can_export=may(current_user, self.endpoint, EXPORT),
        )

    @expose("/export")
    def export(self):
        if not may(current_user, self.endpoint, EXPORT):
            abort(403)
        month, _months = _month()
        table = coverage_table(coverage([month], **_where()), month)
        street = own_street(current_user)
        audit.record("export", "visits", changes={"format": "xlsx", "month": month},
                     count=table.count, summary=f"{table.name}.xlsx",
                     street=street and street.pk)  # fmt: skip
        return send_table(table, "xlsx")
