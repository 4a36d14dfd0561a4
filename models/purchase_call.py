"""A call for purchased services (招募/采购公告): what is bought, from whom, how bids are scored."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from mongoengine import (
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
from models.catalogue_item import CatalogueItem
from models.choices import ORG_TYPES
from models.community import Community
from models.demand import Demand
from models.references import ReferenceField, ref_id
from models.street import Street
from models.topic import Topic
from models.validators import normalise_phone, validate_phone

CALL_STATES = (
    ("draft", _l("Draft")),
    ("published", _l("Open for applications")),
    ("closed", _l("Applications closed")),
    ("reviewing", _l("Under review")),
    ("awarded", _l("Award announced")),
    ("final", _l("Award final")),
    ("cancelled", _l("Cancelled")),
)
WEIGHT_TOTAL = 100
SHARE_TOTAL = 100
MAX_MILESTONES = 10
# A call with no street belongs to the whole district (like catalogue templates and rule sets).
LEVELS = (("district", _l("District-wide")), ("street", _l("Street")))


class Criterion(EmbeddedDocument):
    """One scoring criterion of a call: its name, weight (of 100) and the top mark."""

    name = StringField(required=True, max_length=50)
    weight = IntField(required=True, min_value=1, max_value=100)
    max_score = IntField(default=100, min_value=1, max_value=1000)


class MilestoneShare(EmbeddedDocument):
    """A payment milestone of a call: its name and share of the contract amount in percent.

    The first is paid when the project starts, the last after acceptance (the project's
    subsidy step), the others when the street pays them on the contract's page."""

    name = StringField(required=True, max_length=60)
    share = IntField(required=True, min_value=1, max_value=100)


def default_milestones():
    """30 % when the project starts, the rest after acceptance: the split before calls set one."""
    return [
        MilestoneShare(name=str(_l("First payment (on starting)")), share=30),
        MilestoneShare(name=str(_l("Final payment (after acceptance)")), share=70),
    ]


class PurchaseCall(Document):
    """A street's (or the district's) call for a service bought from organisations."""

    title = StringField(required=True, max_length=120)
    street = ReferenceField(Street)  # none: a district-wide call
    category = ReferenceField(CatalogueCategory, required=True)
    # The 微项目 item the awarded projects are taken in under.
    item = ReferenceField(CatalogueItem, required=True)
    need = StringField(max_length=2000)
    demands = ListField(ReferenceField(Demand))
    # Deliberation topics (议事) the call answers.
    topics = ListField(ReferenceField(Topic))
    budget_cap = Decimal128Field(required=True, min_value=0, precision=2)
    service_start = DateTimeField(required=True)
    service_end = DateTimeField(required=True)
    org_kinds = ListField(StringField(choices=ORG_TYPES))
    min_stars = IntField(default=0, min_value=0, max_value=5)
    communities = ListField(ReferenceField(Community))
    required_documents = ListField(StringField(max_length=60))
    criteria = ListField(EmbeddedDocumentField(Criterion))
    milestones = ListField(EmbeddedDocumentField(MilestoneShare), default=default_milestones)
    application_days = IntField(default=10, min_value=1, max_value=60)
    objection_days = IntField(default=5, min_value=1, max_value=30)
    panel = ListField(ReferenceField("User"))
    contact_name = StringField(required=True, max_length=30)
    contact_phone = StringField(required=True, max_length=20)
    status = StringField(required=True, choices=CALL_STATES, default="draft")
    published_at = DateTimeField()
    deadline = DateTimeField()
    awarded_at = DateTimeField()
    objection_ends = DateTimeField()
    final_at = DateTimeField()
    cancel_reason = StringField(max_length=500)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "purchase_calls",
        "indexes": [
            ("street", "status", "-_id"),
            ("status", "-_id"),
            ("street", "-_id"),
            ("category", "-_id"),
            "panel",
            ("title", "_id"),
            ("street", "title", "_id"),
            "-_id",
        ],
        "ordering": ["-id"],
    }

    def __str__(self):
        return self.title or ""

    @property
    def level(self):
        """The call's level (LEVELS): district-wide when it has no street."""
        return "district" if self.street is None else "street"

    def clean(self):
        errors = {}
        weights = sum(c.weight or 0 for c in self.criteria or ())
        if not self.criteria:
            errors["criteria"] = ValidationError(_l("Add at least one scoring criterion"))
        elif weights != WEIGHT_TOTAL:
            errors["criteria"] = ValidationError(
                _l("The weights add up to %(total)s; they must add up to 100", total=weights)
            )
        names = [c.name for c in self.criteria or ()]
        if len(set(names)) != len(names):
            errors["criteria"] = ValidationError(_l("Two criteria have the same name"))
        if self.service_start and self.service_end and self.service_end <= self.service_start:
            errors["service_end"] = ValidationError(
                _l("The service period must end after it starts")
            )
        if self.budget_cap is not None and Decimal(str(self.budget_cap)) <= 0:
            errors["budget_cap"] = ValidationError(_l("The amount must be more than 0."))
        if self.item and self.item.kind != "project":
            errors["item"] = ValidationError(_l("Choose a micro-project item"))
        elif self.item and self.street is None and self.item.street is not None:
            # Its projects are taken in by several streets: a district template serves them all.
            errors["item"] = ValidationError(_l("A district-wide call needs a district-wide item"))
        elif self.item and self.item.subsidy_max and self.budget_cap:
            if Decimal(str(self.budget_cap)) > Decimal(str(self.item.subsidy_max)):
                errors["budget_cap"] = ValidationError(
                    _l("The budget cap exceeds the item's subsidy cap.")
                )
        milestones = self._milestone_error()
        if milestones:
            errors["milestones"] = ValidationError(milestones)
        # A district-wide call may serve, and answer needs of, any street of the district.
        for community in self.communities or ():
            if self.street and getattr(community, "street", None) != self.street:
                errors["communities"] = ValidationError(_l("The community is not in this street"))
        for name in ("demands", "topics"):
            if self.street and any(
                ref_id(linked, "street") != ref_id(self, "street") for linked in self[name] or ()
            ):
                errors[name] = ValidationError(_l("Link only records of this street."))
        if self.contact_phone:
            try:
                validate_phone(self.contact_phone.strip())
                self.contact_phone = normalise_phone(self.contact_phone.strip())
            except ValidationError as exc:
                errors["contact_phone"] = exc
        if errors:
            raise ValidationError(errors=errors)

    def _milestone_error(self):
        shares = [m.share or 0 for m in self.milestones or ()]
        if not shares:
            return _l("Add at least one payment milestone")
        if len(shares) > MAX_MILESTONES:
            return _l("At most %(n)s payment milestones", n=MAX_MILESTONES)
        if sum(shares) != SHARE_TOTAL:
            return _l(
                "The milestone shares add up to %(total)s; they must add up to 100",
                total=sum(shares),
            )
        names = [m.name for m in self.milestones]
        if len(set(names)) != len(names):
            return _l("Two milestones have the same name")
        return None
