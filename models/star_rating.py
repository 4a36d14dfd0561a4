"""Star ratings (星级评定) of organisations and communities per period."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    FloatField,
    IntField,
    ListField,
    StringField,
)

from models.community import Community
from models.organisation import Organisation
from models.periods import PERIOD_PATTERN
from models.references import ReferenceField
from models.rule_set import RuleSet
from models.street import Street

PERIOD_REGEX = PERIOD_PATTERN
SUBJECT_TYPES = (("organisation", _l("Organisation")), ("community", _l("Community")))
# How a breakdown adds up (RULES.md, "Points and stars"), shown wherever one is.
BREAKDOWN_NOTE = _l(
    "Each criterion's points are rounded half up to 0.01; the score is the sum of the points "
    "shown; stars and rewards are read from the score."
)


class CriterionScore(EmbeddedDocument):
    """One line of a rating's breakdown: raw value, weight and the points it earned."""

    code = StringField(required=True, max_length=40)
    raw = FloatField()
    target = FloatField()
    weight = FloatField(required=True)
    points = Decimal128Field(required=True, precision=2)


class StarRating(Document):
    """A subject's score on the rule set's scale, its stars, reward and eligibility."""

    period = StringField(required=True, regex=PERIOD_REGEX)
    subject_type = StringField(required=True, choices=SUBJECT_TYPES)
    organisation = ReferenceField(Organisation)
    community = ReferenceField(Community)
    street = ReferenceField(Street, required=True)
    subject_name = StringField(max_length=100)
    score = Decimal128Field(required=True, precision=2)
    # The score as a float, for sorting (the embedded store cannot sort Decimal128).
    sort_score = FloatField()
    scale = IntField(default=1000)
    stars = IntField(required=True, min_value=0)
    reward = Decimal128Field(precision=2)
    unrated_streak = IntField(default=0)
    not_eligible = BooleanField(default=False)
    breakdown = ListField(EmbeddedDocumentField(CriterionScore))
    rule_set = ReferenceField(RuleSet)
    rule_set_code = StringField(max_length=40)
    rule_set_version = IntField()
    computed_at = DateTimeField()
    # Copied from the street's RatingPeriod: only published ratings reach the public bulletin.
    published = BooleanField(default=False)

    meta = {
        "collection": "star_ratings",
        "indexes": [
            ("stars", "period"),
            ("not_eligible", "period"),
            ("subject_type", "period"),
            {"fields": ["period", "subject_type", "organisation", "community"], "unique": True},
            ("street", "period", "-sort_score"),
            ("organisation", "-period"),
            ("community", "-period"),
            ("period", "stars"),
            ("street", "published", "-period"),
            ("-period", "-sort_score", "-_id"),
            ("published", "-period", "-sort_score", "-_id"),
        ],
        "ordering": ["-period", "-sort_score"],
    }

    def __str__(self):
        return f"{self.period} {self.subject_name}"
