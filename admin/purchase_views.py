"""The purchased-services lists: calls, applications, panel scores and contracts."""

from flask import request
from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError

from admin.base import SecureModelView
from admin.filters import LevelFilter, street_filter
from admin.purchase_labels import PURCHASE_LABELS
from admin.purchase_objection_pages import CallObjectionsMixin
from admin.purchase_pages import (
    ApplicationPagesMixin,
    CallPagesMixin,
    ContractPagesMixin,
)
from models.application import APPLICATION_STATES
from models.choices import ORG_TYPES, label
from models.purchase_call import CALL_STATES, LEVELS
from weimin.core.money import yuan
from weimin.purchase.milestones import plan

PANEL_ROLES = ("district_admin", "street_admin", "community_worker")
# Purchase records belong to a street; a community worker sees the street's.
STREET_SCOPE = {"street": "street"}


def _kinds(view, context, model, name):
    return "、".join(str(label(ORG_TYPES, code)) for code in model.org_kinds or ())


def _criteria(view, context, model, name):
    return "；".join(f"{c.name} {c.weight}%（满分{c.max_score}）" for c in model.criteria or ())


def _milestones(view, context, model, name):
    return "；".join(f"{n} {s}%" for n, s in plan(model))


def _names(field):
    """People by their names only (a username is not shown outside the accounts' pages)."""
    return lambda view, context, model, name: "、".join(
        getattr(u, "name", "") or "" for u in getattr(model, field) or ()
    )


def _member(view, context, model, name):
    return getattr(model.member, "name", "")


def _marks(view, context, model, name):
    return "；".join(f"{k} {v}" for k, v in (model.marks or {}).items())


def _money(field):
    return lambda view, context, model, name: yuan(getattr(model, field))


class PurchaseCallView(CallObjectionsMixin, CallPagesMixin, SecureModelView):
    """Calls (招募/采购公告): the street drafts them here; each call's page runs its life."""

    column_labels = PURCHASE_LABELS
    scope = STREET_SCOPE
    column_list = ("title", "level", "street", "category", "budget_cap", "status", "deadline",
                   "objection_ends")  # fmt: skip
    column_export_list = ("title", "level", "street", "category", "item", "budget_cap",
                          "service_start", "service_end", "min_stars", "milestones", "status",
                          "published_at", "deadline", "awarded_at", "objection_ends",
                          "final_at")  # fmt: skip
    column_choices = {"status": CALL_STATES, "level": LEVELS}
    column_formatters = {"budget_cap": _money("budget_cap"), "milestones": _milestones}
    column_formatters_detail = {"budget_cap": _money("budget_cap"), "org_kinds": _kinds,
                                "criteria": _criteria, "panel": _names("panel"),
                                "milestones": _milestones}  # fmt: skip
    column_details_list = (
        "title", "level", "street", "category", "item", "need", "budget_cap", "service_start",
        "service_end", "org_kinds", "min_stars", "communities", "required_documents",
        "criteria", "milestones", "application_days", "objection_days", "panel",
        "contact_name", "contact_phone", "status", "published_at", "deadline", "awarded_at",
        "objection_ends", "final_at", "cancel_reason", "created_at",
    )  # fmt: skip
    column_searchable_list = ("title",)
    column_filters = ("status", LevelFilter(LEVELS), street_filter())
    column_default_sort = ("id", True)
    form_columns = (
        "street", "title", "category", "item", "need", "demands", "topics", "budget_cap",
        "service_start", "service_end", "org_kinds", "min_stars", "communities",
        "required_documents",
        "criteria", "milestones", "application_days", "objection_days", "panel",
        "contact_name", "contact_phone",
    )  # fmt: skip
    form_choices = {"org_kinds": ORG_TYPES}
    form_ajax_refs = {
        "demands": {"fields": ("ticket_no",), "page_size": 10},
        "topics": {"fields": ("title",), "page_size": 10},
    }
    form_args = {
        "org_kinds": {"description": _l("Leave empty to admit every kind.")},
        "street": {"description": _l("Leave empty for a district-wide call (district admin).")},
        "communities": {
            "description": _l(
                "Leave empty for the whole street (a district-wide call: the whole district)."
            ),
            "allow_blank": True,
        },
        "milestones": {
            "description": _l(
                "Shares in percent, adding up to 100: the first is paid when the project "
                "starts, the last after acceptance, those between when the street pays them."
            )
        },
        "panel": {"allow_blank": True, "label_attr": "name"},
        "criteria": {"description": _l("The weights must add up to 100.")},
    }
    form_subdocuments = {
        "criteria": {
            "form_subdocuments": {
                None: {
                    "form_columns": ("name", "weight", "max_score"),
                    "form_args": {
                        "name": {"label": _l("Criterion")},
                        "weight": {"label": PURCHASE_LABELS["weight"]},
                        "max_score": {"label": PURCHASE_LABELS["max_score"]},
                    },
                }
            }
        },
        "milestones": {
            "form_subdocuments": {
                None: {
                    "form_columns": ("name", "share"),
                    "form_args": {
                        "name": {"label": _l("Milestone")},
                        "share": {"label": PURCHASE_LABELS["share"]},
                    },
                }
            }
        },
    }
    details_template = "admin/purchase/call_details.html"

    def create_form(self, obj=None):
        return self._panel_of_staff(super().create_form(obj))

    def edit_form(self, obj=None):
        return self._panel_of_staff(super().edit_form(obj))

    def _panel_of_staff(self, form):
        # Panel members are the staff who sign in to score; offered by name, not username.
        form.panel.queryset = form.panel.queryset.filter(role__in=PANEL_ROLES)
        if request.method == "POST" and "panel" in request.form:
            form.panel.process_formdata(request.form.getlist("panel"))
        return form

    def writable(self, model):
        # Only a draft is edited; a published call changes through its actions.
        return model.status == "draft" and super().writable(model)

    def check_writable(self, model):
        super().check_writable(model)
        if model.pk is not None and model.status != "draft":
            raise ValidationError(_l("Only a draft call can be edited."))


class ApplicationView(ApplicationPagesMixin, SecureModelView):
    """Applications (申报/投标); entered by organisations on /org/ or by the street on the
    call's page, never through a form of this list."""

    can_create = can_edit = can_delete = False

    can_create = can_edit = can_delete = False
    column_labels = PURCHASE_LABELS
    scope = STREET_SCOPE
    column_list = ("organisation", "call", "budget", "status", "submitted_at", "entered_by")
    column_export_list = ("organisation", "call", "budget", "team", "status", "refusals",
                          "submitted_at", "entered_by")  # fmt: skip
    column_choices = {"status": APPLICATION_STATES}
    column_formatters = {"budget": _money("budget")}
    column_filters = ("status", street_filter())
    column_default_sort = ("id", True)
    column_details_exclude_list = ("documents",)
    details_template = "admin/purchase/application_details.html"


class PanelScoreView(SecureModelView):
    """Every panel member's marks and declared ties, read-only (for the record and export)."""

    can_create = can_edit = can_delete = False

    column_labels = PURCHASE_LABELS
    scope = STREET_SCOPE
    column_list = ("call", "application", "member", "conflict", "conflict_note", "marks",
                   "updated_at")  # fmt: skip
    column_formatters = {"member": _member, "marks": _marks}
    column_formatters_detail = column_formatters
    column_formatters_export = column_formatters
    column_filters = (street_filter(),)
    column_default_sort = ("id", True)


class PurchaseContractView(ContractPagesMixin, SecureModelView):
    """Contracts made by final awards: payments and acceptance on each contract's page."""

    can_create = can_edit = can_delete = False

    column_labels = PURCHASE_LABELS
    scope = STREET_SCOPE
    column_list = ("call", "organisation", "street", "demand", "amount", "acceptance_score",
                   "accepted_at")  # fmt: skip
    column_formatters = {"amount": _money("amount")}
    column_filters = (street_filter(),)
    column_default_sort = ("id", True)
    column_details_exclude_list = ("milestones",)  # the page shows them as a table
    details_template = "admin/purchase/contract_details.html"
