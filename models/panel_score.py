"""A review panel member's scores of one application, or their declared tie to it."""

from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    Document,
    StringField,
)

from models.application import Application
from models.base import utcnow
from models.purchase_call import PurchaseCall
from models.references import ReferenceField
from models.street import Street


class PanelScore(Document):
    """Marks per criterion name; a member tied to the applicant declares it and gives none."""

    call = ReferenceField(PurchaseCall, required=True)
    application = ReferenceField(Application, required=True)
    member = ReferenceField("User", required=True)
    street = ReferenceField(Street)  # the call's; none for a district-wide call
    conflict = BooleanField(default=False)
    conflict_note = StringField(max_length=300)
    marks = DictField()
    updated_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "panel_scores",
        "indexes": [
            {"fields": ["application", "member"], "unique": True},
            ("call", "-_id"),
            ("street", "-_id"),
            "-_id",
        ],
        "ordering": ["-id"],
    }
