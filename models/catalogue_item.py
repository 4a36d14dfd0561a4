from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Decimal128Field,
    DictField,
    Document,
    IntField,
    ListField,
    ReferenceField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.choices import HANDLING_LEVELS, KINDS
from models.street import Street


class CatalogueItem(Document):
    """A service item of the catalogue; demands are made against one.

    No street means a district-wide template that streets adopt (`template` points back).
    `fields` holds the item's own field definitions (one dict per field, in order).
    """

    code = StringField(required=True, max_length=30)
    name = StringField(required=True, max_length=80)
    category = ReferenceField(CatalogueCategory, required=True)
    kind = StringField(required=True, choices=KINDS)
    handling_level = StringField(required=True, choices=HANDLING_LEVELS, default="routine")
    deadline_days = IntField(min_value=1, max_value=365)
    response_hours = IntField(min_value=1, max_value=240, default=24)
    claim_window_days = IntField(min_value=1, max_value=90)
    subsidy_max = Decimal128Field(min_value=0)
    description = StringField(max_length=1000)
    street = ReferenceField(Street)
    template = ReferenceField("self")
    fields = ListField(DictField())
    version = IntField(default=1, min_value=1)
    active = BooleanField(default=True)
    updated_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "catalogue_items",
        "indexes": [
            {"fields": ["street", "code"], "unique": True},
            ("category", "kind"),
            ("kind", "active"),
            "name",
        ],
        "ordering": ["code"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == "wish" and not self.claim_window_days:
            self.claim_window_days = 10
        if self.kind == "project" and self.subsidy_max is None:
            raise ValidationError(
                errors={"subsidy_max": ValidationError(_l("Micro-projects need a subsidy cap"))}
            )
        self.updated_at = utcnow()
