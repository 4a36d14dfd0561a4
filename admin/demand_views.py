"""Demands: the list workers live in."""

from flask_login import current_user

from admin.base import SecureModelView
from admin.demand_actions import DemandActionsMixin
from admin.demand_export import DemandExportMixin
from admin.demand_intake import DemandIntakeMixin, ticket_with_marker
from admin.demand_values import DemandValuesMixin
from admin.filters import (
    KpiFilter,
    ReferenceEqualFilter,
    category_filter,
    community_filter,
    street_filter,
)
from admin.grid_views import grids_in_scope, visit_link
from admin.labels import LABELS
from models.choices import CHANNELS, HANDLING_LEVELS, KINDS, STATUSES
from weimin.access import shown
from weimin.core.timefmt import deadline_formatter
from weimin.demands.intake import prepare_new
from weimin.residents.consent import consent_formatter


class DemandView(
    DemandIntakeMixin, DemandActionsMixin, DemandExportMixin, DemandValuesMixin, SecureModelView
):
    """Demands: lifecycle actions, exports and the item's own fields come from the mixins."""

    column_list = (
        "ticket_no",
        "kind",
        "item",
        "community",
        "resident_name",
        "channel",
        "status",
        "received_at",
        "deadline_at",
        "overdue",
    )
    column_choices = {
        "kind": KINDS,
        "status": STATUSES,
        "channel": CHANNELS,
        "handling_level": HANDLING_LEVELS,
    }
    column_searchable_list = ("ticket_no", "resident_name")
    column_filters = (
        "kind",
        "status",
        "channel",
        "handling_level",
        "overdue",
        "received_at",
        "deadline_at",
        street_filter(),
        community_filter(),
        category_filter(),
        KpiFilter(),
        ReferenceEqualFilter("grid", LABELS["grid"], grids_in_scope),
    )
    column_default_sort = ("received_at", True)
    column_details_list = (
        "ticket_no",
        "kind",
        "item",
        "category",
        "street",
        "community",
        "resident_name",
        "resident_phone",
        "resident_address",
        "channel",
        "description",
        "status",
        "handling_level",
        "received_at",
        "response_due_at",
        "first_response_at",
        "deadline_at",
        "closed_at",
        "rejected_at",
        "reject_reason",
        "voided_at",
        "void_reason",
        "overdue",
        "overdue_at",
        "accepted_at",
        "assigned_org",
        "subsidy_amount",
        "consent",
        "grid",
        "visit",
    )
    column_formatters = {"deadline_at": deadline_formatter, "ticket_no": ticket_with_marker}
    column_formatters_detail = {
        **{
            name: lambda v, c, m, n: shown(current_user, m, n)
            for name in ("resident_phone", "resident_address")
        },
        "deadline_at": deadline_formatter,
        "consent": consent_formatter,
        "visit": visit_link,
    }
    form_columns = (
        "item",
        "street",
        "community",
        "grid",
        "resident_name",
        "resident_phone",
        "resident_address",
        "channel",
        "description",
    )
    form_args = {name: {"label": LABELS[name]} for name in form_columns}

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        count, query = super().get_list(
            page, sort_column, sort_desc, search, filters, execute=False, page_size=page_size
        )
        # A dashboard card opened this list: show the total the card promised.
        if count is None and any(isinstance(self._filters[f[0]], KpiFilter) for f in filters):
            count = query.count()
        return count, (self.executed(query) if execute else query)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created and model.item is not None and model.street is not None:
            prepare_new(model, current_user.username)
