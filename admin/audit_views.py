"""The audit trail: read-only, filterable, within the reader's scope, in the reader's words."""

from flask import current_app, url_for
from flask_admin.contrib.mongoengine.filters import FilterEqual
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.audit_columns import UNLISTED_FIELDS, ActorFilter, LabelledChoiceFilter, actor_column
from admin.base import SecureModelView
from admin.labels import LABELS
from admin.people_names import remember_people
from models.audit_entry import ACTOR_KINDS, AUDIT_ACTIONS
from weimin.access import READ, may
from weimin.store.audit_labels import (
    COLLECTION_CHOICES,
    document_of,
    fill_subjects,
    lookup_subject,
    subject_text,
    summary_text,
)
from weimin.store.audit_read import Reader

AUDIT_LABELS = {
    "at": _l("Time"),
    "actor_kind": _l("Actor type"),
    "actor": _l("Actor"),
    "action": _l("Action"),
    "collection": _l("Collection"),
    "subject": _l("Record"),
    "doc_id": _l("Record id"),
    "changes": _l("Changes"),
    "ip": _l("IP address"),
    "path": _l("Path"),
    "summary": _l("Summary"),
    "count": _l("Count"),
}


# Fields no list shows but changes name.
HIDDEN_FIELDS = {
    "password_hash": LABELS["password"],
    "values": _l("Item fields"),
    "claim_expiries": _l("Claims returned to the wall"),
    "session_version": _l("Session version"),
    "correction_request": _l("Correction requested"),
    "history": _l("History"),
    "token_hash": _l("Token"),
    "format": _l("File format"),
    "file": _l("File"),
    "refused": _l("Refused because"),
    "background": _l("Prepared in the background"),
    "phone_hash": _l("Supporter's phone (kept as a keyed hash)"),
}


def field_labels(collection):
    """Field name -> label for one collection: the shared labels and its own list's."""
    cls = document_of(collection)
    labels = {**UNLISTED_FIELDS, **LABELS, **HIDDEN_FIELDS}
    admin = current_app.extensions.get("weimin_admin")
    for view in getattr(admin, "_views", ()):
        if cls is not None and getattr(view, "model", None) is cls:
            labels.update(view.column_labels or {})
    return labels


def reader(collection):
    return Reader(collection, current_user, field_labels(collection))


def details_url(entry):
    """The recorded record's details page, when it still exists and the reader may open it."""
    endpoint = ENDPOINTS().get(entry.collection)
    if not endpoint or not entry.doc_id or entry.action == "delete":
        return None
    if not may(current_user, endpoint, READ):
        return None
    return url_for(f"{endpoint}.details_view", id=entry.doc_id)


def ENDPOINTS():  # noqa: N802 (a table, built once the admin exists)
    admin = current_app.extensions.get("weimin_admin")
    return {
        view.model._get_collection_name(): view.endpoint
        for view in getattr(admin, "_views", ())
        if getattr(view, "model", None) is not None and view.can_view_details
    }


def subject_link(view, context, model, name):
    """The record by its ticket number or name, linked to its page; never a bare id."""
    text = subject_text(
        model.collection,
        model.subject
        if model.subject is not None
        else lookup_subject(model.collection, model.doc_id),
    )
    if not text:
        return "" if not model.doc_id else _("(deleted)")
    url = details_url(model)
    if url is None:
        return text
    return Markup('<a href="{}" class="audit-record">{}</a>').format(url, text)


def subject_detail(view, context, model, name):
    """The record's link, and the list narrowed to every entry about that record."""
    shown = subject_link(view, context, model, name)
    index = next((i for i, f in enumerate(view._filters) if f.column == "doc_id"), None)
    if not model.doc_id or index is None:
        return shown
    url = url_for(".index_view", **{f"flt0_{index}": model.doc_id})
    more = Markup(' · <a href="{}" id="audit-record-history">{}</a>')
    return Markup("{}{}").format(shown, more.format(url, _("All entries of this record")))


def changes_summary(view, context, model, name):
    return reader(model.collection).summary(model)


def summary_column(view, context, model, name):
    return summary_text(model.summary)


def changes_table(view, context, model, name):
    """Each change as a row: field, before, after — in local time, masked for the reader."""
    rows = reader(model.collection).rows(model)
    if not rows:
        return ""
    body = Markup("").join(
        Markup("<tr><th>{}</th><td>{}</td><td>{}</td></tr>").format(*row) for row in rows
    )
    head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        _("Field"), _("Before"), _("After")
    )
    return Markup(
        '<table class="table table-sm table-bordered mb-0" id="audit-diff">'
        "<thead>{}</thead><tbody>{}</tbody></table>"
    ).format(head, body)


class AuditEntryView(SecureModelView):
    scope = {"street": "street"}
    can_create = can_edit = can_delete = False
    column_list = ("at", "actor_kind", "actor", "action", "collection", "subject", "changes")
    column_details_list = ("at", "actor_kind", "actor", "action", "collection", "subject",
                           "summary", "count", "changes", "ip", "path")  # fmt: skip
    column_labels = AUDIT_LABELS
    column_choices = {
        "action": AUDIT_ACTIONS,
        "actor_kind": ACTOR_KINDS,
        "collection": COLLECTION_CHOICES,
    }
    column_filters = (
        LabelledChoiceFilter("action", AUDIT_LABELS["action"], AUDIT_ACTIONS),
        LabelledChoiceFilter("actor_kind", AUDIT_LABELS["actor_kind"], ACTOR_KINDS),
        LabelledChoiceFilter("collection", AUDIT_LABELS["collection"], COLLECTION_CHOICES),
        ActorFilter("actor", AUDIT_LABELS["actor"]),
        "subject",
        FilterEqual("doc_id", AUDIT_LABELS["doc_id"]),
        "at",
    )
    column_searchable_list = ("subject", "actor", "summary")
    column_default_sort = ("at", True)
    column_formatters = {"subject": subject_link, "changes": changes_summary, "actor": actor_column}
    column_formatters_detail = {
        "subject": subject_detail,
        "changes": changes_table,
        "actor": actor_column,
        "summary": summary_column,
    }

    def executed(self, query):
        """The page's entries, their records' names and their people's names read at once."""
        entries = fill_subjects(super().executed(query))
        remember_people(e.actor for e in entries if e.actor_kind == "user")
        return entries

    def export_description(self, fmt):
        """The list as filtered, searched and sorted, in the audit export's readable columns."""
        description = super().export_description(fmt)
        shared = {name: str(text) for name, text in LABELS.items()}
        labels = {"": shared}  # the shared labels, then each collection's own where they differ
        for collection, _text in COLLECTION_CHOICES:
            own = {name: str(text) for name, text in field_labels(collection).items()}
            labels[collection] = {k: v for k, v in own.items() if shared.get(k) != v}
        description.source, description.columns = "audit", []
        description.params = {"labels": labels}
        return description
