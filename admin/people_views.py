"""Organisations, volunteers and their service records."""

from admin.base import ALL, CREATE, EDIT, READ, READ_ONLY, SecureModelView
from admin.filters import community_filter, street_filter
from models.choices import GENDERS, ORG_TYPES, RECORD_STATUSES

STAFF_WRITE = {READ, CREATE, EDIT}


def mask_id(value):
    """Show the region and the check digit only: 3301**********123X."""
    return f"{value[:4]}{'*' * 10}{value[-4:]}" if value and len(value) == 18 else value


def mask_phone(value):
    return f"{value[:3]}****{value[-4:]}" if value and len(value) >= 11 else value


class OrganisationView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": ALL,
        "community_worker": STAFF_WRITE,
        "supervisor": READ_ONLY,
    }
    column_list = ("name", "org_type", "grade", "street", "community", "contact_name", "active")
    column_choices = {"org_type": ORG_TYPES}
    column_searchable_list = ("name", "credit_code", "contact_name")
    column_filters = ("org_type", "grade", "active", street_filter(), community_filter())
    form_excluded_columns = ("created_at",)


class VolunteerView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": ALL,
        "community_worker": STAFF_WRITE,
        "supervisor": READ_ONLY,
    }
    column_list = ("name", "gender", "phone", "id_number", "community", "approved_hours")
    column_details_exclude_list = ("name_pinyin", "name_initials")
    column_choices = {"gender": GENDERS}
    column_searchable_list = ("name", "name_pinyin", "name_initials", "phone")
    column_filters = ("gender", "consent", street_filter(), community_filter())
    column_formatters = {
        "id_number": lambda v, c, m, n: mask_id(m.id_number),
        "phone": lambda v, c, m, n: mask_phone(m.phone),
    }
    column_formatters_detail = column_formatters
    form_excluded_columns = ("name_pinyin", "name_initials", "approved_hours", "registered_at")


class ServiceRecordView(SecureModelView):
    policy = {
        "district_admin": ALL,
        "street_admin": ALL,
        "community_worker": ALL,
        "supervisor": READ_ONLY,
    }
    column_list = (
        "activity_date",
        "volunteer",
        "activity_name",
        "hours",
        "organisation",
        "status",
        "late",
    )
    column_choices = {"status": RECORD_STATUSES}
    column_searchable_list = ("activity_name", "leader")
    column_filters = ("status", "late", street_filter(), community_filter())
    column_default_sort = ("activity_date", True)
    form_excluded_columns = ("submitted_at", "decided_at", "demand")
    form_ajax_refs = {"volunteer": {"fields": ("name", "phone"), "page_size": 10}}
