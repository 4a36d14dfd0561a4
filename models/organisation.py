from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    ListField,
    ReferenceField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.choices import ORG_GRADES, ORG_TYPES
from models.community import Community
from models.street import Street
from models.validators import normalise_phone, validate_phone, validate_uscc


class Organisation(Document):
    """A micro-organisation (微组织) that takes on demands and projects."""

    name = StringField(required=True, max_length=100)
    org_type = StringField(required=True, choices=ORG_TYPES)
    credit_code = StringField(max_length=18)
    grade = StringField(choices=ORG_GRADES)
    categories = ListField(ReferenceField(CatalogueCategory))
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    contact_name = StringField(max_length=30)
    contact_phone = StringField(max_length=20)
    address = StringField(max_length=200)
    description = StringField(max_length=2000)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "organisations",
        "indexes": [
            {"fields": ["credit_code"], "unique": True, "sparse": True},
            ("street", "org_type"),
            ("community", "org_type"),
            "grade",
            "categories",
            "name",
        ],
        "ordering": ["name"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        code = (self.credit_code or "").strip().upper() or None
        self.credit_code = code
        if self.org_type == "registered":
            if not code:
                errors["credit_code"] = ValidationError(
                    _l("Registered organisations need a unified social credit code")
                )
            else:
                try:
                    validate_uscc(code)
                except ValidationError as exc:
                    errors["credit_code"] = exc
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
        if self.community and self.street and self.community.street != self.street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if errors:
            raise ValidationError(errors=errors)
