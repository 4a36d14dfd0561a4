"""The funds' ledger, read-only: entries are written from a fund's page, never edited here."""

from flask_admin.babel import lazy_gettext as admin_gettext
from flask_admin.contrib.mongoengine.filters import BaseMongoEngineFilter
from flask_admin.model import filters
from flask_login import current_user
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import ReferenceEqualFilter, community_filter, street_filter
from admin.fund_labels import LEDGER_LABELS, REVERSE_LINK
from admin.scope import scoped_objects
from models import Fund
from models.fund_choices import ENTRY_KINDS, MONEY_CHANNELS, SPONSOR_KINDS
from weimin.access import may_ledger, shown
from weimin.core.money import yuan


class DateBetweenFilter(BaseMongoEngineFilter, filters.BaseDateBetweenFilter):
    """A date field (stored as midnight) from one day to another, both included."""

    def __init__(self, column, name):
        super().__init__(column, name, data_type="daterangepicker")

    def apply(self, query, value):
        start, end = value
        return query.filter(**{f"{self.column}__gte": start, f"{self.column}__lte": end})

    def operation(self):
        return admin_gettext("between")


def _funds():
    return scoped_objects(Fund).only("name")


def _donor(view, context, model, name):
    return shown(current_user, model, "donor") or ""


def _amount(view, context, model, name):
    return yuan(model.amount)


def _kind(view, context, model, name):
    text = dict(ENTRY_KINDS).get(model.kind, model.kind)
    if model.kind == "reversal" or not may_ledger(current_user, "reversal") or context is None:
        return text
    url = view.get_url("fund.entry_view", kind="reversal", id=model.fund.pk, entry=model.pk)
    return Markup('{} <a class="small reverse-link" href="{}">{}</a>').format(
        text, url, REVERSE_LINK
    )


class LedgerEntryView(SecureModelView):
    column_labels = LEDGER_LABELS
    column_list = ("seq", "value_date", "kind", "amount", "donor", "demand", "fund")
    column_details_list = (
        "fund", "seq", "kind", "amount", "value_date", "donor", "donor_kind", "donor_public",
        "channel", "receipt_no", "code", "pledge_year", "pledge", "demand", "purpose",
        "allocation", "motion", "reverses", "note", "recorded_at", "recorded_by", "street",
        "community",
    )  # fmt: skip
    column_choices = {"kind": ENTRY_KINDS, "channel": MONEY_CHANNELS, "donor_kind": SPONSOR_KINDS}
    column_formatters = {"donor": _donor, "amount": _amount, "kind": _kind}
    column_formatters_detail = {"donor": _donor, "amount": _amount}
    column_formatters_export = {"donor": _donor}
    column_filters = (
        ReferenceEqualFilter("fund", LEDGER_LABELS["fund"], _funds),
        "kind",
        DateBetweenFilter("value_date", LEDGER_LABELS["value_date"]),
        street_filter(),
        community_filter(),
    )
    column_default_sort = [("value_date", True)]  # the newest money first

    def fund_arg(self, fund):
        """The list URL argument that shows one fund's entries."""
        for index, flt in enumerate(self._filters or ()):
            if flt.column == "fund":
                return {f"flt0_{self.get_filter_arg(index, flt)}": str(fund.pk)}
        return {}
