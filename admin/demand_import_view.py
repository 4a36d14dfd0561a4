"""Bulk intake page: pick a catalogue item, download its template, upload the filled sheet."""

from bson import ObjectId
from flask import Response, abort, flash, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.policy import PolicyView
from admin.scope import scoped_objects
from models import Community
from weimin.access import CREATE, items_for
from weimin.core.sheet_reader import MAX_FILE_BYTES, SheetError
from weimin.core.sheets import XLSX, content_disposition
from weimin.demands.import_template import build_template
from weimin.demands.importer import import_demands, offering
from weimin.demands.intake import receipt


class DemandImportView(PolicyView):
    """Available to the roles that may take in demands."""

    action = CREATE

    def _items(self):
        return list(items_for(current_user).order_by("code"))

    def _item(self, item_id):
        if not ObjectId.is_valid(item_id or ""):
            abort(404)
        item = next((i for i in self._items() if str(i.pk) == item_id), None)
        if item is None:
            abort(404)
        return item

    @expose("/", methods=("GET", "POST"))
    def index(self):
        result = None
        if request.method == "POST":
            chosen = request.form.get("item") or ""
            item = next((i for i in self._items() if str(i.pk) == chosen), None)
            upload = request.files.get("file")
            # One byte more than allowed is enough for the reader to refuse the file.
            data = upload.read(MAX_FILE_BYTES + 1) if upload else b""
            if item is None:
                flash(_("Choose a service item."), "error")
            elif not data:
                flash(_("Choose a file to upload."), "error")
            else:
                communities = {c.code: c for c in scoped_objects(Community)}
                try:
                    result = import_demands(
                        item, upload.filename, data, communities, current_user.username
                    )
                except SheetError as exc:
                    flash(str(exc), "error")
                if result is not None and result.ok:
                    flash(_("%(n)d demands taken in.", n=len(result.demands)), "success")
                    if result.examples:
                        flash(_("The template's example row was skipped."), "info")
        # What intake told each demand taken in: its ticket, deadline and likely duplicate.
        receipts = [receipt(d) for d in result.demands] if result and result.ok else []
        return self.render(
            "admin/demand_import/index.html",
            items=self._items(),
            result=result,
            receipts=receipts,
            chosen=request.values.get("item"),
        )

    @expose("/template/<item_id>")
    def template(self, item_id):
        item = self._item(item_id)
        communities = offering(item, scoped_objects(Community))
        response = Response(build_template(item, communities), content_type=XLSX)
        response.headers["Content-Disposition"] = content_disposition(
            f"诉求导入模板-{item.name}.xlsx"
        )
        return response
