"""The audit trail's export: the list as filtered, in words, masked for its owner."""

from datetime import UTC

from flask_babel import lazy_gettext as _l

from models import AuditEntry
from weimin.core.sheets import Column, Table
from weimin.exports.description import rows_query
from weimin.store.audit_labels import (
    action_label,
    actor_kind_label,
    actor_text,
    collection_label,
    lookup_subject,
    subject_text,
    summary_text,
)
from weimin.store.audit_read import Reader
from weimin.store.db import stream

AUDIT_LABELS = (
    ("at", _l("Time")),
    ("actor_kind", _l("Actor type")),
    ("actor", _l("Actor")),
    ("action", _l("Action")),
    ("collection", _l("Collection")),
    ("subject", _l("Record")),
    ("summary", _l("Summary")),
    ("count", _l("Count")),
    ("changes", _l("Changes")),
    ("ip", _l("IP address")),
    ("path", _l("Path")),
)


def audit_trail(description, user):
    """The audit trail as its list shows it — the same scope, filters, search and order —
    with every label in words and each change as "field: before → after", masked for `user`."""
    query = rows_query(AuditEntry, description)
    labels = description.params.get("labels") or {}
    readers = {}

    def rows():
        for raw in stream(query):
            entry = AuditEntry._from_son(raw)
            collection = entry.collection or ""
            if collection not in readers:
                own = {**labels.get("", {}), **labels.get(collection, {})}
                readers[collection] = Reader(collection, user, own)
            changes = "；".join(
                f"{field}：{before} → {after}" for field, before, after in
                readers[collection].rows(entry)
            )  # fmt: skip
            yield {
                "at": entry.at.replace(tzinfo=UTC) if entry.at else None,
                "actor_kind": actor_kind_label(entry.actor_kind),
                "actor": actor_text(entry),  # an account stays its username: a fact
                "action": action_label(entry.action),
                "collection": collection_label(entry.collection),
                "subject": subject_text(
                    collection, entry.subject or lookup_subject(collection, entry.doc_id)
                ),
                "summary": summary_text(entry.summary),
                "count": entry.count,
                "changes": changes[:30000],
                "ip": entry.ip,
                "path": entry.path,
            }

    columns = [Column(key, str(text)) for key, text in AUDIT_LABELS]
    return Table(description.name, description.title, columns, rows(), query.count())
