"""A requested run of a job and its progress, as admins watch it."""

import re

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    DictField,
    Document,
    IntField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.periods import MONTH_PATTERN, PERIOD_PATTERN
from models.references import ReferenceField
from models.street import Street

JOB_KINDS = (
    ("clearance", _l("Monthly clearance")),
    ("ratings", _l("Star ratings")),
    ("sla", _l("Deadline watch")),
    ("purchase_calendar", _l("Purchased services calendar")),
)
RUN_STATUSES = (
    ("queued", _l("Queued")),
    ("running", _l("Running")),
    ("done", _l("Done")),
    ("failed", _l("Failed")),
)
PERIOD_FORMATS = {
    "clearance": (re.compile(MONTH_PATTERN), _l("Give the month as YYYY-MM")),
    "ratings": (re.compile(PERIOD_PATTERN), _l("Give the period as YYYY or YYYY-Qn")),
}


class JobRun(Document):
    """One run of clearance, ratings or the deadline watch, from request to result."""

    kind = StringField(required=True, choices=JOB_KINDS)
    period = StringField(max_length=10)
    # The last month of a clearance run over a range of months (period is the first).
    until = StringField(max_length=7)
    street = ReferenceField(Street)
    status = StringField(required=True, choices=RUN_STATUSES, default="queued")
    total = IntField(default=0)
    done = IntField(default=0)
    message = StringField(max_length=1000)
    summary = DictField()
    requested_by = StringField(max_length=80)
    task_id = StringField(max_length=64)
    attempts = IntField(default=0)
    created_at = DateTimeField(default=utcnow)
    started_at = DateTimeField()
    finished_at = DateTimeField()

    meta = {
        "collection": "job_runs",
        "indexes": [
            ("status", "-created_at"),
            ("kind", "-created_at"),
            ("street", "-created_at"),
            ("-created_at", "-_id"),
        ],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        span = f"{self.period}–{self.until}" if self.until else self.period or ""
        return f"{self.kind} {span}".strip()

    def clean(self):
        self.period = (self.period or "").strip().upper() or None
        pattern, message = PERIOD_FORMATS.get(self.kind, (None, None))
        if pattern is not None and not pattern.match(self.period or ""):
            raise ValidationError(errors={"period": ValidationError(message)})
        self.until = (self.until or "").strip() or None
        if self.until is not None and self.kind != "clearance":
            raise ValidationError(
                errors={"until": ValidationError(_l("Only the monthly clearance takes a range"))}
            )
        if self.until is not None and not re.match(MONTH_PATTERN, self.until):
            raise ValidationError(
                errors={"until": ValidationError(_l("Give the month as YYYY-MM"))}
            )
        if self.kind in ("sla", "purchase_calendar"):
            self.period = None
