"""A runtime field of a catalogue item: what demands of that item must record."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    BooleanField,
    Decimal128Field,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

FIELD_TYPES = (
    ("text", _l("Short text")),
    ("textarea", _l("Long text")),
    ("integer", _l("Whole number")),
    ("decimal", _l("Decimal number")),
    ("date", _l("Date")),
    ("datetime", _l("Date and time")),
    ("choice", _l("Single choice")),
    ("multi_choice", _l("Multiple choice")),
    ("yes_no", _l("Yes / no")),
    ("phone", _l("Phone number")),
    ("id_number", _l("ID number")),
    ("address", _l("Address")),
)


class Choice(EmbeddedDocument):
    """One option of a choice field; the code is what demands store."""

    code = StringField(required=True, max_length=40)
    label_zh = StringField(required=True, max_length=60)
    label_en = StringField(max_length=80)

    meta = {"strict": False}


class FieldDef(EmbeddedDocument):
    """One field definition; `name` is the stable key of the value in Demand.values."""

    name = StringField(required=True, max_length=40)
    label_zh = StringField(required=True, max_length=40)
    label_en = StringField(max_length=60)
    type = StringField(required=True, choices=FIELD_TYPES, default="text")
    required = BooleanField(default=False)
    choices = ListField(EmbeddedDocumentField(Choice))
    min_value = Decimal128Field()
    max_value = Decimal128Field()
    min_length = IntField(min_value=0, max_value=2000)
    max_length = IntField(min_value=1, max_value=2000)
    pattern = StringField(max_length=200)
    help_zh = StringField(max_length=200)
    help_en = StringField(max_length=200)

    # Definitions saved before a key was added or after one was dropped still load.
    meta = {"strict": False}

    def spec(self):
        """The definition as the plain dict weimin.catalogue.spec works with."""
        from weimin.catalogue.defs import normalise

        return normalise(self.to_mongo().to_dict())
