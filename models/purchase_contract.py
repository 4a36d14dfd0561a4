"""The contract an award makes: the project demand, its milestones, payments and acceptance."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.application import Application
from models.demand import Demand
from models.ledger_entry import LedgerEntry
from models.organisation import Organisation
from models.purchase_call import PurchaseCall
from models.references import ReferenceField
from models.street import Street

MILESTONE_STATES = (("due", _l("Due")), ("paid", _l("Paid")))


class Milestone(EmbeddedDocument):
    """A stage of the contract and the payment it releases."""

    name = StringField(required=True, max_length=60)
    share = IntField(min_value=1, max_value=100)  # percent of the contract amount
    amount = Decimal128Field(required=True, min_value=0, precision=2)
    status = StringField(choices=MILESTONE_STATES, default="due")
    payment = ReferenceField(LedgerEntry)
    paid_at = DateTimeField()


class PurchaseContract(Document):
    """One awarded application: the 微项目 demand made for it and how it was delivered."""

    call = ReferenceField(PurchaseCall, required=True)
    application = ReferenceField(Application, required=True)
    organisation = ReferenceField(Organisation, required=True)
    street = ReferenceField(Street, required=True)
    demand = ReferenceField(Demand, required=True)
    amount = Decimal128Field(required=True, min_value=0, precision=2)
    milestones = ListField(EmbeddedDocumentField(Milestone))
    inspector = StringField(max_length=100)  # a named third party, when not the street
    acceptance_score = IntField(min_value=0, max_value=100)
    acceptance_passed = BooleanField()
    accepted_at = DateTimeField()
    created_at = DateTimeField()

    meta = {
        "collection": "purchase_contracts",
        "indexes": [
            {"fields": ["application"], "unique": True},
            ("organisation", "accepted_at"),
            ("street", "accepted_at"),
            ("street", "-_id"),
            ("call", "-_id"),
            "-_id",
        ],
        "ordering": ["-id"],
    }
