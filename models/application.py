"""An organisation's application (申报/投标) to a call for purchased services."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FileField,
    IntField,
    ListField,
    StringField,
)

from models.base import utcnow
from models.organisation import Organisation
from models.purchase_call import PurchaseCall
from models.references import ReferenceField
from models.street import Street

APPLICATION_STATES = (
    ("submitted", _l("Submitted")),
    ("refused", _l("Refused as not eligible")),
    ("awarded", _l("Awarded")),
    ("not_awarded", _l("Not awarded")),
)


class Attachment(EmbeddedDocument):
    """One uploaded document of an application, kept in GridFS."""

    title = StringField(required=True, max_length=60)
    filename = StringField(required=True, max_length=200)
    kind = StringField(required=True, max_length=10)
    size = IntField(min_value=0)
    file = FileField(collection_name="application_files")


class Application(Document):
    """What an organisation offers for a call: proposal, budget, team and documents."""

    call = ReferenceField(PurchaseCall, required=True)
    organisation = ReferenceField(Organisation, required=True)
    street = ReferenceField(Street)  # the call's; none for a district-wide call
    proposal = StringField(required=True, max_length=5000)
    budget = Decimal128Field(required=True, min_value=0, precision=2)
    team = StringField(required=True, max_length=1000)
    documents = ListField(EmbeddedDocumentField(Attachment))
    status = StringField(required=True, choices=APPLICATION_STATES, default="submitted")
    # Why the product refused it at the deadline, one line per reason.
    refusals = ListField(StringField(max_length=300))
    entered_by = StringField(max_length=80)
    submitted_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "applications",
        "indexes": [
            {"fields": ["call", "organisation"], "unique": True},
            ("street", "-_id"),
            ("organisation", "-_id"),
            ("call", "-_id"),
            ("status", "-_id"),
            "-_id",
        ],
        "ordering": ["-id"],
    }

    def __str__(self):
        name = getattr(self.organisation, "name", "")
        return f"{name} — {getattr(self.call, 'title', '')}"
