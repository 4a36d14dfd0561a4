from mongoengine import Document, StringField

from models.references import ReferenceField
from models.street import Street


class Community(Document):
    """A community (社区) inside a street."""

    code = StringField(required=True, max_length=20)
    name = StringField(required=True, max_length=50)
    street = ReferenceField(Street, required=True)

    meta = {
        "collection": "communities",
        "indexes": [{"fields": ["code"], "unique": True}, ("street", "code"), "name"],
        "ordering": ["code"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        # Codes carry their street's code so ticket numbers and exports read naturally.
        self.code = (self.code or "").strip()
