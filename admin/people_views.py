"""Organisations and volunteers; service records live in admin.record_views."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import PasswordField, StringField
from wtforms.validators import Length, Optional, Regexp

from admin.base import SecureModelView
from admin.filters import (
    ReferenceEqualFilter,
    category_filter,
    community_filter,
    organisations_in_scope,
    street_filter,
)
from admin.labels import LABELS
from admin.record_views import ServiceRecordView  # noqa: F401  (registered from admin/__init__)
from admin.retire import ActiveChoicesMixin, RetireMixin
from models import Organisation, Volunteer
from models.choices import GENDERS, ORG_GRADES, ORG_TYPES
from weimin.access import shown
from weimin.core.errors import validate_flat
from weimin.volunteers.accounts import check_login, login_name, provide_login

MORE_LABELS = {
    "contacts": _l("Other contacts"),
    "leaders": _l("Leaders (may approve hours)"),
    "duty": _l("Duty"),
    "login_username": _l("Self-service username"),
    "login_password": _l("Self-service password"),
}


def labelled(model, optional_lists=()):
    """form_args giving every field its translated label; the named lists may stay empty."""
    labels = {**LABELS, **MORE_LABELS}
    args = {name: {"label": labels[name]} for name in model._fields if name in labels}
    for name in optional_lists:
        args[name]["validators"] = [Optional()]
    return args


class _PeopleView(SecureModelView):
    column_labels = {**LABELS, **MORE_LABELS}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        # clean() messages arrive wrapped; unwrapped here they land under their fields
        validate_flat(model)


class OrganisationView(RetireMixin, _PeopleView):
    column_list = ("name", "org_type", "grade", "street", "community", "contact_name", "active")
    column_choices = {"org_type": ORG_TYPES, "grade": ORG_GRADES}
    column_searchable_list = ("name", "credit_code", "contact_name")
    column_filters = (
        "org_type",
        "grade",
        "active",
        street_filter(),
        community_filter(),
        category_filter("categories"),
    )
    form_excluded_columns = ("created_at",)
    form_args = labelled(Organisation, optional_lists=("categories",))
    form_subdocuments = {
        "contacts": {
            "form_subdocuments": {
                None: {
                    "form_args": {
                        "name": {"label": LABELS["name"]},
                        "duty": {"label": MORE_LABELS["duty"]},
                        "phone": {"label": LABELS["phone"]},
                    }
                }
            }
        }
    }
    form_ajax_refs = {"leaders": {"fields": ("name", "username"), "page_size": 10}}


def _personal(field):
    return lambda view, context, model, name: shown(current_user, model, field)


class VolunteerView(ActiveChoicesMixin, _PeopleView):
    column_list = ("name", "gender", "phone", "id_number", "community", "approved_hours")
    column_details_exclude_list = ("name_pinyin", "name_initials")
    column_choices = {"gender": GENDERS}
    # Pinyin and initials: 张伟 is found by 张伟, zhangwei and zw.
    column_searchable_list = ("name", "name_pinyin", "name_initials")
    column_filters = (
        "gender",
        "consent",
        street_filter(),
        community_filter(),
        ReferenceEqualFilter("teams", LABELS["teams"], organisations_in_scope),
        category_filter("service_categories"),
    )
    column_formatters = {name: _personal(name) for name in ("id_number", "phone", "birth_date")}
    column_formatters_detail = column_formatters
    # Every export goes through the same masking as the pages.
    column_formatters_export = column_formatters
    column_export_list = (
        "name",
        "gender",
        "birth_date",
        "id_number",
        "phone",
        "street",
        "community",
        "skills",
        "consent",
        "approved_hours",
        "registered_at",
    )
    form_excluded_columns = ("name_pinyin", "name_initials", "approved_hours", "registered_at")
    form_args = labelled(Volunteer, optional_lists=("service_categories", "teams"))
    form_extra_fields = {
        "login_username": StringField(
            MORE_LABELS["login_username"],
            validators=[Optional(), Length(max=50), Regexp(r"^[A-Za-z0-9_.@-]+$")],
            description=_l("Letters, digits and _.@- ; the volunteer signs in at /me/."),
        ),
        "login_password": PasswordField(
            MORE_LABELS["login_password"],
            validators=[Optional(), Length(min=10, max=200)],
            description=_l("At least 10 characters; leave empty to keep the current one."),
        ),
    }

    def on_form_prefill(self, form, id):
        form.login_username.data = login_name(id)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        check_login(model, form.login_username.data, form.login_password.data)

    def after_model_change(self, form, model, is_created):
        """Create or update the volunteer's self-service sign-in."""
        provide_login(model, form.login_username.data, form.login_password.data)
