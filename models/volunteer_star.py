"""Volunteer star levels from credited service hours."""

from mongoengine import DateTimeField, Decimal128Field, Document, IntField

from models.community import Community
from models.references import ReferenceField
from models.street import Street
from models.volunteer import Volunteer


class VolunteerStar(Document):
    """A volunteer's credited approved hours and the star level they reach."""

    volunteer = ReferenceField(Volunteer, required=True)
    street = ReferenceField(Street)
    community = ReferenceField(Community)
    hours = Decimal128Field(required=True, precision=2, min_value=0)
    stars = IntField(required=True, min_value=0)
    next_threshold = Decimal128Field(precision=2)
    rule_set_version = IntField()
    computed_at = DateTimeField()

    meta = {
        "collection": "volunteer_stars",
        "indexes": [
            {"fields": ["volunteer"], "unique": True},
            ("street", "-stars"),
            ("community", "-stars"),
            ("-stars", "-_id"),
        ],
        "ordering": ["-stars"],
    }

    def __str__(self):
        return f"{self.volunteer} {self.stars}★"
