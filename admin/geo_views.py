"""Districts, streets and communities."""

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.policy import ALL, CREATE, EDIT, READ, READ_ONLY


class DistrictView(SecureModelView):
    policy = {"district_admin": ALL, "supervisor": READ_ONLY}
    scope = {}
    column_list = ("code", "name")
    column_searchable_list = ("code", "name")


class StreetView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": {READ},
        "community_worker": {READ},
        "supervisor": READ_ONLY,
    }
    scope = {"street": "id"}
    column_list = ("code", "name", "district")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"


class CommunityView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": {READ, CREATE, EDIT},
        "community_worker": {READ},
        "supervisor": READ_ONLY,
    }
    scope = {"street": "street", "community": "id"}
    column_list = ("code", "name", "street")
    column_searchable_list = ("code", "name")
    column_default_sort = "code"
    column_filters = (street_filter(),)
