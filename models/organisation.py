from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ListField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.choices import ORG_GRADES, ORG_TYPES
from models.community import Community
from models.references import ReferenceField
from models.street import Street
from models.validators import normalise_phone, validate_phone, validate_uscc


class Contact(EmbeddedDocument):
    """A further contact person of an organisation."""

    name = StringField(required=True, max_length=30)
    duty = StringField(max_length=30)
    phone = StringField(required=True, max_length=20)


class Organisation(Document):
    """A micro-organisation (微组织) that takes on demands and projects.

    `leaders` are the sign-ins that may approve the service hours of its activities.
    """

    name = StringField(required=True, max_length=100)
    org_type = StringField(required=True, choices=ORG_TYPES)
    credit_code = StringField(max_length=18)
    grade = StringField(choices=ORG_GRADES)
    categories = ListField(ReferenceField(CatalogueCategory))
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    contact_name = StringField(max_length=30)
    contact_phone = StringField(max_length=20)
    contacts = ListField(EmbeddedDocumentField(Contact))
    leaders = ListField(ReferenceField("User"))
    address = StringField(max_length=200)
    description = StringField(max_length=2000)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "organisations",
        "indexes": [
            ("active", "name"),
            {"fields": ["credit_code"], "unique": True, "sparse": True},
            ("street", "org_type"),
            ("community", "org_type"),
            "grade",
            "categories",
            "leaders",
            ("name", "_id"),
            ("org_type", "name", "_id"),
        ],
        "ordering": ["name"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        code = (self.credit_code or "").strip().upper() or None
        self.credit_code = code
        if self.org_type == "registered" and not code:
            errors["credit_code"] = ValidationError(
                _l("Registered organisations need a unified social credit code")
            )
        elif code and self.org_type == "filed":
            errors["credit_code"] = ValidationError(
                _l("Community-filed organisations have no credit code")
            )
        elif code:
            try:
                validate_uscc(code)
            except ValidationError as exc:
                errors["credit_code"] = exc
        if self.contact_phone:
            try:
                validate_phone(self.contact_phone)
                self.contact_phone = normalise_phone(self.contact_phone)
            except ValidationError as exc:
                errors["contact_phone"] = exc
        for n, contact in enumerate(self.contacts or [], start=1):
            try:
                validate_phone(contact.phone or "")
                contact.phone = normalise_phone(contact.phone)
            except ValidationError as exc:
                errors["contacts"] = ValidationError(
                    _l("Contact %(n)d: %(error)s", n=n, error=exc.message)
                )
        if self.community and self.street and self.community.street != self.street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if errors:
            raise ValidationError(errors=errors)
