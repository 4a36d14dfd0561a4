from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocumentField,
    IntField,
    ListField,
    QuerySet,
    StringField,
)

from models.base import utcnow
from models.field_def import FieldDef
from models.references import ReferenceField


class CatalogueItemVersionQuerySet(QuerySet):
    def of_item(self, item):
        """An item's versions, oldest first."""
        return self.filter(item=item).order_by("version")

    def fields_ever(self, item):
        """Every field an item's versions defined, by name, each with its latest definition
        (readable after the item itself is gone)."""
        known = {}
        for past in self.of_item(item):
            known.update((f.name, f.spec()) for f in past.fields)
        return known


class CatalogueItemVersion(Document):
    """The field definitions of one version of a catalogue item, kept for good."""

    item = ReferenceField("CatalogueItem", required=True)
    version = IntField(required=True, min_value=1)
    fields = ListField(EmbeddedDocumentField(FieldDef))
    created_at = DateTimeField(default=utcnow)
    created_by = StringField(max_length=80)

    meta = {
        "collection": "catalogue_item_versions",
        "queryset_class": CatalogueItemVersionQuerySet,
        "indexes": [{"fields": ["item", "version"], "unique": True}],
        "ordering": ["item", "version"],
    }

    def __str__(self):
        return f"{self.item_id} v{self.version}"

    @property
    def item_id(self):
        ref = self._data.get("item")
        return getattr(ref, "id", ref)
