from mongoengine import (
    BooleanField,
    DateTimeField,
    DictField,
    Document,
    IntField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.choices import RULE_KINDS
from models.references import ReferenceField
from models.rule_params import check_params
from models.street import Street


class RuleSet(Document):
    """A versioned set of rule parameters (deadlines, clearance weights, star bands…).

    No street means district-wide. A change is a new version; the newest active one is in force.
    """

    kind = StringField(required=True, choices=RULE_KINDS)
    code = StringField(required=True, max_length=40)
    name = StringField(required=True, max_length=80)
    street = ReferenceField(Street)
    version = IntField(required=True, default=1, min_value=1)
    params = DictField(required=True)
    active = BooleanField(default=True)
    note = StringField(max_length=500)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "rule_sets",
        "indexes": [
            ("street", "kind"),
            ("active", "kind"),
            {"fields": ["kind", "street", "code", "version"], "unique": True},
            ("kind", "active", "-version"),
        ],
        "ordering": ["kind", "code", "-version"],
    }

    def __str__(self):
        return f"{self.name} v{self.version}"

    def clean(self):
        problems = check_params(self.kind, self.params)
        if problems:
            message = "; ".join(f"{path}: {msg}" for path, msg in problems)
            raise ValidationError(errors={"params": ValidationError(message)})

    @classmethod
    def current(cls, kind, street=None):
        """The newest active rule set of a kind: the street's own, else the district's."""
        for scope in ([street] if street else []) + [None]:
            doc = cls.objects(kind=kind, street=scope, active=True).order_by("-version").first()
            if doc:
                return doc
        return None
