import re

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    ListField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.choices import PLACE_KINDS, VISIT_TAGS
from models.community import Community
from models.demand import Demand
from models.grid import Grid
from models.references import ReferenceField, is_deleted, ref_id
from models.street import Street
from models.user import User
from models.validators import normalise_phone, validate_phone

_SPACES = re.compile(r"[\s\u3000]+")


def place_key(place):
    """The place as counted for coverage: the same household written with or without spaces."""
    return _SPACES.sub("", place or "").lower()


class Visit(Document):
    """One entry of a grid worker's visit log (民情日志): where, whom, what was found."""

    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community, required=True)
    grid = ReferenceField(Grid, required=True)
    worker = ReferenceField(User, required=True)
    worker_name = StringField(max_length=30)  # kept so that lists need not read the users
    visited_at = DateTimeField(required=True)
    place_kind = StringField(required=True, choices=PLACE_KINDS, default="household")
    place = StringField(required=True, max_length=100)
    place_key = StringField(max_length=100)
    met = StringField(max_length=60)
    met_phone = StringField(max_length=20)
    findings = StringField(required=True, max_length=2000)
    tags = ListField(StringField(choices=VISIT_TAGS))
    follow_up = BooleanField(default=False)
    # The demand this visit's finding was taken in as (one tap); the demand points back.
    demand = ReferenceField(Demand)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "visits",
        "indexes": [
            ("grid", "visited_at"),
            ("worker", "-visited_at", "-_id"),
            ("street", "-visited_at", "-_id"),
            ("community", "-visited_at", "-_id"),
            ("grid", "-visited_at", "-_id"),
            ("-visited_at", "-_id"),
            ("follow_up", "-visited_at"),
            ("tags", "-visited_at"),
            ("place_kind", "-visited_at"),
            {"fields": ["demand"], "sparse": True},
        ],
        "ordering": ["-visited_at"],
    }

    def __str__(self):
        return f"{self.place} {self.visited_at:%Y-%m-%d}" if self.visited_at else self.place

    def clean(self):
        errors = {}
        grid = None if is_deleted(self.grid) else self.grid
        if grid is not None:
            # Street and community follow the grid: a visit is counted where its grid lies.
            self.community, self.street = grid.community, grid.street
        if self.visited_at is not None:
            moment = self.visited_at
            now = utcnow() if moment.tzinfo else utcnow().replace(tzinfo=None)
            if moment > now:
                errors["visited_at"] = ValidationError(_l("A visit cannot lie in the future"))
        if self.met_phone:
            try:
                validate_phone(self.met_phone)
                self.met_phone = normalise_phone(self.met_phone)
            except ValidationError as exc:
                errors["met_phone"] = exc
        if not (self.place or "").strip():
            errors["place"] = ValidationError(_l("Please fill this in"))
        if not (self.findings or "").strip():
            errors["findings"] = ValidationError(_l("Please fill this in"))
        if errors:
            raise ValidationError(errors=errors)
        self.place = self.place.strip()
        self.place_key = place_key(self.place)
        self.tags = list(dict.fromkeys(self.tags or ()))
        if self.worker is not None and not self.worker_name and not is_deleted(self.worker):
            self.worker_name = self.worker.name
        if ref_id(self, "demand") is not None:
            self.follow_up = True  # a finding taken in as a demand was one needing follow-up
