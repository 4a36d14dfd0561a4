from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateField,
    DateTimeField,
    Decimal128Field,
    Document,
    ReferenceField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.choices import RECORD_STATUSES
from models.community import Community
from models.organisation import Organisation
from models.street import Street
from models.volunteer import Volunteer

MAX_HOURS_PER_DAY = 24


class ServiceRecord(Document):
    """One volunteer activity record (MCA Order 67, Art. 7)."""

    volunteer = ReferenceField(Volunteer, required=True)
    activity_name = StringField(required=True, max_length=100)
    activity_date = DateField(required=True)
    location = StringField(required=True, max_length=200)
    content = StringField(required=True, max_length=1000)
    hours = Decimal128Field(required=True, min_value=0)
    organisation = ReferenceField(Organisation, required=True)
    leader = StringField(required=True, max_length=30)
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community)
    demand = ReferenceField("Demand")
    status = StringField(required=True, choices=RECORD_STATUSES, default="submitted")
    reject_reason = StringField(max_length=500)
    late = BooleanField(default=False)
    late_reason = StringField(max_length=500)
    submitted_at = DateTimeField(default=utcnow)
    decided_at = DateTimeField()

    meta = {
        "collection": "service_records",
        "indexes": [
            ("volunteer", "-activity_date"),
            ("street", "status", "-activity_date"),
            ("community", "status"),
            ("organisation", "status"),
            "-activity_date",
            "demand",
        ],
        "ordering": ["-activity_date"],
    }

    def __str__(self):
        return f"{self.activity_name} {self.activity_date}"

    def clean(self):
        if self.hours is not None and not 0 < self.hours <= MAX_HOURS_PER_DAY:
            raise ValidationError(
                errors={"hours": ValidationError(_l("Hours must be more than 0 and at most 24"))}
            )
        if self.status == "rejected" and not (self.reject_reason or "").strip():
            raise ValidationError(
                errors={"reject_reason": ValidationError(_l("A rejection needs a reason"))}
            )
