"""The audit trail: who changed what, when and from where — for every write path.

Document saves and deletes are recorded through mongoengine signals; bulk writes
(imports, seeds, atomic updates) call `record()` themselves.
"""

import contextlib
import contextvars
import datetime
import getpass

from flask import g, has_request_context, request
from flask_login import current_user
from mongoengine import signals

from models.audit_entry import AuditEntry
from weimin.store.audit_labels import lookup_subject, subject_of

# Fields whose values never enter the trail, and noise that changes on every save.
SECRET_FIELDS = {"password_hash", "token_hash"}
IGNORED_FIELDS = {"updated_at", "rev"}
# Job runs are recorded when asked for (by whom) and when they start and end (jobs.runs).
# Outbox messages are a log of their own: each keeps its attempts and last error.
UNAUDITED = {"AuditEntry", "Counter", "ExportJob", "OutboxMessage"}

_actor = contextvars.ContextVar("audit_actor", default=None)
_action = contextvars.ContextVar("audit_action", default=None)


@contextlib.contextmanager
def acting_as(kind, name):
    """Attribute writes inside the block to a job, CLI command or system process."""
    token = _actor.set((kind, name))
    try:
        yield
    finally:
        _actor.reset(token)


@contextlib.contextmanager
def as_action(action, **extra):
    """Record the saves inside the block as `action` (a revocation, a void…), not as updates."""
    token = _action.set((action, extra))
    try:
        yield
    finally:
        _action.reset(token)


def current_actor():
    """(kind, name) of whoever is writing now."""
    explicit = _actor.get()
    if explicit:
        return explicit
    if has_request_context():
        api_token = g.get("api_token")
        if api_token is not None:
            return "token", api_token.name
        if current_user and current_user.is_authenticated:
            return "user", current_user.username
        return "anonymous", request.remote_addr or "-"
    return "cli", getpass.getuser()


def _where():
    if not has_request_context():
        return {}
    return {"ip": request.remote_addr, "path": request.path[:300]}


def record(action, collection=None, doc_id=None, changes=None, street=None, **extra):
    """Append one entry to the trail; the record is named by its identifier (`subject`)."""
    entry(action, collection, doc_id, changes, street, **extra).save()


def entry(action, collection=None, doc_id=None, changes=None, street=None, **extra):
    """The trail's entry for a write by whoever is writing now, unsaved."""
    kind, name = current_actor()
    if doc_id is not None and collection and "subject" not in extra:
        extra["subject"] = lookup_subject(collection, doc_id)
    return AuditEntry(
        actor_kind=kind,
        actor=str(name)[:80],
        action=action,
        collection=collection,
        doc_id=str(doc_id) if doc_id is not None else None,
        changes=changes or {},
        street=street,
        **_where(),
        **extra,
    )


def created(collection, documents):
    """One "create" entry per record written in bulk (an import), inserted at once."""
    entries = []
    for document in documents:
        son = document.to_mongo().to_dict()
        entries.append(_created_entry(collection, document, son, "create"))
    if entries:
        AuditEntry._get_collection().insert_many(entries)


def _created_entry(collection, document, son, action, **extra):
    """The stored entry for the first version `son` of a validated document.

    The entry's own fields are checked as a save checks them. Its `changes` are the document's
    own stored values, so they go in as they are: converting, checking and walking them again,
    field by field, was most of what an entry cost."""
    street = _street_of(son, document)
    made = entry(action, collection, document.pk, None, street, subject=subject_of(document),
                 **extra)  # fmt: skip
    made.validate()
    stored = made.to_mongo()
    stored["changes"] = diff({}, son)
    return stored


def diff(before, after):
    """Changed top-level fields as {field: {"before": …, "after": …}}."""
    changes = {}
    for key in sorted(set(before) | set(after)):
        if key in IGNORED_FIELDS or key == "_id":
            continue
        old, new = before.get(key), after.get(key)
        if _comparable(old) != _comparable(new):
            if key in SECRET_FIELDS:
                old, new = ("***" if old else None), "***"
            changes[key] = {"before": old, "after": new}
    return changes


def _comparable(value):
    """A value as compared for the trail: the store hands back aware times (UTC) where a
    document's date fields hold naive midnights; both are the same instant."""
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=datetime.UTC)
    return value


def _street_of(son, document):
    if document._class_name == "Street":
        return son.get("_id")
    return son.get("street")


def insert_new(document):
    """Insert a document never stored before, validated by the caller: one insert, which
    fails on an existing id, and no read of a former version for the trail (there is none)."""
    return document.save(force_insert=True, validate=False, signal_kwargs={"new": True})


def _pre_save(sender, document, new=False, **kwargs):
    if sender.__name__ in UNAUDITED:
        return
    before = {}
    if document.pk is not None and not new:
        before = sender._get_collection().find_one({"_id": document.pk}) or {}
    document._audit_before = before


def _post_save(sender, document, created=False, new=False, **kwargs):
    if sender.__name__ in UNAUDITED:
        return
    after = document.to_mongo().to_dict()
    action, extra = _action.get() or ("create" if created else "update", {})
    action = getattr(document, "_audit_action", None) or action
    collection = sender._get_collection_name()
    if new:  # insert_new: a validated document's first version, entered as `created` does
        made = _created_entry(collection, document, after, action, **extra)
        AuditEntry._get_collection().insert_one(made)
        return
    before = getattr(document, "_audit_before", {}) or {}
    changes = diff(before, after)
    if not changes and not created:
        return
    record(
        action,
        collection,
        document.pk,
        changes,
        street=_street_of(after, document),
        subject=subject_of(document),
        **extra,
    )


def _post_delete(sender, document, **kwargs):
    if sender.__name__ in UNAUDITED:
        return
    before = document.to_mongo().to_dict()
    record(
        "delete",
        sender._get_collection_name(),
        document.pk,
        diff(before, {}),
        street=_street_of(before, document),
        subject=subject_of(document),
    )


def init_audit(app):
    """Connect the document signals once per process."""
    if not getattr(init_audit, "_connected", False):
        signals.pre_save_post_validation.connect(_pre_save)
        signals.post_save.connect(_post_save)
        signals.post_delete.connect(_post_delete)
        init_audit._connected = True
