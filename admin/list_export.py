"""Export of any admin list as shown, through the same path as the report exports: typed cells,
Chinese headers, a BOM on CSV, and a background job when the list is large.

Flask-Admin's own export writes every cell as text, has no BOM, loads each referenced record
once per row and builds the whole file in the request; this replaces it for every list view.
The view turns the request into a plain description of the list (weimin.exports.description)
whose rows weimin.exports.tables builds — at once, or later in the worker.
"""

from flask import abort, request, url_for
from flask_admin import expose
from flask_admin.contrib.mongoengine.tools import parse_like_term
from mongoengine import ReferenceField

from admin.export_jobs import deliver, describe, owner_scope
from models.base import utcnow
from weimin.core.timefmt import local_time
from weimin.exports.description import triple
from weimin.exports.tables import FORMATTERS


class _Recorder:
    """Stands in for a queryset: keeps each filter a Flask-Admin filter applies as a triple."""

    def __init__(self, document):
        self.document, self.triples = document, []

    def filter(self, *conditions, **kwargs):
        for condition in conditions:  # Q objects: kept as the MongoDB condition they make
            self.triples.append(triple("__raw__", "", condition.to_query(self.document)))
        for key, value in kwargs.items():
            name, _sep, operation = key.partition("__")
            self.triples.append(triple(name, operation, value))
        return self


class ListExportMixin:
    """`export_types` and `can_export` as on Flask-Admin; the file holds the filtered list."""

    column_export_percent = ()  # rates from 0 to 1, shown as percentages in XLSX

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The text of columns only the list's formatters can give, for exports made later.
        for name, formatter in (self.column_formatters or {}).items():
            FORMATTERS[f"{self.endpoint}.{name}"] = self._formatted(formatter, name)

    def _formatted(self, formatter, name):
        return lambda obj: formatter(self, None, obj, name)

    @expose("/export/<export_type>/")
    def export(self, export_type):
        # As on the demand list: no export button is shown, so this is a typed-in address.
        if not self.can_export:
            abort(403)
        if export_type not in self.export_types:
            abort(404)
        back = url_for(".index_view", **request.args.to_dict(flat=False))
        collection = self.model._get_collection_name()
        return deliver(self.export_description(export_type), collection, back)

    def export_description(self, fmt):
        """The list with its scope, filters, search and sort, every row of it, as plain data."""
        view_args = self._get_list_extra_args()
        name = f"{self.name}_{local_time(utcnow(), '%Y%m%d-%H%M')}"
        return describe(
            "list",
            fmt,
            name,
            str(self.name),
            model=self.model.__name__,
            where=self.export_scope(),
            filters=self.export_filters(view_args.filters),
            search=self.export_search(view_args.search),
            sort=self.export_sort(view_args),
            columns=[self.export_column(name, text) for name, text in self._export_columns],
        )

    def export_scope(self):
        return owner_scope(self.scope, self.district_wide_visible)

    def export_filters(self, filters):
        """The applied filters as triples, exactly as Flask-Admin would apply them."""
        recorder = _Recorder(self.model)
        for index, _name, value in filters or ():
            flt = self._filters[index]
            flt.apply(recorder, flt.clean(value))
        return recorder.triples

    def export_search(self, text):
        """The search box as triples (any matches), the way Flask-Admin searches."""
        if not text or not self._search_supported:
            return []
        operation, term = parse_like_term(text)
        # Flask-Admin matches a reference with a regular expression no id ever fits.
        texts = [f for f in self._search_fields if not isinstance(f, ReferenceField)]
        return [[f.name, operation, term] for f in texts] or [["id", "in", []]]

    def export_sort(self, view_args):
        """order_by keys: the chosen sortable column, else the default order."""
        sort = self._get_column_by_idx(view_args.sort)
        if sort and self.is_sortable(sort[0]):
            target = self._sortable_columns.get(sort[0])
            column = target if isinstance(target, str) else getattr(target, "name", None)
            if column:
                return [("-" if view_args.sort_desc else "") + column]
        return [f"{'-' if desc else ''}{col}" for col, desc in self._get_default_order() or ()]

    def export_column(self, name, text):
        """How the column's cells are made (see weimin.exports.tables.cell)."""
        column = {"key": name, "title": str(text), "percent": name in self.column_export_percent}
        field = self.model._fields.get(name)
        # A list's export formatters mask personal data; the export masks through weimin.access.
        if name in (type(self).column_formatters_export or {}):
            column["kind"] = "personal"
        elif isinstance(field, ReferenceField):
            column.update(kind="ref", document=field.document_type.__name__)
        elif name in (self.column_choices or {}):
            choices = [[code, str(text)] for code, text in self.column_choices[name]]
            column.update(kind="choice", choices=choices)
        elif name in (self.column_formatters or {}):
            column.update(kind="formatted", formatter=f"{self.endpoint}.{name}")
        return column
