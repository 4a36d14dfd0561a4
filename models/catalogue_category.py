from mongoengine import BooleanField, Document, IntField, StringField

from models.references import ReferenceField
from models.street import Street


class CatalogueCategory(Document):
    """A service category (助老, 助残, …); no street means a district-wide template."""

    code = StringField(required=True, max_length=30)
    name = StringField(required=True, max_length=50)
    description = StringField(max_length=500)
    street = ReferenceField(Street)
    sort_order = IntField(default=0)
    active = BooleanField(default=True)

    meta = {
        "collection": "catalogue_categories",
        "indexes": [
            ("active", "sort_order"),
            {"fields": ["street", "code"], "unique": True},
            "sort_order",
            "name",
        ],
        "ordering": ["sort_order", "code"],
    }

    def __str__(self):
        return self.name
