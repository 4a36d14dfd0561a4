"""Monthly clearance (月月清零) figures: one report per community, street and district a month."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    FloatField,
    IntField,
    StringField,
)

from models.community import Community
from models.periods import MONTH_PATTERN
from models.references import ReferenceField
from models.street import Street

MONTH_REGEX = MONTH_PATTERN
LEVELS = (
    ("community", _l("Community")),
    ("street", _l("Street")),
    ("district", _l("District")),
)
HONOURS = (("red", _l("Red list")), ("black", _l("Black list")))
RATES = ("clearance_rate", "response_rate", "resolution_rate", "satisfaction_rate", "composite")


class ClearanceFigures(Document):
    """The figures of one scope and month; shared by the live reports and their archive."""

    month = StringField(required=True, regex=MONTH_REGEX)
    level = StringField(required=True, choices=LEVELS)
    street = ReferenceField(Street)
    community = ReferenceField(Community)
    revision = IntField(required=True, default=1, min_value=1)
    communities = IntField(default=0)
    communities_cleared = IntField(default=0)
    # District roll-up only: streets in the district, and those whose month it adds up.
    streets = IntField()
    streets_computed = IntField()
    carried_in = IntField(default=0)
    received = IntField(default=0)
    closed = IntField(default=0)
    closed_on_time = IntField(default=0)
    rejected = IntField(default=0)
    open_at_end = IntField(default=0)
    overdue_open = IntField(default=0)
    response_base = IntField(default=0)
    responded_on_time = IntField(default=0)
    evaluated = IntField(default=0)
    resolved = IntField(default=0)
    satisfied = IntField(default=0)
    basically = IntField(default=0)
    dissatisfied = IntField(default=0)
    # Rates are empty (None) when their denominator is 0; clearance_rate is 1.0 then.
    clearance_rate = FloatField()
    response_rate = FloatField()
    resolution_rate = FloatField()
    satisfaction_rate = FloatField()
    composite = FloatField()
    cleared = BooleanField(default=False)
    rank = IntField()
    ranked = IntField()
    honour = StringField(choices=HONOURS)
    rule_set_code = StringField(max_length=40)
    rule_set_version = IntField()
    published = BooleanField(default=False)
    computed_at = DateTimeField()

    meta = {"abstract": True}

    def __str__(self):
        scope = self.community or self.street or _l("District")
        return f"{self.month} {scope}"


class ClearanceReport(ClearanceFigures):
    """The current figures; (month, street, community) is the natural key of an upsert."""

    meta = {
        "collection": "clearance_reports",
        "indexes": [
            ("cleared", "-month"),
            ("honour", "-month"),
            ("published", "-month"),
            {"fields": ["month", "street", "community"], "unique": True},
            ("street", "month", "rank"),
            ("community", "-month"),
            ("level", "-month"),
            ("-month", "rank", "_id"),
        ],
        "ordering": ["-month", "rank"],
    }
