"""Users and rule sets."""

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import Length, Optional

from mongoengine import ValidationError

from admin.base import ALL, READ, READ_ONLY, SecureModelView
from admin.filters import street_filter
from models.choices import ROLES, RULE_KINDS
from weimin.passwords import password_problems


class UserView(SecureModelView):
    policy = {"district_admin": ALL}
    column_list = ("username", "name", "role", "street", "community", "active", "last_login_at")
    column_choices = {"role": ROLES}
    column_searchable_list = ("username", "name")
    column_filters = ("role", "active", street_filter())
    column_details_exclude_list = ("password_hash",)
    form_excluded_columns = (
        "password_hash",
        "failed_logins",
        "locked_until",
        "last_login_at",
        "created_at",
    )
    form_extra_fields = {
        "password": PasswordField(
            _l("Password"),
            validators=[Optional(), Length(min=10, max=200)],
            description=_l(
                "At least 10 characters mixing letters, digits and symbols; "
                "leave empty to keep the current one."
            ),
        )
    }
    form_ajax_refs = {"volunteer": {"fields": ("name", "phone"), "page_size": 10}}

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if form.password.data:
            problems = password_problems(form.password.data, model.username)
            if problems:
                raise ValidationError(
                    errors={"password": ValidationError(" ".join(str(p) for p in problems))}
                )
            model.set_password(form.password.data)
        elif is_created:
            raise ValidationError(
                errors={"password": ValidationError(_l("A new user needs a password"))}
            )


class RuleSetView(SecureModelView):
    policy = {"district_admin": ALL, "street_admin": {READ}, "supervisor": READ_ONLY}
    scope = {"street": "street"}
    column_list = ("kind", "code", "name", "street", "version", "active", "created_at")
    column_choices = {"kind": RULE_KINDS}
    column_filters = ("kind", "active", street_filter())
    column_searchable_list = ("code", "name")
    can_edit = False
    district_wide_visible = True
    form_excluded_columns = ("created_at",)
