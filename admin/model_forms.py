"""Create and edit forms of the model views: Decimal128 fields, field-level messages, choices
limited to the user's scope (a posted value outside them is a field error, never a crash), and
district-wide records kept read-only below the district."""

import mongoengine
from bson import ObjectId
from flask import flash, redirect, request
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.mongoengine.form import CustomModelConverter
from flask_admin.form.validators import FieldListInputRequired
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import fields, validators
from wtforms.validators import StopValidation

from admin.ajax import (
    ReferenceAjaxField,
    ReferenceAjaxMultipleField,
    ReferenceSelectField,
    ReferenceSelectMultipleField,
)
from admin.scope import scoped_objects
from weimin.access import may_change
from weimin.core.errors import put_on_form


class Converter(CustomModelConverter):
    """Flask-Admin's converter plus Decimal128 fields and references that refuse junk."""

    def __init__(self, view):
        super().__init__(view)
        self.converters["Decimal128Field"] = self.conv_Decimal128

    def conv_Decimal128(self, model, field, kwargs):
        self._number_common(model, field, kwargs)
        kwargs["places"] = None
        return fields.DecimalField(**kwargs)

    def conv_Reference(self, model, field, kwargs):
        kwargs["allow_blank"] = not field.required
        loader = getattr(self.view, "_form_ajax_refs", {}).get(field.name)
        if loader:
            return ReferenceAjaxField(loader, **kwargs)
        return ReferenceSelectField(model=field.document_type, **kwargs)

    def conv_List(self, model, field, kwargs):
        inner = field.field
        if isinstance(inner, mongoengine.ReferenceField):
            loader = getattr(self.view, "_form_ajax_refs", {}).get(field.name)
            if loader:
                return ReferenceAjaxMultipleField(loader, **kwargs)
            return ReferenceSelectMultipleField(model=inner.document_type, **kwargs)
        if inner is not None and inner.choices:
            # Flask-Admin requires a list of choices with a validator made for lists of
            # sub-forms, which crashes on a multiple select: require a choice instead.
            kwargs["validators"] = [
                validators.InputRequired() if isinstance(v, FieldListInputRequired) else v
                for v in kwargs["validators"]
            ]
        return super().conv_List(model, field, kwargs)


class Chosen:
    """A choice made: a value picked, or at least one option ticked. The message is translated
    per request, as the forms show only plain-string errors."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if not field.data:
            raise StopValidation(str(self.message))


class CheckboxList:
    """A multiple choice as one Bootstrap checkbox per option (not a multi-select to Ctrl-click)."""

    def __call__(self, field, **kwargs):
        rows = []
        for value, label, checked, _attrs in field.iter_choices():
            box_id = f"{field.id}-{value}".replace(":", "-")
            rows.append(
                Markup(
                    '<div class="custom-control custom-checkbox">'
                    '<input class="custom-control-input" type="checkbox" id="{0}" name="{1}" '
                    'value="{2}"{3}><label class="custom-control-label" for="{0}">{4}</label></div>'
                ).format(box_id, field.name, value, Markup(" checked") if checked else "", label)
            )
        return Markup('<div id="{}" class="checkbox-list">{}</div>').format(
            field.id, Markup("").join(rows)
        )


def attach_errors(form, exc):
    """Put a mongoengine ValidationError's per-field messages on the form's fields."""
    for message in put_on_form(form, exc):
        flash(message, "error")


class ScopedFormsMixin:
    """Saving and deleting on a SecureModelView; it supplies `scope` and `district_wide_visible`."""

    def district_locked(self, model):
        """A district-wide record the user may see but not change (weimin.access.may_change)."""
        return (
            self.district_wide_visible
            and model.pk is not None
            and not may_change(current_user, model, self.scope.get("street", "street"))
        )

    def check_writable(self, model):
        """District-wide records are changed only by the staff over them: the district admin."""
        if self.district_locked(model):
            raise mongoengine.ValidationError(
                _l("District-wide records can only be changed by the district admin")
            )

    def writable(self, model):
        """True when the user may change this record; lists and details offer edit only then."""
        try:
            self.check_writable(model)
        except mongoengine.ValidationError:
            return False
        return True

    @expose("/edit/", methods=("GET", "POST"))
    def edit_view(self):
        """A record the user may not change opens read-only: its details say why."""
        record_id = request.args.get("id")
        district_wide = record_id and self.district_wide_visible
        if district_wide and self.district_locked(self.get_one(record_id)):
            flash(_("District-wide records can only be changed by the district admin"), "error")
            back = request.args.get("url")
            return redirect(self.get_url(".details_view", id=record_id, url=back))
        return super().edit_view()

    def delete_model(self, model):
        try:
            self.check_writable(model)
        except mongoengine.ValidationError as exc:
            flash(str(exc.message), "error")
            return False
        return super().delete_model(model)

    @action(
        "delete",
        _l("Delete"),
        _l("Are you sure you want to delete selected records?"),
    )
    def action_delete(self, ids):
        # Flask-Admin's version uses QuerySet.in_bulk, which ignores the scoped query.
        valid = [ObjectId(i) for i in ids if ObjectId.is_valid(i)]
        count = sum(bool(self.delete_model(obj)) for obj in self.get_query().filter(id__in=valid))
        flash(_("%(n)d records deleted.", n=count), "success")

    def _save(self, form, model, is_created):
        try:
            self.check_writable(model)
            form.populate_obj(model)
            self._on_model_change(form, model, is_created)
            model.save()
        except mongoengine.ValidationError as exc:
            attach_errors(form, exc)
            flash(_("Please correct the errors below."), "error")
            return False
        except mongoengine.NotUniqueError:
            flash(_("A record with the same identifying value already exists."), "error")
            return False
        self.after_model_change(form, model, is_created)
        return model

    def create_model(self, form):
        return self._save(form, self.model(), True)

    def update_model(self, form, model):
        return bool(self._save(form, model, False))

    # --- forms limited to what the user may pick ------------------------------
    def _limit_choices(self, form):
        """Offer — and accept — only referenced records inside the user's scope."""
        for field in form:
            queryset = getattr(field, "queryset", None)
            document = getattr(queryset, "_document", None)
            if document is None:
                continue
            field.queryset = scoped_objects(document)
            # The posted id was resolved against the unscoped list when the form was built.
            if request.method == "POST" and field.name in request.form:
                field.process_formdata(request.form.getlist(field.name))
        return form

    def create_form(self, obj=None):
        return self._limit_choices(super().create_form(obj))

    def edit_form(self, obj=None):
        return self._limit_choices(super().edit_form(obj))
