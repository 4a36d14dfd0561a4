from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocumentField,
    IntField,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import utcnow
from models.field_def import FieldDef


class CatalogueItemVersion(Document):
    """The field definitions of one version of a catalogue item, kept for good."""

    item = ReferenceField("CatalogueItem", required=True)
    version = IntField(required=True, min_value=1)
    fields = ListField(EmbeddedDocumentField(FieldDef))
    created_at = DateTimeField(default=utcnow)
    created_by = StringField(max_length=80)

    meta = {
        "collection": "catalogue_item_versions",
        "indexes": [{"fields": ["item", "version"], "unique": True}],
        "ordering": ["item", "version"],
    }

    def __str__(self):
        return f"{self.item_id} v{self.version}"

    @property
    def item_id(self):
        ref = self._data.get("item")
        return getattr(ref, "id", ref)
