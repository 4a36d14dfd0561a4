"""The public bulletin's funds (微基金公示): each fund's monthly statement, per community and
for the street; named donors only where they agreed, no personal data."""

from flask import abort, render_template, request

from admin.bulletin_views import bp
from models import Fund, Street
from models.choices import label
from models.fund_choices import FUND_KINDS, FUND_STATUSES
from weimin.core.money import yuan
from weimin.funds.statement_rows import MONEY, rows
from weimin.funds.statements import entries_of, months_of, period_dates, statements


@bp.get("/<code>/funds")
def funds(code):
    street = Street.objects(code=code).first()
    if street is None:
        abort(404)
    found = list(Fund.objects(street=street).order_by("community", "kind", "name", "id"))
    months = months_of(entries_of([f.pk for f in found]))
    month = request.args.get("month") or months[0]
    if month not in months:
        abort(404)  # only months from the first entry up to this one
    start, end = period_dates(month)
    return render_template(
        "public/bulletin_funds.html",
        street=street,
        months=months,
        month=month,
        rows=rows(statements(found, month), start, end),
        money=MONEY,
        yuan=yuan,
        kind_label=lambda value: label(FUND_KINDS, value),
        status_label=lambda value: label(FUND_STATUSES, value),
    )
