"""Service catalogue: categories and items (district templates and street catalogues)."""

from admin.base import ALL, READ, READ_ONLY, SecureModelView
from admin.filters import category_filter, street_filter
from models.choices import HANDLING_LEVELS, KINDS


class _CatalogueView(SecureModelView):
    """Street admins see the district templates beside their own street's entries."""

    policy = {
        "district_admin": ALL,
        "street_admin": ALL,
        "community_worker": {READ},
        "supervisor": READ_ONLY,
    }
    scope = {"street": "street"}

    district_wide_visible = True


class CatalogueCategoryView(_CatalogueView):
    column_list = ("code", "name", "street", "sort_order", "active")
    column_searchable_list = ("code", "name")
    column_filters = ("active", street_filter())
    column_default_sort = "sort_order"
    form_columns = ("code", "name", "description", "street", "sort_order", "active")


class CatalogueItemView(_CatalogueView):
    column_list = (
        "code",
        "name",
        "category",
        "kind",
        "handling_level",
        "deadline_days",
        "street",
        "version",
        "active",
    )
    column_choices = {"kind": KINDS, "handling_level": HANDLING_LEVELS}
    column_searchable_list = ("code", "name")
    column_filters = ("kind", "handling_level", "active", category_filter(), street_filter())
    column_default_sort = "code"
    form_columns = (
        "code",
        "name",
        "category",
        "kind",
        "handling_level",
        "deadline_days",
        "response_hours",
        "claim_window_days",
        "subsidy_max",
        "description",
        "street",
        "active",
    )
