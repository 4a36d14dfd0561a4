from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Decimal128Field,
    DictField,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    QuerySet,
    StringField,
    ValidationError,
)
from mongoengine.queryset.visitor import Q

from models import memo
from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.catalogue_item import CatalogueItem
from models.choices import (
    CHANNELS,
    DUPLICATE_STATES,
    HANDLING_LEVELS,
    KINDS,
    SATISFACTION,
    STATUSES,
    UNCOUNTED,
)
from models.community import Community
from models.consent import Consent
from models.grid import Grid
from models.organisation import Organisation
from models.references import ReferenceField, is_deleted, ref_id
from models.street import Street
from models.validators import normalise_phone, phone_tail, validate_phone
from models.volunteer import Volunteer


class Transition(EmbeddedDocument):
    """One step of a demand's timeline."""

    at = DateTimeField(required=True, default=utcnow)
    actor = StringField(max_length=80)
    action = StringField(required=True, max_length=30)
    from_status = StringField(choices=STATUSES)
    to_status = StringField(choices=STATUSES)
    note = StringField(max_length=1000)
    # The deadline this step put in force, when it set one (the demand's deadline history).
    deadline_at = DateTimeField()


class Evaluation(EmbeddedDocument):
    """The resident's evaluation after a return visit (有效回访)."""

    satisfaction = StringField(required=True, choices=SATISFACTION)
    resolved = BooleanField(required=True)
    comment = StringField(max_length=1000)
    at = DateTimeField(required=True, default=utcnow)
    by = StringField(max_length=80)


def left_at(rejected_at, closed_at):
    """When a demand left the open set: its rejection if it was rejected, else its close."""
    return rejected_at if rejected_at is not None else closed_at


def counted_query():
    """Demands that count in figures: not voided, not merged into another."""
    return Q(status__nin=list(UNCOUNTED))


def open_now_query():
    """Counted demands neither closed nor rejected (yet)."""
    return Q(closed_at=None, rejected_at=None) & counted_query()


class DemandQuerySet(QuerySet):
    """Named queries shared by views, jobs and the API."""

    def in_scope(self, street=None, community=None):
        if community is not None:
            return self.filter(community=community)
        if street is not None:
            return self.filter(street=street)
        return self

    def open_at(self, ts):
        """Received before ts and not left before ts (left_at: a rejection wins over a close)."""
        return self.filter(
            Q(received_at__lt=ts)
            & (
                Q(rejected_at__gte=ts)
                | (Q(rejected_at=None) & (Q(closed_at=None) | Q(closed_at__gte=ts)))
            )
        )

    def open_now(self):
        return self.filter(open_now_query())

    def counted(self):
        """Demands that count in figures: not voided, not merged into another."""
        return self.filter(counted_query())

    def received_between(self, start, end):
        return self.filter(received_at__gte=start, received_at__lt=end)


class Demand(Document):
    """A resident's demand (诉求), sorted into one of the three kinds."""

    ticket_no = StringField(required=True, max_length=40)
    kind = StringField(required=True, choices=KINDS)
    item = ReferenceField(CatalogueItem, required=True)
    item_version = IntField(default=1)
    category = ReferenceField(CatalogueCategory)
    values = DictField()
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community, required=True)
    resident_name = StringField(required=True, max_length=30)
    resident_phone = StringField(required=True, max_length=20)
    # The last four digits of the phone, for the search box (a suffix match uses no index).
    phone_tail = StringField(max_length=4)
    resident_address = StringField(max_length=200)
    channel = StringField(required=True, choices=CHANNELS)
    description = StringField(required=True, max_length=2000)
    status = StringField(required=True, choices=STATUSES)
    handling_level = StringField(choices=HANDLING_LEVELS)
    received_at = DateTimeField(required=True, default=utcnow)
    response_due_at = DateTimeField()
    first_response_at = DateTimeField()
    deadline_at = DateTimeField()
    closed_at = DateTimeField()
    rejected_at = DateTimeField()
    reject_reason = StringField(max_length=500)
    overdue = BooleanField(default=False)
    # The instant the demand first became overdue: the first deadline in force that passed
    # while it was open. Kept when a later deadline replaces it (RULES.md: late is a fact
    # about a moment).
    overdue_at = DateTimeField()
    # When a 微项目's acceptance passed (验收通过); ratings count projects by this instant.
    accepted_at = DateTimeField()
    escalations = IntField(default=0, min_value=0)
    claim_expiries = IntField(default=0, min_value=0)
    assigned_org = ReferenceField(Organisation)
    assigned_volunteer = ReferenceField(Volunteer)
    subsidy_amount = Decimal128Field(min_value=0)
    subsidy_released = Decimal128Field(min_value=0)
    subsidy_released_at = DateTimeField()
    evaluation = EmbeddedDocumentField(Evaluation)
    timeline = ListField(EmbeddedDocumentField(Transition))
    duplicate_of = ReferenceField("self")
    # None while duplicate_of is only suspected by intake.
    duplicate_state = StringField(choices=DUPLICATE_STATES)
    voided_at = DateTimeField()
    void_reason = StringField(max_length=500)
    # A 不满意/未解决 evaluation sends the demand back: its rework is a demand of its own.
    follow_up = ReferenceField("self")
    follow_up_of = ReferenceField("self")
    # Only demands a resident entered themselves (channel resident) carry a consent record.
    consent = EmbeddedDocumentField(Consent)
    # The grid the demand arose in, and the visit (民情日志) it was taken in from.
    grid = ReferenceField(Grid)
    visit = ReferenceField("Visit")
    rev = IntField(default=0)
    updated_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "demands",
        "queryset_class": DemandQuerySet,
        "indexes": [
            "deadline_at",
            ("handling_level", "status"),
            ("overdue", "closed_at"),
            {"fields": ["ticket_no"], "unique": True},
            ("street", "-received_at", "-_id"),
            ("community", "-received_at", "-_id"),
            ("street", "status"),
            ("community", "status"),
            ("street", "closed_at", "rejected_at", "overdue"),
            ("community", "closed_at", "rejected_at", "overdue"),
            ("kind", "status"),
            ("assigned_volunteer", "status"),
            ("item", "-received_at"),
            ("category", "-received_at"),
            ("channel", "-received_at"),
            ("resident_phone", "item", "closed_at"),
            ("phone_tail", "-received_at"),
            ("resident_name", "-received_at"),
            ("status", "deadline_at"),
            ("street", "accepted_at"),
            ("-received_at", "-_id"),
            "closed_at",
            ("grid", "-received_at"),
        ],
        "ordering": ["-received_at"],
    }

    def __str__(self):
        return self.ticket_no

    @property
    def is_open(self):
        return self.closed_at is None and self.rejected_at is None and not self.uncounted

    @property
    def uncounted(self):
        return self.status in UNCOUNTED

    def was_open_at(self, ts):
        """DemandQuerySet.open_at for one demand in memory."""
        left = left_at(self.rejected_at, self.closed_at)
        return self.received_at < ts and (left is None or left >= ts)

    def _item_chosen(self):
        # A template the street adopts later stays valid on the demands already made with it.
        return self.pk is None or "item" in (self._get_changed_fields() or [])

    def _item_offered(self):
        """The street works with the item: CatalogueItem.objects.for_street's rule."""
        return memo.offers(ref_id(self, "street"), self.item)

    def clean(self):
        errors = {}
        if self.resident_phone:
            try:
                validate_phone(self.resident_phone)
                self.resident_phone = normalise_phone(self.resident_phone)
                self.phone_tail = phone_tail(self.resident_phone)
            except ValidationError as exc:
                errors["resident_phone"] = exc
        # A reference to a deleted record (older data) stays as it is: nothing to check it by.
        community, item = (None if is_deleted(r) else r for r in (self.community, self.item))
        street = ref_id(self, "street")
        if community and street and ref_id(community, "street") != street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if item and street and self._item_chosen() and not self._item_offered():
            message = _l("This item belongs to another street's catalogue.")
            errors["item"] = ValidationError(message)
        if item and self.kind and item.kind != self.kind:
            errors["kind"] = ValidationError(_l("The kind does not match the catalogue item"))
        grid = None if is_deleted(self.grid) else self.grid
        if grid is not None and community and ref_id(grid, "community") != community.pk:
            errors["grid"] = ValidationError(_l("The grid is not in the demand's community"))
        if self.status == "rejected" and not (self.reject_reason or "").strip():
            errors["reject_reason"] = ValidationError(_l("A rejection needs a reason"))
        if self.status == "voided" and not (self.void_reason or "").strip():
            errors["void_reason"] = ValidationError(_l("Voiding needs a reason"))
        if errors:
            raise ValidationError(errors=errors)
        if item is not None and self.category is None:
            self.category = ref_id(item, "category")  # kept as the id: no category read
        self.updated_at = utcnow()
