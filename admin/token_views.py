"""API tokens for channel integrations: issued once, stored hashed, revocable."""

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from admin.base import SecureModelView
from admin.filters import street_filter
from models.base import utcnow


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

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            model._issued = model.issue()
        if not model.active and model.revoked_at is None:
            model.revoked_at = utcnow()

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
