from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocumentField,
    IntField,
    ListField,
    QuerySet,
    StringField,
    ValidationError,
)
from mongoengine.queryset.visitor import Q

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.catalogue_item_version import CatalogueItemVersion
from models.choices import HANDLING_LEVELS, KINDS
from models.field_def import FieldDef, definition_errors
from models.references import ReferenceField
from models.street import Street

COPIED = ("code", "name", "category", "kind", "handling_level", "deadline_days")
COPIED += ("response_hours", "claim_window_days", "subsidy_max", "description")


class CatalogueItemQuerySet(QuerySet):
    """Named queries shared by the admin, the API and the seeds."""

    def for_street(self, street):
        """Items a street works with: its own, and district templates it has not adopted."""
        if street is None:
            return self.filter(street=None)
        own = list(self._document.objects(street=street).only("code", "template").as_pymongo())
        codes = [doc["code"] for doc in own]
        adopted = [doc["template"] for doc in own if doc.get("template")]
        return self.filter(Q(street=street) | Q(street=None, code__nin=codes, id__nin=adopted))


class CatalogueItem(Document):
    """A service item of the catalogue; demands are made against one.

    No street means a district-wide template that streets adopt (`template` points back).
    `fields` are the item's own field definitions, in order; every change to them is a new
    `version`, kept in CatalogueItemVersion, and each demand records the version it was made with.
    """

    code = StringField(required=True, max_length=30)
    name = StringField(required=True, max_length=80)
    category = ReferenceField(CatalogueCategory, required=True)
    kind = StringField(required=True, choices=KINDS)
    handling_level = StringField(required=True, choices=HANDLING_LEVELS, default="routine")
    deadline_days = IntField(min_value=1, max_value=365)
    # Unset: the rule set's first-response time for the handling level applies.
    response_hours = IntField(min_value=1, max_value=240)
    claim_window_days = IntField(min_value=1, max_value=90)
    subsidy_max = Decimal128Field(min_value=0)
    description = StringField(max_length=1000)
    street = ReferenceField(Street)
    template = ReferenceField("self")
    fields = ListField(EmbeddedDocumentField(FieldDef))
    version = IntField(default=1, min_value=1)
    active = BooleanField(default=True)
    updated_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "catalogue_items",
        "queryset_class": CatalogueItemQuerySet,
        "indexes": [
            ("active", "code"),
            ("handling_level", "kind"),
            {"fields": ["street", "code"], "unique": True},
            ("category", "kind"),
            ("kind", "active"),
            "template",
            "name",
            ("code", "_id"),
        ],
        "ordering": ["code"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == "project" and self.subsidy_max is None:
            raise ValidationError(
                errors={"subsidy_max": ValidationError(_l("Micro-projects need a subsidy cap"))}
            )
        self.fields = [FieldDef(**f) if isinstance(f, dict) else f for f in self.fields or []]
        for f in self.fields:
            f.name, f.label_zh = (f.name or "").strip(), (f.label_zh or "").strip()
        problems = definition_errors(self.specs())
        if problems:
            pos, messages = next(iter(problems.items()))
            name = self.fields[pos].name or f"#{pos + 1}"
            detail = "；".join(str(m) for m in messages.values())
            raise ValidationError(errors={"fields": ValidationError(f"{name}: {detail}")})
        self.updated_at = utcnow()

    def specs(self):
        """The current field definitions as plain dicts, in order."""
        return [f.spec() if isinstance(f, FieldDef) else FieldDef(**f).spec() for f in self.fields]

    def field_history(self):
        """Every field the item has ever had, by name, each with its latest definition."""
        known = CatalogueItemVersion.objects.fields_ever(self.pk)
        known.update((spec["name"], spec) for spec in self.specs())
        return known

    def save(self, *args, **kwargs):
        """Save; a change to the fields makes a new version, unless someone else made one first."""
        before = None
        if self.pk is not None:
            before = self._get_collection().find_one({"_id": self.pk}, {"fields": 1, "version": 1})
        fields = [FieldDef(**f) if isinstance(f, dict) else f for f in self.fields or []]
        now = [f.to_mongo().to_dict() for f in fields]
        if before is not None and before.get("fields", []) == now:
            return super().save(*args, **kwargs)
        if before is not None:
            previous = before.get("version") or 1
            self._keep_version(previous, [FieldDef._from_son(f) for f in before.get("fields", [])])
            self.version = previous + 1
            kwargs.setdefault("save_condition", {"version": before.get("version")})
        super().save(*args, **kwargs)
        self._keep_version(self.version, self.fields)
        return self

    def _keep_version(self, version, fields):
        # weimin.catalogue stamps created_by with whoever is writing (a pre_save signal).
        if CatalogueItemVersion.objects(item=self.pk, version=version).first() is None:
            copies = [FieldDef._from_son(f.to_mongo()) for f in fields]
            CatalogueItemVersion(item=self, version=version, fields=copies).save()

    def adopt(self, street):
        """This template's copy in a street: (copy, True) when made now, (copy, False) if it was."""
        existing = CatalogueItem.objects(
            Q(street=street) & (Q(template=self) | Q(code=self.code))
        ).first()
        if existing is not None:
            return existing, False
        copy = CatalogueItem(**{name: getattr(self, name) for name in COPIED})
        copy.fields = [FieldDef._from_son(f.to_mongo()) for f in self.fields]
        copy.street, copy.template = street, self
        return copy.save(), True
