"""How the audit trail names what it recorded: collections, and each record by its identifier."""

from bson import ObjectId
from bson.errors import InvalidId
from flask_babel import lazy_gettext as _l
from mongoengine.base import _document_registry

from models.audit_entry import ACTOR_KINDS, AUDIT_ACTIONS

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
