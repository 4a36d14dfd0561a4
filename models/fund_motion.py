"""A motion before a crowdfunded fund's decision board: an allocation rule or one allocation."""

from mongoengine import (
    DateField,
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ListField,
    StringField,
)

from models.base import utcnow
from models.community import Community
from models.demand import Demand
from models.fund import Fund
from models.fund_choices import MOTION_KINDS, MOTION_STATUSES, VOTE_CHOICES
from models.references import ReferenceField
from models.street import Street


class Vote(EmbeddedDocument):
    """One board member's vote, as recorded at the meeting."""

    member = StringField(required=True, max_length=30)
    choice = StringField(required=True, choices=VOTE_CHOICES)


class FundMotion(Document):
    """What the board is asked to decide, its votes and minutes, and the outcome."""

    fund = ReferenceField(Fund, required=True)
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    kind = StringField(required=True, choices=MOTION_KINDS)
    title = StringField(required=True, max_length=100)
    text = StringField(max_length=2000)  # the rule, or why the money is asked for
    amount = Decimal128Field(min_value=0)
    demand = ReferenceField(Demand)
    meeting_date = DateField()
    minutes = StringField(max_length=5000)
    votes = ListField(EmbeddedDocumentField(Vote))
    status = StringField(required=True, choices=MOTION_STATUSES, default="open")
    allocation = ReferenceField("LedgerEntry")
    created_by = StringField(max_length=80)
    created_at = DateTimeField(default=utcnow)
    decided_at = DateTimeField()

    meta = {
        "collection": "fund_motions",
        "indexes": [
            ("fund", "status", "-created_at"),
            ("street", "-created_at"),
            "demand",
            # The board's list filters by status and kind within a street or a community.
            ("street", "status", "-created_at"),
            ("street", "kind", "-created_at"),
            ("community", "status", "-created_at"),
        ],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        return self.title or ""
