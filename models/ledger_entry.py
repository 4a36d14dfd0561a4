"""One entry of a fund's append-only ledger: money in, promised, earmarked, paid or reversed."""

from mongoengine import (
    BooleanField,
    DateField,
    DateTimeField,
    Decimal128Field,
    Document,
    IntField,
    StringField,
)

from models.base import utcnow
from models.community import Community
from models.demand import Demand
from models.fund import Fund
from models.fund_choices import ENTRY_KINDS, MONEY_CHANNELS, SPONSOR_KINDS
from models.references import ReferenceField
from models.street import Street


class LedgerEntry(Document):
    """Entries are only ever inserted (weimin.funds.ledger.append); a mistake is undone by a
    reversal, never by an edit or a delete.

    `seq` numbers a fund's entries 1, 2, 3 … without gaps; the unique (fund, seq) index is what
    serialises two people writing to one fund at once. `street` and `community` are the fund's,
    copied for scoping and statements.
    """

    fund = ReferenceField(Fund, required=True)
    seq = IntField(required=True, min_value=1)
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    kind = StringField(required=True, choices=ENTRY_KINDS)
    amount = Decimal128Field(required=True, min_value=0)
    value_date = DateField(required=True)  # the day the money moved (or the pledge was made)
    recorded_at = DateTimeField(required=True, default=utcnow)
    recorded_by = StringField(max_length=80)
    # Contributions and pledges: who gives, how, and whether they may be named in public.
    donor = StringField(max_length=100)
    donor_kind = StringField(choices=SPONSOR_KINDS)
    donor_public = BooleanField(default=False)
    channel = StringField(choices=MONEY_CHANNELS)
    receipt_no = StringField(max_length=50)  # the bank's or the counter's own number
    code = StringField(max_length=19)  # the acknowledgment's verification code
    pledge_year = IntField(min_value=2000, max_value=2100)
    pledge = ReferenceField("self")  # a contribution paying (part of) this pledge
    # Allocations and disbursements: what the money is for.
    demand = ReferenceField(Demand)
    purpose = StringField(max_length=200)
    allocation = ReferenceField("self")  # a disbursement paid against this allocation
    motion = ReferenceField("FundMotion")  # the board's vote behind an allocation
    reverses = ReferenceField("self")  # the entry a reversal undoes
    note = StringField(max_length=500)
    key = StringField(max_length=100)  # one entry per key: a retried request writes nothing

    meta = {
        "collection": "ledger_entries",
        "indexes": [
            {"fields": ["fund", "seq"], "unique": True},
            ("fund", "kind", "value_date"),
            # The ledger list, newest first: district-wide, per fund, street and community
            # (also the statements' month ranges), and its kind filter within a street.
            ("-value_date", "-_id"),
            ("fund", "-value_date", "-_id"),
            ("street", "-value_date", "-_id"),
            ("street", "kind", "-value_date", "-_id"),
            ("community", "-value_date", "-_id"),
            ("kind", "-value_date", "-_id"),
            ("demand", "kind"),
            ("allocation",),
            ("pledge",),
            # The pledges due: every fund's pledges up to a year, in order (home page, reminders).
            ("kind", "pledge_year", "fund", "seq", "_id"),
            {"fields": ["code"], "unique": True, "sparse": True},
            {"fields": ["key"], "unique": True, "sparse": True},
            # An entry is reversed at most once.
            {"fields": ["reverses"], "unique": True, "sparse": True},
        ],
        "ordering": ["fund", "seq"],
    }

    def __str__(self):
        return f"{self.fund_label()} #{self.seq}"

    def fund_label(self):
        fund = self.fund
        return getattr(fund, "name", "") or ""
