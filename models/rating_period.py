"""A street's star-rating period: a draft until published; only published ratings are public."""

from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.clearance_month import MONTH_STATUSES, MonthEvent
from models.periods import PERIOD_PATTERN
from models.references import ReferenceField
from models.street import Street


class RatingPeriod(Document):
    """Publication state of one street's ratings for a period, and its 公示 (objection) window."""

    street = ReferenceField(Street, required=True)
    period = StringField(required=True, regex=PERIOD_PATTERN)
    status = StringField(required=True, choices=MONTH_STATUSES, default="draft")
    computed_at = DateTimeField()
    published_at = DateTimeField()
    published_by = StringField(max_length=80)
    # Days of the 公示 from publication (the rating rule set's objection_days at that moment),
    # kept so a later change of the rule set does not move a notice already given.
    objection_days = IntField(min_value=1)
    objection_until = DateTimeField()
    history = ListField(EmbeddedDocumentField(MonthEvent))

    meta = {
        "collection": "rating_periods",
        "indexes": [
            {"fields": ["street", "period"], "unique": True},
            ("status", "-period"),
        ],
        "ordering": ["-period", "street"],
    }

    def __str__(self):
        return f"{self.period} {self.street}"
