"""Export the demand list as shown — filters, search and the item's own fields included."""

from flask import abort
from flask_admin import expose
from flask_babel import gettext as _

from admin.base import EXPORT, user_role
from admin.demand_values import MASKS, VALUES
from admin.labels import LABELS
from models import CatalogueItem, Community
from models.base import utcnow
from models.choices import CHANNELS, KINDS, STATUSES, label
from weimin import audit, exports
from weimin.fieldschema import typed_value
from weimin.privacy import mask_phone
from weimin.timefmt import local_time

FIXED = ("ticket_no", "kind", "item", "community", "resident_name", "resident_phone")
FIXED += ("resident_address", "channel", "description", "status", "received_at", "deadline_at")
FIXED += ("closed_at", "overdue")
CODED = {"kind": KINDS, "channel": CHANNELS, "status": STATUSES}


class DemandExportMixin:
    """XLSX/CSV export of the current list; phones are masked for supervisors."""

    export_types = ("xlsx", "csv")
    export_max_rows = 10000

    @property
    def can_export(self):
        return self.allowed(EXPORT)

    @expose("/export/<export_type>/")
    def export(self, export_type):
        if not self.can_export:
            abort(403)
        if export_type not in self.export_types:
            abort(404)
        _count, query = self._export_data()  # the list's own query: scope, filters, search, sort
        item = self.list_item()
        columns, rows = self.export_table(query, item)
        audit.record("export", "demands", count=len(rows), changes={"format": export_type})
        parts = [_("Demands"), item.name if item else None, local_time(utcnow(), "%Y%m%d-%H%M")]
        return exports.send(columns, rows, export_type, "_".join(p for p in parts if p))

    def export_table(self, query, item):
        """(columns, rows) for the demands of query, with the item's fields when one is chosen."""
        docs = list(query.as_pymongo())
        names = {}
        for document, key in ((Community, "community"), (CatalogueItem, "item")):
            ids = list({doc.get(key) for doc in docs})
            names[key] = {o.pk: o.name for o in document.objects(id__in=ids).only("name")}
        specs = self.field_history(item) if item is not None else {}
        masked = user_role() == "supervisor"
        rows = []
        for doc in docs:
            row = {key: doc.get(key) for key in FIXED}
            row.update({key: str(label(CODED[key], doc.get(key))) for key in CODED})
            row.update({key: names[key].get(doc.get(key)) for key in names})
            if masked:
                row["resident_phone"] = mask_phone(row["resident_phone"])
            values = doc.get("values") or {}
            for name, spec in specs.items():
                value = typed_value(spec, values.get(name))
                if masked and spec["type"] in MASKS and value:
                    value = MASKS[spec["type"]](value)
                row[VALUES + name] = value
            rows.append(row)
        columns = [exports.Column(key, LABELS[key]) for key in FIXED]
        if item is not None:
            columns += [exports.Column(c, text) for c, text in self.value_columns(item, True)]
        return columns, rows
