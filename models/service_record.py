from decimal import Decimal

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateField,
    DateTimeField,
    Decimal128Field,
    DictField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    ListField,
    QuerySet,
    StringField,
    ValidationError,
)

from models.base import local_today, utcnow
from models.choices import RECORD_STATUSES
from models.community import Community
from models.organisation import Organisation
from models.references import ReferenceField
from models.street import Street
from models.volunteer import Volunteer

MAX_HOURS_PER_RECORD = Decimal(12)  # one activity on one day; a long shift at most
MAX_HOURS_PER_DAY = Decimal(24)  # all of a volunteer's records on one day together
# The Art. 7 fields a correction may change; the history keeps their earlier values.
CORRECTABLE = (
    "activity_name",
    "activity_date",
    "location",
    "content",
    "hours",
    "organisation",
    "leader",
    "late_reason",
)


class Correction(EmbeddedDocument):
    """One entry of a record's history (Art. 13): who changed what, from what, and why."""

    at = DateTimeField(required=True, default=utcnow)
    by = StringField(max_length=50)
    action = StringField(required=True, max_length=20)
    reason = StringField(max_length=500)
    changes = DictField()


class ServiceRecordQuerySet(QuerySet):
    """Named queries shared by views, jobs and the API."""

    def of_volunteer(self, volunteer):
        return self.filter(volunteer=volunteer)

    def approved(self):
        return self.filter(status="approved")

    def counts_by_status(self):
        """{status: number of records} for every status, none left out."""
        return {code: self.filter(status=code).count() for code, _label in RECORD_STATUSES}

    def awaiting_review(self, organisations, reviewer_volunteer=None):
        """Submitted records of these organising units, except the reviewer's own."""
        return self.filter(
            organisation__in=organisations, status="submitted", volunteer__ne=reviewer_volunteer
        )

    def on_day(self, volunteer, day):
        """Records of a volunteer on a day that count towards the day's hours."""
        return self.filter(volunteer=volunteer, activity_date=day, status__ne="rejected")


class ServiceRecord(Document):
    """One volunteer activity record (MCA Order 67, Art. 7).

    Status moves only through weimin.volunteers.hours (submitted → approved / rejected).
    `credited_hours` is what counts towards the volunteer's total (hours, capped by the rules).
    `late` (Art. 11, on the official calendar) is set by weimin.volunteers.records before every
    save and check; clean() holds what follows from it: a late record gives its reason.
    """

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
    entered_by = StringField(max_length=50)
    decided_at = DateTimeField()
    decided_by = StringField(max_length=50)
    credited_hours = Decimal128Field(min_value=0)
    correction_request = StringField(max_length=500)
    history = ListField(EmbeddedDocumentField(Correction))

    meta = {
        "collection": "service_records",
        "queryset_class": ServiceRecordQuerySet,
        "indexes": [
            ("late", "status"),
            ("correction_request", "status"),
            ("volunteer", "-activity_date"),
            ("volunteer", "status"),
            ("street", "status", "-activity_date"),
            ("community", "status"),
            ("organisation", "status"),
            ("organisation", "activity_name", "activity_date"),
            ("-activity_date", "-_id"),
            ("street", "-activity_date", "-_id"),
            ("community", "-activity_date", "-_id"),
            ("status", "-activity_date", "-_id"),
            "demand",
        ],
        "ordering": ["-activity_date"],
    }

    def __str__(self):
        return f"{self.activity_name} {self.activity_date}"

    def clean(self):
        self.place()
        errors = {}
        self._check_hours(errors)
        if self.activity_date and self.activity_date > local_today():
            errors["activity_date"] = ValidationError(_l("The activity date is in the future"))
        if self.late and not (self.late_reason or "").strip():
            errors["late_reason"] = ValidationError(
                _l("Entered more than 10 working days after the activity: give a reason")
            )
        if self.status == "rejected" and not (self.reject_reason or "").strip():
            errors["reject_reason"] = ValidationError(_l("A rejection needs a reason"))
        if self.community and self.street and self.community.street != self.street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if errors:
            raise ValidationError(errors=errors)

    def place(self):
        """Set street and community: the organising unit's, else the volunteer's community."""
        org = self.organisation
        if org is None:
            return
        self.street = self.street or org.street
        if self.community is None:
            same_street = self.volunteer and self.volunteer.street == self.street
            self.community = org.community or (self.volunteer.community if same_street else None)

    def _check_hours(self, errors):
        if self.hours is None:
            return
        hours = Decimal(self.hours)
        if not 0 < hours <= MAX_HOURS_PER_RECORD:
            errors["hours"] = ValidationError(_l("Hours must be more than 0 and at most 12"))
        elif hours.normalize().as_tuple().exponent < -2:
            errors["hours"] = ValidationError(_l("Hours take at most two decimal places"))
        elif self.volunteer and self.activity_date and self.status != "rejected":
            others = ServiceRecord.objects.on_day(self.volunteer, self.activity_date)
            day = sum((r.hours for r in others.filter(pk__ne=self.pk).only("hours")), hours)
            if day > MAX_HOURS_PER_DAY:
                errors["hours"] = ValidationError(
                    _l("More than 24 hours on one day for this volunteer")
                )
