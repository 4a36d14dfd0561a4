"""API tokens for channel integrations: issued once, stored hashed, revocable."""

import mongoengine
from bson import ObjectId
from flask import flash
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField

from admin.base import SecureModelView
from admin.filters import street_filter
from admin.model_forms import CheckboxList, Chosen
from models.choices import API_SCOPES
from weimin.access import EDIT


class ApiTokenView(SecureModelView):
    scope = {"street": "street"}
    can_view_details = True
    column_list = ("name", "street", "scopes", "key_id", "active", "last_used_at", "created_at")
    column_labels = {
        "name": _l("Integration"),
        "street": _l("Street"),
        "scopes": _l("Allowed operations"),
        "key_id": _l("Key id"),
        "active": _l("Active"),
        "last_used_at": _l("Last used"),
        "created_at": _l("Created at"),
        "revoked_at": _l("Revoked at"),
    }
    column_details_exclude_list = ("token_hash",)
    column_filters = ("active", street_filter())
    form_columns = ("name", "street", "scopes", "active")
    form_args = {"active": {"description": _l("Untick to revoke the token; it stops at once.")}}

    def scaffold_form(self):
        form_class = super().scaffold_form()
        # Flask-Admin gives a required list field a validator for field lists, which a
        # list of checkboxes does not have (a 500 on every save): check the ticks instead.
        form_class.scopes = SelectMultipleField(
            self.column_labels["scopes"],
            choices=list(API_SCOPES),
            validators=[Chosen(_l("Choose at least one operation."))],
            widget=CheckboxList(),
        )
        return form_class

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            model._issued = model.issue()
        if model.active and model.revoked_at is not None:
            raise mongoengine.ValidationError(
                errors={
                    "active": mongoengine.ValidationError(
                        _("A revoked token stays revoked; create a new one.")
                    )
                }
            )
        if not model.active:
            if model.revoked_at is None:
                model._audit_action = "revoke"  # the trail says revoked, not just changed
            model.revoke()

    def after_model_change(self, form, model, is_created):
        issued = getattr(model, "_issued", None)
        if issued:
            flash(
                _(
                    "Token for %(name)s (shown only now, copy it): %(token)s",
                    name=model.name,
                    token=issued,
                ),
                "success",
            )

    @action("revoke", _l("Revoke"), _l("Revoke the selected tokens? They stop working at once."))
    def action_revoke(self, ids):
        count = 0
        valid = [ObjectId(i) for i in ids if ObjectId.is_valid(i)]
        for token in self.get_query().filter(id__in=valid, revoked_at=None):
            token.revoke()
            token._audit_action = "revoke"
            token.save()
            count += 1
        flash(_("%(n)d tokens revoked.", n=count), "success")

    def is_action_allowed(self, name):
        if name == "revoke":
            return self.allowed(EDIT)
        return super().is_action_allowed(name)
