"""Users and rule sets."""

import json

from flask import request
from flask_admin.model.template import LinkRowAction
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from mongoengine import ValidationError
from wtforms import PasswordField, SelectField, TextAreaField
from wtforms.validators import Length, Optional

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.labels import LABELS
from admin.model_forms import Chosen
from admin.retire import RetireMixin
from models.choices import ROLES, RULE_KINDS
from models.rule_set import RuleSet
from weimin.core.errors import validate_flat
from weimin.web.passwords import set_good_password


class UserView(RetireMixin, SecureModelView):
    column_list = ("username", "name", "role", "street", "community", "active", "last_login_at")
    column_choices = {"role": ROLES}
    column_searchable_list = ("username", "name")
    column_filters = ("role", "active", street_filter())
    column_details_exclude_list = (
        "password_hash",
        "session_version",
        "failed_logins",
        "locked_until",
    )
    form_excluded_columns = (
        "password_hash",
        "session_version",
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

    def scaffold_form(self):
        form_class = super().scaffold_form()
        # No role is picked for the admin: a new account whose role was not chosen is refused.
        role = SelectField(
            LABELS["role"],
            choices=[("", _l("Choose a role")), *ROLES],
            validators=[Chosen(_l("Choose a role for the account."))],
        )
        role.creation_counter = form_class.role.creation_counter  # keep its place in the form
        form_class.role = role
        return form_class

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if form.password.data:
            set_good_password(model, form.password.data)
        elif is_created:
            raise ValidationError(
                errors={"password": ValidationError(_l("A new user needs a password"))}
            )


class ParamsField(TextAreaField):
    """A rule set's parameters as a JSON object in a text area."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return json.dumps(self.data or {}, ensure_ascii=False, indent=2)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        # On bad input keep the text, so "required" does not replace our message.
        self.data = valuelist[0]
        try:
            data = json.loads(valuelist[0].strip() or "{}")
        except json.JSONDecodeError as exc:
            raise ValueError(
                _(
                    "Not valid JSON at line %(line)d, column %(column)d: %(problem)s",
                    line=exc.lineno,
                    column=exc.colno,
                    problem=exc.msg,
                )
            ) from None
        if not isinstance(data, dict):
            raise ValueError(_("Parameters must be a JSON object"))
        self.data = data


def params_detail(view, context, model, name):
    text = json.dumps(model.params or {}, ensure_ascii=False, indent=2)
    return Markup('<pre class="mb-0">{}</pre>').format(text)


class RuleSetView(RetireMixin, SecureModelView):
    """Rule sets change by new versions: "new version" copies one into the create form."""

    scope = {"street": "street"}
    column_list = ("kind", "code", "name", "street", "version", "active", "created_at")
    column_choices = {"kind": RULE_KINDS}
    column_filters = ("kind", "active", street_filter())
    column_searchable_list = ("code", "name")
    column_formatters_detail = {"params": params_detail}
    column_extra_row_actions = [
        LinkRowAction("fa fa-copy", "new/?from={row_id}", title=_l("New version"))
    ]
    can_edit = False
    form_excluded_columns = ("created_at", "version")
    form_overrides = {"params": ParamsField}
    form_widget_args = {"params": {"rows": 18, "class": "form-control text-monospace"}}

    def create_form(self, obj=None):
        source = request.args.get("from")
        if obj is None and source and request.method == "GET":
            base = self.get_one(source)
            obj = RuleSet(kind=base.kind, code=base.code, name=base.name, street=base.street,
                          params=base.params, active=True, note=base.note)  # fmt: skip
        return super().create_form(obj)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            latest = RuleSet.objects(kind=model.kind, street=model.street, code=model.code)
            latest = latest.order_by("-version").only("version").first()
            model.version = latest.version + 1 if latest else 1
        validate_flat(model)  # clean()'s messages onto the params field
