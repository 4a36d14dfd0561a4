"""A street's month of clearance: its working revision and whether it is published."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.base import utcnow
from models.clearance_report import MONTH_REGEX
from models.references import ReferenceField
from models.street import Street

MONTH_STATUSES = (("draft", _l("Draft")), ("published", _l("Published")))
MONTH_ACTIONS = (
    ("computed", _l("Computed")),
    ("published", _l("Published")),
    ("reopened", _l("Reopened")),
)


class MonthEvent(EmbeddedDocument):
    """One step in a month's history: computed, published or reopened."""

    action = StringField(required=True, choices=MONTH_ACTIONS)
    at = DateTimeField(required=True, default=utcnow)
    by = StringField(max_length=80)
    revision = IntField()
    note = StringField(max_length=500)


class ClearanceMonth(Document):
    """Publication state of one street's month; published months are frozen."""

    street = ReferenceField(Street, required=True)
    month = StringField(required=True, regex=MONTH_REGEX)
    status = StringField(required=True, choices=MONTH_STATUSES, default="draft")
    revision = IntField(required=True, default=1, min_value=1)
    computed_at = DateTimeField()
    published_at = DateTimeField()
    published_by = StringField(max_length=80)
    history = ListField(EmbeddedDocumentField(MonthEvent))

    meta = {
        "collection": "clearance_months",
        "indexes": [
            ("status", "-month"),
            {"fields": ["street", "month"], "unique": True},
            ("month", "status"),
        ],
        "ordering": ["-month", "street"],
    }

    def __str__(self):
        return f"{self.month} {self.street}"
