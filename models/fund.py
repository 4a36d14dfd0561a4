"""A community fund (微基金 "1+X"): the fiscal subsidy, a named fund or a crowdfunded fund."""

from decimal import Decimal

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
    ValidationError,
)

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.choices import KINDS
from models.community import Community
from models.fund_choices import FUND_KINDS, FUND_STATUSES, SHARES, SPONSOR_KINDS
from models.references import ReferenceField
from models.street import Street

ZERO = Decimal("0.00")


class BoardMember(EmbeddedDocument):
    """A member of a crowdfunded fund's decision board (决议团)."""

    name = StringField(required=True, max_length=30)
    party = StringField(max_length=50)  # 居民代表, 捐赠人代表, 社区党组织 …
    phone = StringField(max_length=20)


class Fund(Document):
    """A fund of a street (community empty) or of one community.

    The ledger (LedgerEntry) is the truth; `received`, `allocated`, `paid_allocated` and
    `paid_outside` are running figures kept with it, `seq` the number of the last entry they
    include (weimin.funds.ledger keeps them and checks them against the ledger).
    """

    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    kind = StringField(required=True, choices=FUND_KINDS)
    name = StringField(required=True, max_length=100)
    sponsor = StringField(max_length=100)
    sponsor_kind = StringField(choices=SPONSOR_KINDS)
    sponsor_public = BooleanField(default=False)  # agreed to be named on the bulletin
    purpose = StringField(max_length=500)
    restriction = StringField(max_length=200)  # e.g. 仅用于助学
    # Where the money may go: demand kinds and catalogue categories; empty allows any.
    allowed_kinds = ListField(StringField(choices=KINDS))
    allowed_categories = ListField(ReferenceField(CatalogueCategory))
    board = ListField(EmbeddedDocumentField(BoardMember))
    quorum = StringField(choices=SHARES, default="half")
    majority = StringField(choices=SHARES, default="half")
    vote_threshold = Decimal128Field(min_value=0)  # allocations above need a vote
    status = StringField(required=True, choices=FUND_STATUSES, default="open")
    received = Decimal128Field(default=ZERO)
    allocated = Decimal128Field(default=ZERO)
    paid_allocated = Decimal128Field(default=ZERO)
    paid_outside = Decimal128Field(default=ZERO)
    seq = IntField(default=0, min_value=0)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "funds",
        "indexes": [
            ("street", "community", "kind", "name"),
            ("community", "kind"),
            ("kind", "status"),
            ("street", "status"),  # the admin list's status filter within a street
            {"fields": ["street", "community", "name"], "unique": True},
        ],
        "ordering": ["street", "community", "kind", "name"],
    }

    def __str__(self):
        return self.name or ""

    def clean(self):
        self.name = (self.name or "").strip()
        self.sponsor = (self.sponsor or "").strip() or None
        errors = {}
        if self.community is not None and getattr(self.community, "street", None) is not None:
            if self.community.street.pk != getattr(self.street, "pk", None):
                errors["community"] = ValidationError(_l("The community is in another street"))
        if self.kind == "named":
            if not self.sponsor:
                errors["sponsor"] = ValidationError(_l("A named fund carries its sponsor's name"))
            self.sponsor_public = True  # the fund bears the sponsor's name
        if self.kind == "crowd" and not self.board:
            errors["board"] = ValidationError(
                _l("A crowdfunded fund needs its decision board (决议团) members")
            )
        if self.kind != "crowd":
            self.board, self.vote_threshold = [], None
        if errors:
            raise ValidationError(errors=errors)

    @property
    def earmarked(self):
        """Allocated and not yet paid."""
        return _dec(self.allocated) - _dec(self.paid_allocated)

    @property
    def paid(self):
        return _dec(self.paid_allocated) + _dec(self.paid_outside)

    @property
    def available(self):
        """What can still be allocated or paid: in − allocated − paid outside allocations."""
        return _dec(self.received) - _dec(self.allocated) - _dec(self.paid_outside)

    @property
    def balance(self):
        """Money held: in − paid."""
        return _dec(self.received) - self.paid


def _dec(value):
    if value is None:
        return ZERO
    return value.to_decimal() if hasattr(value, "to_decimal") else Decimal(value)
