"""Export the demand list as shown — filters, search and the item's own fields included."""

from flask import abort, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.demand_values import VALUES
from admin.export_jobs import deliver
from admin.labels import LABELS
from admin.scope import scoped_objects
from models import CatalogueItem, Community
from models.base import utcnow
from models.choices import CHANNELS, KINDS, STATUSES, label
from weimin.access import shown
from weimin.catalogue.schema import typed_value
from weimin.core import sheets as exports
from weimin.core.timefmt import local_time
from weimin.store.db import stream

FIXED = ("ticket_no", "kind", "item", "community", "resident_name", "resident_phone")
FIXED += ("resident_address", "channel", "description", "status", "received_at", "deadline_at")
FIXED += ("closed_at", "overdue")
CODED = {"kind": KINDS, "channel": CHANNELS, "status": STATUSES}


class DemandExportMixin:
    """XLSX/CSV export of the current list; residents' phones and addresses and the item's
    identifier fields are masked for supervisors, as on the list.

    Small lists download at once; large ones are written by a background job (admin.export_jobs).
    """

    export_types = ("xlsx", "csv")

    @expose("/export/<export_type>/")
    def export(self, export_type):
        if not self.can_export:
            abort(403)
        if export_type not in self.export_types:
            abort(404)
        return deliver(self.export_source(), export_type, "demands", back=self.list_url())

    def list_url(self):
        args = request.args.to_dict(flat=False)
        return url_for(".index_view", **args)

    def export_source(self):
        """The list as shown — scope, filters, search, sort and the item's fields — as a Table."""
        view_args = self._get_list_extra_args()
        sort = self._get_column_by_idx(view_args.sort)
        _count, query = self.get_list(
            0,
            sort[0] if sort else None,
            view_args.sort_desc,
            view_args.search,
            view_args.filters,
            execute=False,
            page_size=0,
        )
        item = self.list_item()
        columns, rows = self.export_table(query, item)
        parts = [_("Demands"), item.name if item else None, local_time(utcnow(), "%Y%m%d-%H%M")]
        name = "_".join(p for p in parts if p)
        return exports.Table(name, name, columns, rows, query.count())

    def export_table(self, query, item):
        """(columns, rows) for the demands of query, with the item's fields when one is chosen;
        rows is a generator that reads the store as it goes."""
        names = {
            "community": {c.pk: c.name for c in scoped_objects(Community).only("name")},
            "item": {i.pk: i.name for i in CatalogueItem.objects.only("name")},
        }
        specs = self.field_history(item) if item is not None else {}
        user = current_user._get_current_object()

        def rows():
            for doc in stream(query):
                row = {key: doc.get(key) for key in FIXED}
                row.update({key: str(label(CODED[key], doc.get(key))) for key in CODED})
                row.update({key: names[key].get(doc.get(key)) for key in names})
                # The resident's phone and address as the details page shows them to this user.
                for key in ("resident_phone", "resident_address"):
                    row[key] = shown(user, doc, key)
                values = doc.get("values") or {}
                for name, spec in specs.items():
                    value = typed_value(spec, values.get(name))
                    row[VALUES + name] = shown(user, doc, name, value, kind=spec["type"])
                yield row

        columns = [exports.Column(key, LABELS[key]) for key in FIXED]
        if item is not None:
            columns += [exports.Column(c, text) for c, text in self.value_columns(item, True)]
        return columns, rows()
