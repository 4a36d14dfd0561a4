from decimal import Decimal

from bson import Decimal128
from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    DateField,
    DateTimeField,
    Decimal128Field,
    Document,
    ListField,
    StringField,
    ValidationError,
)
from pypinyin import Style, lazy_pinyin
from stdnum.cn import ric

from models.base import utcnow
from models.catalogue_category import CatalogueCategory
from models.choices import GENDERS
from models.community import Community
from models.organisation import Organisation
from models.references import ReferenceField
from models.street import Street
from models.validators import normalise_phone, normalise_ric, validate_phone, validate_ric


class Volunteer(Document):
    """A registered volunteer with the fields of MCA Order 67, Art. 5.

    `id_number` is kept in its normalised form under a unique index, so one person is one
    volunteer; who may see it in full is decided by weimin.access, never by the store.
    """

    name = StringField(required=True, max_length=30)
    gender = StringField(choices=GENDERS)
    birth_date = DateField()
    id_number = StringField(required=True, max_length=18)
    phone = StringField(required=True, max_length=20)
    street = ReferenceField(Street, required=True)
    community = ReferenceField(Community, required=True)
    skills = ListField(StringField(max_length=30))
    service_categories = ListField(ReferenceField(CatalogueCategory))
    teams = ListField(ReferenceField(Organisation))
    consent = BooleanField(default=False)
    approved_hours = Decimal128Field(default=lambda: Decimal(0), min_value=0)
    name_pinyin = StringField()
    name_initials = StringField()
    registered_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "volunteers",
        "indexes": [
            "consent",
            "gender",
            "service_categories",
            {"fields": ["id_number"], "unique": True},
            "phone",
            ("street", "community"),
            ("community", "name"),
            "name_pinyin",
            "name_initials",
            "teams",
            "-approved_hours",
            ("name", "_id"),
        ],
        "ordering": ["name"],
    }

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.id_number:
            self.id_number = normalise_ric(self.id_number)
            try:
                validate_ric(self.id_number)
                self._check_id_facts(errors)
            except ValidationError as exc:
                errors["id_number"] = exc
        if self.phone:
            try:
                validate_phone(self.phone)
                self.phone = normalise_phone(self.phone)
            except ValidationError as exc:
                errors["phone"] = exc
        if self.community and self.street and self.community.street != self.street:
            errors["community"] = ValidationError(_l("The community is not in this street"))
        if errors:
            raise ValidationError(errors=errors)
        self.name_pinyin, self.name_initials = pinyin_keys(self.name)

    def _check_id_facts(self, errors):
        """Birth date and gender follow from the ID number; one number, one volunteer."""
        born = ric.get_birth_date(self.id_number)
        gender = "male" if int(self.id_number[16]) % 2 else "female"
        self.birth_date = self.birth_date or born
        self.gender = self.gender or gender
        if self.birth_date != born:
            errors["birth_date"] = ValidationError(_l("Does not match the ID number"))
        if self.gender != gender:
            errors["gender"] = ValidationError(_l("Does not match the ID number"))
        if Volunteer.objects(id_number=self.id_number, pk__ne=self.pk).only("id").first():
            raise ValidationError(_l("This ID number is already registered"))

    @classmethod
    def add_approved_hours(cls, volunteer_id, delta):
        """Add `delta` hours exactly (compare-and-set: mongomock cannot $inc a Decimal128)."""
        coll = cls._get_collection()
        for _ in range(100):
            doc = coll.find_one({"_id": volunteer_id}, {"approved_hours": 1})
            if doc is None:
                return None
            old = doc.get("approved_hours")
            new = (old.to_decimal() if old is not None else Decimal(0)) + Decimal(delta)
            matched = coll.update_one(
                {"_id": volunteer_id, "approved_hours": old},
                {"$set": {"approved_hours": Decimal128(new)}},
            ).matched_count
            if matched:
                return new
        raise RuntimeError("approved hours kept changing; giving up")


def pinyin_keys(name):
    """Full pinyin and initials of a Chinese name, lower-case, for search."""
    syllables = lazy_pinyin(name or "", style=Style.NORMAL)
    initials = lazy_pinyin(name or "", style=Style.FIRST_LETTER)
    return "".join(syllables).lower(), "".join(initials).lower()
