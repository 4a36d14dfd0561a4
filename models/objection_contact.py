"""Where residents raise an objection to a street's published ratings (shown on the bulletin)."""

from mongoengine import Document, StringField, ValidationError

from models.references import ReferenceField
from models.street import Street
from models.validators import normalise_phone, validate_phone


class ObjectionContact(Document):
    """The office, phone and address a street names for objections during the 公示."""

    street = ReferenceField(Street, required=True)
    office = StringField(required=True, max_length=100)
    phone = StringField(required=True, max_length=20)
    address = StringField(required=True, max_length=200)
    hours = StringField(max_length=100)

    meta = {
        "collection": "objection_contacts",
        "indexes": [{"fields": ["street"], "unique": True}],
    }

    def clean(self):
        self.office, self.address = (self.office or "").strip(), (self.address or "").strip()
        if self.phone:
            try:
                validate_phone(self.phone.strip())
            except ValidationError as exc:
                raise ValidationError(errors={"phone": exc}) from None
            self.phone = normalise_phone(self.phone.strip())

    def __str__(self):
        return self.office or ""
