from mongoengine import Document, StringField

from models.district import District
from models.references import ReferenceField


class Street(Document):
    """A street office (街道)."""

    code = StringField(required=True, max_length=20)
    name = StringField(required=True, max_length=50)
    district = ReferenceField(District, required=True)

    meta = {
        "collection": "streets",
        "indexes": [{"fields": ["code"], "unique": True}, "district", "name"],
        "ordering": ["code"],
    }

    def __str__(self):
        return self.name
