"""Versions of an item's fields: who made each, and which stored demands a change would strand."""

from dataclasses import dataclass

from models import CatalogueItem, Demand
from models.field_def import normalise
from weimin.catalogue.defs import fingerprint, misfits
from weimin.store.audit import current_actor


def stamp_author(sender, document, **kwargs):
    """Name whoever is writing as the author of a new version (a pre_save receiver)."""
    if document.pk is None and not document.created_by:
        document.created_by = str(current_actor()[1])[:80]


def stored_fields(item_id):
    """(version, field definitions) of the item as the store holds it now."""
    stored = CatalogueItem._get_collection().find_one({"_id": item_id}, {"fields": 1, "version": 1})
    stored = stored or {}
    return stored.get("version", 1), [normalise(f) for f in stored.get("fields", [])]


@dataclass(frozen=True)
class Misfits:
    """Stored demands the new fields would not accept, and the token that confirms saving."""

    found: list  # [(raw demand {"_id", "ticket_no", "values"}, [(spec, reason), …]), …]
    token: str

    @property
    def count(self):
        return len(self.found)


def unfit_demands(item, old_specs, version):
    """The item's stored demands its changed fields would reject; None when every one fits."""
    new_specs = item.specs()
    docs = Demand.objects(item=item.pk).only("ticket_no", "values").as_pymongo()
    found = misfits(old_specs, new_specs, docs)
    return Misfits(found, fingerprint(new_specs, version)) if found else None
