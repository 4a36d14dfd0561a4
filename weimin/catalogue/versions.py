"""Versions of an item's fields: who made each, what changed, and which stored demands a change
would strand."""

from dataclasses import dataclass

from models import CatalogueItem, CatalogueItemVersion, Demand
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


ATTRIBUTES = ("label_zh", "label_en", "type", "required", "choices", "min_value", "max_value")
ATTRIBUTES += ("min_length", "max_length", "pattern", "help_zh", "help_en")


@dataclass(frozen=True)
class Change:
    """One field's change between two versions; `attributes`: [(key, before, after), …]."""

    kind: str  # "added", "removed" or "changed"
    name: str
    label: str
    attributes: tuple = ()


def changes(before, after):
    """What changed from one version's field definitions (specs) to the next, field by field."""
    old = {spec["name"]: spec for spec in before}
    new = {spec["name"]: spec for spec in after}
    found = [Change("added", n, spec["label_zh"]) for n, spec in new.items() if n not in old]
    found += [Change("removed", n, spec["label_zh"]) for n, spec in old.items() if n not in new]
    for name, spec in new.items():
        if name not in old:
            continue
        differ = tuple(
            (key, old[name].get(key), spec.get(key))
            for key in ATTRIBUTES
            if old[name].get(key) != spec.get(key)
        )
        if differ:
            found.append(Change("changed", name, spec["label_zh"], differ))
    return found


def history(item_id):
    """The item's versions, newest first, each with what changed since the one before."""
    versions = list(CatalogueItemVersion.objects.of_item(item_id))
    rows, previous = [], None
    for version in versions:
        specs = [field.spec() for field in version.fields]
        rows.append((version, None if previous is None else changes(previous, specs)))
        previous = specs
    return rows[::-1]
