"""Export the demand list as shown — filters, search and the item's own fields included."""

from flask import abort, request, url_for
from flask_admin import expose
from flask_babel import gettext as _

from admin.export_jobs import deliver
from admin.labels import LABELS
from models.base import utcnow
from weimin.core.timefmt import local_time
from weimin.exports.demands import FIXED


class DemandExportMixin:
    """XLSX/CSV export of the current list; residents' phones and addresses and the item's
    identifier fields are masked for supervisors, as on the list (weimin.exports.demands).

    Small lists download at once; large ones are written by a background job (admin.export_jobs).
    """

    export_types = ("xlsx", "csv")

    @expose("/export/<export_type>/")
    def export(self, export_type):
        if not self.can_export:
            abort(403)
        if export_type not in self.export_types:
            abort(404)
        return deliver(self.export_description(export_type), "demands", back=self.list_url())

    def list_url(self):
        args = request.args.to_dict(flat=False)
        return url_for(".index_view", **args)

    def export_description(self, fmt):
        """The list as shown — scope, filters, search, sort and the item's fields — as data."""
        description = super().export_description(fmt)
        item = self.list_item()
        parts = [_("Demands"), item.name if item else None, local_time(utcnow(), "%Y%m%d-%H%M")]
        description.source = "demands"
        description.name = description.title = "_".join(p for p in parts if p)
        columns = [(key, LABELS[key]) for key in FIXED]
        if item is not None:
            columns += self.value_columns(item, True)
            values = [[k, v] for k, v in request.args.items() if k.startswith("v.")]
            description.params = {"item": item.pk, "values": values}
        description.columns = [{"key": key, "title": str(text)} for key, text in columns]
        return description
