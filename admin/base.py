"""The one base view: sign-in, role policy, tenancy scope, CSRF forms and a cheap pager."""

from datetime import datetime

import mongoengine
from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView
from flask_admin.actions import action
from flask_admin.contrib.mongoengine import ModelView
from flask_admin.contrib.mongoengine.form import CustomModelConverter
from flask_admin.contrib.mongoengine.typefmt import DEFAULT_FORMATTERS
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from mongoengine.queryset.visitor import Q
from wtforms import fields

from admin.ajax import ScopedAjaxLoader
from admin.filters import ReferenceEqualFilter
from admin.labels import LABELS
from admin.list_export import ListExportMixin
from admin.scope import indexed, scope_filter_for, scoped_objects
from weimin.errors import put_on_form
from weimin.timefmt import datetime_formatter

READ, CREATE, EDIT, DELETE, EXPORT = "read", "create", "edit", "delete", "export"
ALL = frozenset({READ, CREATE, EDIT, DELETE, EXPORT})
READ_ONLY = frozenset({READ, EXPORT})


class Converter(CustomModelConverter):
    """Flask-Admin's converter plus Decimal128 fields."""

    def __init__(self, view):
        super().__init__(view)
        self.converters["Decimal128Field"] = self.conv_Decimal128

    def conv_Decimal128(self, model, field, kwargs):
        self._number_common(model, field, kwargs)
        kwargs["places"] = None
        return fields.DecimalField(**kwargs)


def user_role():
    return current_user.role if current_user.is_authenticated else None


class SecureModelView(ListExportMixin, ModelView):
    """Every admin list inherits this; subclasses declare `policy` and `scope`."""

    form_base_class = FlaskForm
    model_form_converter = Converter
    simple_list_pager = True
    page_size = 20
    can_set_page_size = False
    can_view_details = True
    can_export = False
    export_types = ["xlsx", "csv"]
    column_labels = LABELS
    column_display_pk = False
    column_type_formatters = {**DEFAULT_FORMATTERS, datetime: datetime_formatter}
    column_type_formatters_detail = column_type_formatters

    # role -> actions it may take here; roles not named cannot open the view.
    policy: dict = {}
    # scope kind -> document field holding it ("id" when the document is the scope itself).
    scope = {"street": "street", "community": "community"}

    @classmethod
    def declared(cls, role, action):
        """What the class declares: its policy, narrowed by fixed can_* switches."""
        fixed = {CREATE: "can_create", EDIT: "can_edit", DELETE: "can_delete"}.get(action)
        for klass in cls.__mro__:
            value = klass.__dict__.get(fixed) if fixed else None
            if isinstance(value, bool):
                if not value:
                    return False
                break
            if isinstance(value, property):
                break
        return action in cls.policy.get(role, ())

    def __init__(self, model, *args, **kwargs):
        # Form fields get the same translated labels as the list columns.
        labels = {n: {"label": self.column_labels.get(n, LABELS.get(n))} for n in model._fields}
        labels = {n: a for n, a in labels.items() if a["label"] is not None}
        for name, extra in (self.form_args or {}).items():
            labels[name] = {**labels.get(name, {}), **extra}
        self.form_args = labels
        super().__init__(model, *args, **kwargs)

    def allowed(self, action):
        return self.declared(user_role(), action)

    def is_accessible(self):
        return current_user.is_authenticated and self.allowed(READ)

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        abort(403)

    # Flask-Admin reads these per request.
    @property
    def can_create(self):
        return self.allowed(CREATE)

    @property
    def can_edit(self):
        return self.allowed(EDIT)

    @property
    def can_delete(self):
        return self.allowed(DELETE)

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        # The mongoengine backend ignores column_sortable_list aliases ("score" sorted by
        # "sort_score"); map them here, and refuse columns that are not sortable at all.
        if sort_column is not None:
            target = self._sortable_columns.get(sort_column)
            sort_column = target if isinstance(target, str) else getattr(target, "name", None)
        return super().get_list(page, sort_column, sort_desc, search, filters, execute, page_size)

    def get_sortable_columns(self):
        """Only columns an index serves are sortable: a list never sorts a whole collection."""
        columns = super().get_sortable_columns()
        return {
            name: target
            for name, target in columns.items()
            if indexed(self.model, target if isinstance(target, str) else target.name)
        }

    def search_placeholder(self):
        names = [str(self.column_labels.get(c, c)) for c in self.column_searchable_list or ()]
        return _("Search: %(fields)s", fields="、".join(names)) if names else None

    def _get_filter_groups(self):
        groups = super()._get_filter_groups()
        for items in (groups or {}).values():
            for item in items:
                flt = self._filters[item["index"]]
                if isinstance(flt, ReferenceEqualFilter):
                    item["options"] = flt.current_options()
        return groups

    # --- tenancy -------------------------------------------------------------
    def scope_filter(self):
        """Query arguments that keep the current user inside their scope; None: nothing."""
        return scope_filter_for(current_user, self.scope)

    def _create_ajax_loader(self, name, opts):
        field = getattr(self.model, name)
        remote = getattr(field, "field", field).document_type
        return ScopedAjaxLoader(name, remote, **opts)

    # Records with no street are district-wide (templates, rule sets): shown to every street.
    district_wide_visible = False

    def get_query(self):
        flt = self.scope_filter()
        query = self.model.objects
        if flt is None:
            return query.none()
        if self.district_wide_visible and flt:
            ((field, value),) = flt.items()
            return query.filter(Q(**{field: value}) | Q(**{field: None}))
        return query.filter(**flt)

    def get_one(self, id):
        try:
            oid = ObjectId(id)
        except (InvalidId, TypeError):
            abort(404)
        obj = self.get_query().filter(pk=oid).first()
        if obj is None:
            abort(404)
        return obj

    def on_model_change(self, form, model, is_created):
        """Pin new and edited records to the user's own street/community."""
        role = user_role()
        street = current_user.street if role in ("street_admin", "community_worker") else None
        if street is not None and "street" in self.scope and self.scope["street"] != "id":
            setattr(model, self.scope["street"], street)
        if role == "community_worker" and "community" in self.scope:
            setattr(model, self.scope["community"], current_user.community)

    # --- saving with field-level messages -----------------------------------
    def check_writable(self, model):
        """District-wide records are read-only below the district admin."""
        if (
            self.district_wide_visible
            and model.pk is not None
            and getattr(model, self.scope.get("street", "street"), None) is None
            and user_role() != "district_admin"
        ):
            raise mongoengine.ValidationError(
                _l("District-wide records can only be changed by the district admin")
            )

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


def attach_errors(form, exc):
    """Put a mongoengine ValidationError's per-field messages on the form's fields."""
    for message in put_on_form(form, exc):
        flash(message, "error")


class PolicyView(BaseView):
    """A page that is not a model list; `policy` names who may open it, as on model views."""

    policy: dict = {}
    action = READ  # the action a role needs in `policy` to open the page

    def is_accessible(self):
        return current_user.is_authenticated and self.action in self.policy.get(user_role(), ())

    def inaccessible_callback(self, name, **kwargs):
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login", next=request.full_path))
        abort(403)
