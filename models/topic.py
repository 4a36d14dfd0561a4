"""A deliberation topic (议题): raised, deliberated, resourced, carried out and evaluated."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    Document,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.community import Community
from models.demand import Demand
from models.references import ReferenceField, ref_id
from models.street import Street
from models.topic_choices import TOPIC_SOURCES, TOPIC_STATUSES
from models.topic_parts import Meeting, Pledge, TopicEvaluation, TopicStep
from models.validators import normalise_phone, validate_phone


class Topic(Document):
    """A community's topic and its five steps (说议筹办评); weimin.topics.steps moves it."""

    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community, required=True)
    title = StringField(required=True, max_length=100)
    description = StringField(required=True, max_length=2000)
    source = StringField(required=True, choices=TOPIC_SOURCES, default="community")
    status = StringField(required=True, choices=TOPIC_STATUSES, default="raised")
    # Who raised it: private, never on the public board.
    raiser_name = StringField(max_length=30)
    raiser_phone = StringField(max_length=20)
    supporters = IntField(default=0, min_value=0)
    demand = ReferenceField(Demand)  # the demand it was raised from
    # Grids and visit logs are another package's documents: referenced by name.
    visit = ReferenceField("Visit")
    grid = ReferenceField("Grid")
    meeting = EmbeddedDocumentField(Meeting)
    pledges = ListField(EmbeddedDocumentField(Pledge))
    demands = ListField(ReferenceField(Demand))  # what carrying it out became (微项目/微事务)
    evaluation = EmbeddedDocumentField(TopicEvaluation)
    close_reason = StringField(max_length=500)
    timeline = ListField(EmbeddedDocumentField(TopicStep))
    decided_at = DateTimeField()  # the meeting's decision, or the close
    done_at = DateTimeField()  # carried out: its first demand
    evaluated_at = DateTimeField()
    closed_at = DateTimeField()
    created_by = StringField(max_length=80)
    created_at = DateTimeField(default=utcnow)
    rev = IntField(default=0)

    meta = {
        "collection": "topics",
        "indexes": [
            ("street", "-created_at", "-_id"),
            ("community", "-created_at", "-_id"),
            ("street", "status", "-created_at"),
            ("community", "status", "-created_at"),
            ("source", "-created_at"),
            ("status", "-created_at"),
            ("-created_at", "-_id"),
            "demand",
            "demands",
            "visit",
            ("street", "done_at"),
            ("street", "closed_at"),
            ("street", "evaluated_at"),
            # The list's search box (title) within each scope.
            "title",
            ("street", "title"),
            ("community", "title"),
        ],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        return self.title or ""

    def clean(self):
        errors = {}
        if self.raiser_phone:
            try:
                validate_phone(self.raiser_phone)
                self.raiser_phone = normalise_phone(self.raiser_phone)
            except ValidationError as exc:
                errors["raiser_phone"] = exc
        street = ref_id(self, "street")
        if self.community and street and ref_id(self.community, "street") != street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if errors:
            raise ValidationError(errors=errors)
