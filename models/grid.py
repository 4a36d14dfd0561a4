from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.community import Community
from models.references import ReferenceField, is_deleted, ref_id
from models.street import Street


class Grid(Document):
    """A grid (网格) of a community: the households one grid worker visits."""

    code = StringField(required=True, max_length=30)
    name = StringField(required=True, max_length=50)
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community, required=True)
    buildings = IntField(required=True, default=0, min_value=0, max_value=10000)
    households = IntField(required=True, default=0, min_value=0, max_value=100000)
    boundary = StringField(max_length=500)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "grids",
        "indexes": [
            {"fields": ["community", "code"], "unique": True},
            ("street", "community", "code"),
            ("street", "active"),
        ],
        "ordering": ["community", "code"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        self.code = (self.code or "").strip()
        self.name = (self.name or "").strip()
        community = None if is_deleted(self.community) else self.community
        if community is not None:
            # The street always follows the community: a grid never straddles two streets.
            if self.street is not None and ref_id(self, "street") != ref_id(community, "street"):
                raise ValidationError(
                    errors={"community": ValidationError(_l("The community is not in this street"))}
                )
            self.street = community.street
