"""Funds (微基金): the list, the form, and a fund's page with its figures and latest entries.

Funds are closed, never deleted. The running figures are shown, never edited: only
weimin.funds.ledger moves them (admin/fund_entries.py writes entries through it).
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from admin.base import SecureModelView
from admin.filters import community_filter, street_filter
from admin.fund_entries import FundEntriesMixin, receipt_url
from admin.fund_entry_forms import TITLES
from admin.fund_labels import FIGURES, FUND_LABELS, LEDGER_LABELS
from models import LedgerEntry
from models.choices import KINDS, label
from models.fund_choices import ENTRY_KINDS as ENTRY_CHOICES
from models.fund_choices import FUND_KINDS, FUND_STATUSES, SHARES, SPONSOR_KINDS
from weimin.access import may_ledger, shown
from weimin.core.money import yuan
from weimin.funds import ledger, pledges
from weimin.funds.status import check_change

LATEST = 10  # entries shown on a fund's page; the ledger list has them all


def _yuan(view, context, model, name):
    value = getattr(model, name)
    return "" if value is None else yuan(value)


def _kinds(view, context, model, name):
    return "、".join(str(label(KINDS, code)) for code in model.allowed_kinds or ())


def _board(view, context, model, name):
    """The decision board's members, with the party each speaks for."""
    return "、".join(f"{m.name}（{m.party}）" if m.party else m.name for m in model.board or ())


def _crowd_only(formatter):
    """A board setting means something on a crowdfunded fund only."""

    def show(view, context, model, name):
        if model.kind != "crowd":
            return ""
        return (
            formatter(view, context, model, name)
            if formatter
            else label(SHARES, getattr(model, name))
        )

    return show


def _sponsor(view, context, model, name):
    return shown(current_user, model, "sponsor") or ""


class FundView(FundEntriesMixin, SecureModelView):
    column_labels = FUND_LABELS
    column_list = ("name", "kind", "street", "community", "sponsor", "status", *FIGURES)
    column_choices = {
        "kind": FUND_KINDS,
        "status": FUND_STATUSES,
        "sponsor_kind": SPONSOR_KINDS,
        "quorum": SHARES,
        "majority": SHARES,
    }
    column_formatters = {
        **{name: _yuan for name in FIGURES},
        "vote_threshold": _crowd_only(_yuan),
        "quorum": _crowd_only(None),
        "majority": _crowd_only(None),
        "allowed_kinds": _kinds,
        "board": _board,
        "sponsor": _sponsor,
    }
    column_formatters_export = {"sponsor": _sponsor}
    column_searchable_list = ("name", "sponsor")
    column_filters = ("kind", "status", street_filter(), community_filter())
    column_default_sort = [("street", False), ("community", False), ("name", False)]
    column_details_list = (
        "name", "kind", "street", "community", "sponsor", "sponsor_kind", "sponsor_public",
        "purpose", "restriction", "allowed_kinds", "allowed_categories", "board", "quorum",
        "majority", "vote_threshold", "status", "created_at",
    )  # fmt: skip
    form_columns = (
        "street", "community", "kind", "name", "sponsor", "sponsor_kind", "sponsor_public",
        "purpose", "restriction", "allowed_kinds", "allowed_categories", "board", "quorum",
        "majority", "vote_threshold", "status",
    )  # fmt: skip
    form_choices = {"allowed_kinds": KINDS}
    form_args = {
        "allowed_categories": {"allow_blank": True},
        "community": {"description": _l("Leave empty for a fund of the whole street.")},
        "board": {
            "description": _l(
                "Crowdfunded funds only: the residents' decision board that votes on its use."
            )
        },
    }
    form_subdocuments = {
        "board": {
            "form_subdocuments": {
                None: {
                    "form_columns": ("name", "party", "phone"),
                    "form_args": {
                        "name": {"label": FUND_LABELS["name_member"]},
                        "party": {"label": FUND_LABELS["party"]},
                        "phone": {"label": FUND_LABELS["phone"]},
                    },
                }
            }
        }
    }
    details_template = "admin/fund/details.html"

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        check_change(model)

    def page_of(self, fund):
        """What a fund's page shows beyond its fields: figures, their check, entries, pledges."""
        kept, from_ledger = ledger.check(fund)
        latest = LedgerEntry.objects(fund=fund.pk).order_by("-seq", "-id").limit(LATEST)
        return {
            "figures": [(FIGURES[name], yuan(getattr(kept, name))) for name in FIGURES],
            "agrees": kept == from_ledger,
            "latest": list(latest),
            "kinds": [k for k in TITLES if may_ledger(current_user, k)],
            "pledge_years": pledges.by_year(fund),
            "reminders": pledges.reminders(current_user, fund=fund),
            "yuan": yuan,
            "donor": lambda entry: shown(current_user, entry, "donor") or "",
            "entry_titles": TITLES,
            "entry_kind": lambda code: label(ENTRY_CHOICES, code),
            "ledger_labels": LEDGER_LABELS,
            "ledger_filter": self._ledger_view().fund_arg(fund),
            "receipt_url": receipt_url,
        }

    def _ledger_view(self):
        admin = current_app.extensions["weimin_admin"]
        return next(v for v in admin._views if getattr(v, "endpoint", None) == "ledger_entry")

    def render(self, template, **kwargs):
        if template == self.details_template and kwargs.get("model") is not None:
            kwargs.update(self.page_of(kwargs["model"]))
        return super().render(template, **kwargs)
