"""Districts, streets and communities."""

from admin.base import SecureModelView
from admin.filters import street_filter


class DistrictView(SecureModelView):
    scope = {}
    column_list = ("code", "name")
    column_searchable_list = ("code", "name")


class StreetView(SecureModelView):
    scope = {"street": "id"}
    column_list = ("code", "name", "district")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"


class CommunityView(SecureModelView):
    scope = {"street": "street", "community": "id"}
    column_list = ("code", "name", "street")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"
    column_filters = (street_filter(),)
