"""The audit trail: read-only, filterable, within the admin's scope."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from admin.base import SecureModelView
from models.audit_entry import AUDIT_ACTIONS


def _value(value):
    text = "" if value is None else str(value)
    return escape(text if len(text) <= 200 else text[:200] + "…")


def changes_table(view, context, model, name):
    """Render before/after pairs as a small table."""
    if not model.changes:
        return ""
    rows = "".join(
        Markup("<tr><th>{}</th><td>{}</td><td>{}</td></tr>").format(
            field, _value(pair.get("before")), _value(pair.get("after"))
        )
        for field, pair in model.changes.items()
    )
    head = Markup("<tr><th></th><th>{}</th><th>{}</th></tr>").format(_l("Before"), _l("After"))
    return Markup('<table class="table table-sm table-bordered mb-0">{}{}</table>').format(
        head, Markup(rows)
    )


class AuditEntryView(SecureModelView):
    scope = {"street": "street"}
    can_create = can_edit = can_delete = False
    column_list = ("at", "actor_kind", "actor", "action", "collection", "doc_id", "ip")
    column_labels = {
        "at": _l("Time"),
        "actor_kind": _l("Actor type"),
        "actor": _l("Actor"),
        "action": _l("Action"),
        "collection": _l("Collection"),
        "doc_id": _l("Record"),
        "changes": _l("Changes"),
        "ip": _l("IP address"),
        "path": _l("Path"),
        "summary": _l("Summary"),
        "count": _l("Count"),
    }
    column_choices = {"action": AUDIT_ACTIONS}
    column_filters = ("action", "actor_kind", "actor", "collection", "doc_id", "at")
    column_default_sort = ("at", True)
    column_formatters_detail = {"changes": changes_table}
