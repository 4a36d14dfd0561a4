"""How the audit trail names what it recorded: collections, and each record by its identifier."""

import re

from bson import ObjectId
from bson.errors import InvalidId
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine.base import _document_registry

from models.audit_entry import ACTOR_KINDS, AUDIT_ACTIONS
from models.job_run import JOB_KINDS

# The collections the trail names, in the words of the menu that shows them.
COLLECTIONS = {
    "demands": _l("Demands"),
    "catalogue_categories": _l("Categories"),
    "catalogue_items": _l("Service items"),
    "catalogue_item_versions": _l("Item versions"),
    "organisations": _l("Organisations"),
    "volunteers": _l("Volunteers"),
    "service_records": _l("Service records"),
    "certificates": _l("Certificates"),
    "clearance_reports": _l("Clearance reports"),
    "clearance_months": _l("Report months"),
    "clearance_revisions": _l("Revisions"),
    "star_ratings": _l("Star ratings"),
    "volunteer_stars": _l("Volunteer stars"),
    "job_runs": _l("Recalculation jobs"),
    "districts": _l("Districts"),
    "streets": _l("Streets"),
    "communities": _l("Communities"),
    "rule_sets": _l("Rule sets"),
    "users": _l("Users"),
    "api_tokens": _l("API tokens"),
    "exports": _l("Export files"),
    "export_jobs": _l("Export files"),
    "migrations": _l("Data migrations"),
    "fund_motions": _l("Board motions"),
    "funds": _l("Fund list"),
    "ledger_entries": _l("Fund ledger"),
    "outbox_messages": _l("Outbox"),
    "topics": _l("Topics"),
    "topic_supports": _l("Topic supports"),
    "purchase_objections": _l("Objections"),
}
COLLECTION_CHOICES = tuple(
    (code, text) for code, text in COLLECTIONS.items() if code != "export_jobs"
)
ALIASES = {"exports": "export_jobs"}
# Codes an entry keeps as facts (not document fields), in words.
VALUES = {
    "refused": {
        "not the owner": _l("Not the export's owner"),
        "expired": _l("The download link had expired"),
        "role or area changed": _l("Role or area changed since the export"),
    },
}  # downloads name the export files they serve

# What a data migration counted (weimin.store.migrations keeps "scanned 120, moved 3").
MIGRATION_COUNTS = {
    "scanned": _l("scanned"),
    "moved": _l("moved"),
    "filled": _l("filled in"),
    "unset": _l("cleared"),
    "changed": _l("changed"),
    "months": _l("months recomputed"),
}
MIGRATION = re.compile(r"^migration (\d{4})(?:[^:]*: (.*))?$", re.S)
NAMED_ACCOUNT = re.compile(r"^(.+) \([^()]+\)$")  # a user as "name (username)"


def action_label(code):
    return _label(AUDIT_ACTIONS, code)


def actor_kind_label(code):
    return _label(ACTOR_KINDS, code)


def collection_label(code):
    return str(COLLECTIONS.get(code, code or ""))


def _label(choices, code):
    return str(dict(choices).get(code, code or ""))


def document_of(collection):
    """The Document class stored in `collection`, or None."""
    collection = ALIASES.get(collection, collection)
    for cls in _document_registry.values():
        meta = getattr(cls, "_meta", {})
        if not meta.get("abstract") and meta.get("collection") == collection:
            return cls
    return None


def subject_of(document):
    """The record's human identifier (its ticket number, name, month…) as its model gives it."""
    try:
        text = str(document)
    except Exception:  # a dangling reference inside the name: the trail still gets its entry
        return None
    return text[:200] or None


def lookup_subject(collection, doc_id):
    """The identifier of a stored record named by collection and id, or None."""
    cls = document_of(collection)
    try:
        found = cls and cls.objects(pk=ObjectId(str(doc_id))).first()
    except (InvalidId, TypeError):
        return None
    return subject_of(found) if found else None


def fill_subjects(entries):
    """Name the entries written without a subject (before subjects were kept), one query per
    collection for a whole page; a record no longer there is named "" so nobody asks again."""
    wanted = {}
    for entry in entries:
        if entry.subject is None and entry.doc_id and ObjectId.is_valid(entry.doc_id):
            wanted.setdefault(entry.collection, set()).add(ObjectId(entry.doc_id))
    for collection, ids in wanted.items():
        cls = document_of(collection)
        found = {str(d.pk): subject_of(d) for d in cls.objects(pk__in=list(ids))} if cls else {}
        for entry in entries:
            if entry.subject is None and entry.collection == collection:
                entry.subject = found.get(entry.doc_id) or ""
    return entries


def subject_text(collection, text):
    """A stored subject in words: a job run by its kind's label, a user by name alone."""
    if not text:
        return text
    if collection == "job_runs":
        kind, _sep, rest = text.partition(" ")
        return f"{_label(JOB_KINDS, kind)} {rest}".strip()
    if collection == "users":
        found = NAMED_ACCOUNT.match(text)
        return found.group(1) if found else text
    return text


def summary_text(text):
    """An entry's summary; a migration's (stored in English) as its number and counts."""
    found = MIGRATION.match(text or "")
    if not found or found.group(2) is None:
        return text
    return _("Data migration %(number)s: %(counts)s", number=found[1], counts=_counts(found[2]))


def _counts(text):
    if text.strip() == "nothing to change":
        return _("nothing to change")
    pieces = (piece.rpartition(" ") for piece in text.split(", "))
    return "，".join(f"{MIGRATION_COUNTS.get(k, k)} {v}" for k, _s, v in pieces)


def actor_text(entry):
    """Who acted when no account did: a job by its kind, a migration by its number."""
    if entry.actor_kind == "job":
        return _label(JOB_KINDS, entry.actor)
    found = MIGRATION.match(entry.actor or "")
    if entry.actor_kind == "system" and found:
        return _("Data migration %(number)s", number=found[1])
    return entry.actor
