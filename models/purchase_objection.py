"""An objection (异议) to an announced award, raised during its 公示 and answered by the street."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocumentField,
    StringField,
    ValidationError,
)

from models.application import Attachment
from models.base import utcnow
from models.organisation import Organisation
from models.purchase_call import PurchaseCall
from models.references import ReferenceField
from models.street import Street
from models.validators import normalise_phone, validate_phone

OBJECTION_STATES = (
    ("open", _l("Awaiting an answer")),
    ("dismissed", _l("Dismissed")),
    ("upheld", _l("Upheld")),
)
# How it came in: an organisation's account on /org/, or on paper at the street's counter.
OBJECTION_CHANNELS = (("org", _l("Organisation account")), ("paper", _l("On paper")))


class PurchaseObjection(Document):
    """Who objects to which award, on what grounds, and the street's answer."""

    call = ReferenceField(PurchaseCall, required=True)
    street = ReferenceField(Street)  # none: an objection to a district-wide call
    # The announcement objected to: an upheld objection revokes it and a new one may follow.
    awarded_at = DateTimeField(required=True)
    channel = StringField(required=True, choices=OBJECTION_CHANNELS)
    organisation = ReferenceField(Organisation)
    objector_name = StringField(max_length=80)
    objector_phone = StringField(max_length=20)
    grounds = StringField(required=True, max_length=3000)
    document = EmbeddedDocumentField(Attachment)
    entered_by = StringField(max_length=80)
    submitted_at = DateTimeField(default=utcnow)
    status = StringField(required=True, choices=OBJECTION_STATES, default="open")
    answer = StringField(max_length=3000)
    answered_by = StringField(max_length=80)
    answered_at = DateTimeField()

    meta = {
        "collection": "purchase_objections",
        "indexes": [
            ("call", "status"),
            ("call", "-_id"),
            ("street", "-_id"),
            ("street", "status", "-_id"),
            ("organisation", "-_id"),
            ("status", "-_id"),
            "-_id",
        ],
        "ordering": ["-id"],
    }

    def __str__(self):
        who = getattr(self.organisation, "name", None) or self.objector_name or ""
        return f"{who} — {getattr(self.call, 'title', '')}"

    def clean(self):
        errors = {}
        self.grounds = (self.grounds or "").strip()
        if not self.grounds:
            errors["grounds"] = ValidationError(_l("This field is required."))
        self.objector_name = (self.objector_name or "").strip() or None
        if self.organisation is None and not self.objector_name:
            errors["objector_name"] = ValidationError(_l("This field is required."))
        phone = (self.objector_phone or "").strip()
        if phone:
            try:
                validate_phone(phone)
                self.objector_phone = normalise_phone(phone)
            except ValidationError as exc:
                errors["objector_phone"] = exc
        elif self.channel == "paper":
            errors["objector_phone"] = ValidationError(_l("This field is required."))
        if self.status != "open" and not (self.answer or "").strip():
            errors["answer"] = ValidationError(_l("Give a reason."))
        if errors:
            raise ValidationError(errors=errors)
