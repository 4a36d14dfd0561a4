"""The one base view: sign-in, role policy, tenancy scope, CSRF forms and a cheap pager."""

from datetime import datetime

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, g
from flask_admin import expose
from flask_admin.contrib.mongoengine import ModelView
from flask_admin.contrib.mongoengine.typefmt import DEFAULT_FORMATTERS
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from markupsafe import Markup

from admin.ajax import ScopedAjaxLoader
from admin.filters import ReferenceEqualFilter
from admin.help_views import help_url
from admin.labels import LABELS
from admin.list_export import ListExportMixin
from admin.model_forms import Converter, ScopedFormsMixin
from admin.people_names import PERSON_FIELDS, person
from admin.policy import deny, route_allowed, unused_routes
from admin.scope import indexed
from weimin.access import (
    CREATE,
    DELETE,
    DISTRICT_WIDE_DOCUMENTS,
    EDIT,
    EXPORT,
    READ,
    may,
    pinned,
    scope_filter_for,
    scoped_query,
)
from weimin.core.timefmt import datetime_formatter
from weimin.store.db import embedded_store, in_total_order, stream
from weimin.store.indexes import sort_served
from weimin.store.prefetch import prefetch


def yes_no_formatter(view, value, name):
    """Flask-Admin's check icon, titled 是/否 rather than "published: true"."""
    icon = "fa-check-circle" if value else "fa-minus-circle"
    title = _("Yes") if value else _("No")
    return Markup('<span class="fa {}" title="{}"></span>').format(icon, title)


class SecureModelView(ScopedFormsMixin, ListExportMixin, ModelView):
    """Every admin list inherits this; subclasses declare `scope`, weimin.access the policy."""

    form_base_class = FlaskForm
    model_form_converter = Converter
    simple_list_pager = True
    page_size = 20
    can_set_page_size = False
    can_view_details = True
    export_types = ["xlsx", "csv"]
    column_labels = LABELS
    column_display_pk = False
    column_type_formatters = {
        **DEFAULT_FORMATTERS,
        datetime: datetime_formatter,
        bool: yes_no_formatter,
    }
    column_type_formatters_detail = column_type_formatters

    # scope kind -> document field holding it ("id" when the document is the scope itself).
    scope = {"street": "street", "community": "community"}

    def __init__(self, model, *args, **kwargs):
        # Form fields get the same translated labels as the list columns.
        labels = {n: {"label": self.column_labels.get(n, LABELS.get(n))} for n in model._fields}
        labels = {n: a for n, a in labels.items() if a["label"] is not None}
        for name, extra in (self.form_args or {}).items():
            labels[name] = {**labels.get(name, {}), **extra}
        self.form_args = labels
        super().__init__(model, *args, **kwargs)

    def allowed(self, action):
        """The one policy table (weimin.access.POLICY) decides, by this view's endpoint."""
        return may(current_user, self.endpoint, action)

    def is_accessible(self):
        return self.allowed(READ)

    def inaccessible_callback(self, name, **kwargs):
        return deny()

    def _handle_view(self, name, **kwargs):
        """Before every route: unused inherited ones answer 404; look-ups need a form to fill."""
        if name in unused_routes(self):
            abort(404)
        refused = super()._handle_view(name, **kwargs)
        if refused is None and not route_allowed(self, name):
            abort(403)
        return refused

    @expose("/api/file/")
    def api_file_view(self):
        """Closed (see admin.policy.unused_routes), even should _handle_view be bypassed."""
        abort(404)

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

    @property
    def can_export(self):
        return self.allowed(EXPORT)

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        # The mongoengine backend ignores column_sortable_list aliases ("score" sorted by
        # "sort_score"); map them here, and refuse columns that are not sortable at all.
        if sort_column is not None and not self.is_sortable(sort_column):
            sort_column = None  # not for this user's scope: the default order
        if sort_column is not None:
            target = self._sortable_columns.get(sort_column)
            sort_column = target if isinstance(target, str) else getattr(target, "name", None)
        count, query = super().get_list(
            page, sort_column, sort_desc, search, filters, execute=False, page_size=page_size
        )
        query = in_total_order(query)
        return count, (self.executed(query) if execute else query)

    def executed(self, query):
        """The page's documents. The embedded store would copy every record in scope before it
        sorts and slices out a page; stream() matches and sorts in place and copies the page."""
        if not embedded_store():
            documents = list(query)
        else:
            documents = [self.model._from_son(raw) for raw in stream(query)]
        return prefetch(documents, self.list_references())

    def list_references(self):
        """The referenced records a list row shows: loaded for the whole page at once."""
        return [c if isinstance(c, str) else c[0] for c in self.column_list or ()]

    def get_sortable_columns(self):
        """Only columns an index serves are sortable: a list never sorts a whole collection."""
        columns = super().get_sortable_columns()
        return {
            name: target
            for name, target in columns.items()
            if indexed(self.model, target if isinstance(target, str) else target.name)
        }

    def is_sortable(self, name):
        """Offered to this user only when the sort scans no collection in their scope (the
        district's lists of a large collection need an index that gives the order itself)."""
        if not super().is_sortable(name):
            return False
        target = self._sortable_columns[name]
        scoped = g.setdefault("scoped_list_queries", {})  # once per request, not per column
        if self.endpoint not in scoped:
            scoped[self.endpoint] = self.get_query()
        field = target if isinstance(target, str) else target.name
        return sort_served(scoped[self.endpoint], field)

    def _get_list_value(self, context, model, name, *formatters):
        # A choice column without a value would print Python's "None"; who acted is a name.
        value = super()._get_list_value(context, model, name, *formatters)
        return "" if value is None else person(value) if name in PERSON_FIELDS else value

    def get_empty_list_message(self):
        return Markup('{} — <a href="{}" class="empty-help">{}</a>').format(
            _("No records yet"), help_url(current_user), _("see the help")
        )

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

    @property
    def district_wide_visible(self):
        """Records with no street are district-wide (templates, rule sets): every street sees
        them."""
        return self.model.__name__ in DISTRICT_WIDE_DOCUMENTS

    def _create_ajax_loader(self, name, opts):
        field = getattr(self.model, name)
        remote = getattr(field, "field", field).document_type
        return ScopedAjaxLoader(name, remote, **opts)

    def get_query(self):
        return scoped_query(current_user, self.model, self.scope)

    def record_query(self):
        """The records a details, edit or delete page may open: by default the list's."""
        return self.get_query()

    def get_one(self, id):
        try:
            oid = ObjectId(id)
        except (InvalidId, TypeError):
            abort(404)
        obj = self.record_query().filter(pk=oid).first()
        if obj is None:
            abort(404)
        return obj

    def on_model_change(self, form, model, is_created):
        """Pin new and edited records to the user's own street/community."""
        for field, value in pinned(current_user, self.scope).items():
            setattr(model, field, value)
