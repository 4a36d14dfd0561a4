"""Export of any admin list as shown, through the same path as the report exports: typed cells,
Chinese headers, a BOM on CSV, and a background job when the list is large.

Flask-Admin's own export writes every cell as text, has no BOM, loads each referenced record
once per row and builds the whole file in the request; this replaces it for every list view.
"""

from datetime import date, datetime
from decimal import Decimal

from bson import Decimal128
from flask import flash, redirect, request, url_for
from flask_admin import expose
from flask_admin.tools import rec_getattr
from flask_babel import gettext as _
from markupsafe import Markup
from mongoengine import ReferenceField

from admin.export_jobs import deliver
from models.base import utcnow
from models.choices import label
from weimin.access import ref_id
from weimin.core.sheets import Column, Table
from weimin.core.timefmt import local_time
from weimin.store.db import stream

TYPED = (bool, int, float, Decimal, Decimal128, date, datetime)


class ListExportMixin:
    """`export_types` and `can_export` as on Flask-Admin; the file holds the filtered list."""

    column_export_percent = ()  # rates from 0 to 1, shown as percentages in XLSX

    @expose("/export/<export_type>/")
    def export(self, export_type):
        back = url_for(".index_view", **request.args.to_dict(flat=False))
        if not self.can_export or export_type not in self.export_types:
            flash(_("You may not export this list."), "error")
            return redirect(back)
        return deliver(self.list_table(), export_type, self.model._get_collection_name(), back)

    def list_table(self):
        """The list with its filters, search and sort, every row of it, as a Table."""
        view_args = self._get_list_extra_args()
        sort = self._get_column_by_idx(view_args.sort)
        args = (sort[0] if sort else None, view_args.sort_desc, view_args.search)
        _count, query = self.get_list(0, *args, view_args.filters, execute=False, page_size=0)
        columns = [
            Column(name, str(text), percent=name in self.column_export_percent)
            for name, text in self._export_columns
        ]
        names = {}  # referenced records' names, looked up once per export

        def rows():
            for raw in stream(query):
                obj = self.model._from_son(raw)
                yield {col.key: self.export_cell(obj, col.key, names) for col in columns}

        name = f"{self.name}_{local_time(utcnow(), '%Y%m%d-%H%M')}"
        return Table(name, str(self.name), columns, rows(), query.count())

    def export_cell(self, obj, name, names):
        """One typed cell: export formatters and choices first, then numbers and dates as they
        are, references by name, anything else as the list shows it without markup."""
        # Flask-Admin copies the list formatters into column_formatters_export when a view sets
        # none; only formatters a view declares for export (masking, say) take precedence here.
        if name in (type(self).column_formatters_export or {}):
            return self.get_export_value(obj, name)
        choices = (self.column_choices or {}).get(name)
        field = self.model._fields.get(name)
        if isinstance(field, ReferenceField):
            pk = ref_id(obj, name)
            if pk is not None and pk not in names:
                names[pk] = str(field.document_type.objects(pk=pk).first() or pk)
            return names.get(pk)
        value = rec_getattr(obj, name, None)
        if choices and value is not None:
            return str(label(choices, value))
        if value is None or isinstance(value, TYPED):
            return value
        formatter = (self.column_formatters or {}).get(name)
        if formatter is not None:
            shown = formatter(self, None, obj, name)
            return Markup(shown).striptags() if isinstance(shown, Markup) else str(shown)
        if isinstance(value, list | tuple):
            return [str(v) for v in value]
        return str(value)
