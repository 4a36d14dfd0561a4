"""References that survive their target's loss: older data may point at a deleted record.

Delete rules (models.delete_rules) now refuse deleting what is referenced, but records written
before them, a raw delete or a partial import can still hold an id nothing answers to. Reading
such a reference gives a `Deleted` stand-in, shown as "(deleted)", instead of an error.
"""

import mongoengine
from bson import DBRef
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from mongoengine.errors import DoesNotExist

DELETED = _l("(deleted)")


class Deleted:
    """Stands in for a referenced record that no longer exists; its fields read as None."""

    def __init__(self, document_type, pk):
        self.__dict__.update(document_type=document_type, pk=pk, id=pk)

    def __getattr__(self, name):
        # Only called for names not set above: the missing document's fields read as empty.
        if name in self.__dict__["document_type"]._fields:
            return None
        raise AttributeError(name)

    def __str__(self):
        return str(DELETED)

    def __html__(self):
        return escape(str(self))

    def __repr__(self):
        return f"<Deleted {self.document_type.__name__} {self.pk}>"

    def __eq__(self, other):
        return isinstance(other, Deleted) and other.pk == self.pk

    def __hash__(self):
        return hash(self.pk)

    def to_dbref(self):
        return DBRef(self.document_type._get_collection_name(), self.pk)


def ref_id(doc, name=None):
    """The id a reference holds, without loading the referenced document.

    `ref_id(doc, name)` reads field `name` of a Document or of a raw record as the store returns
    it; `ref_id(value)` takes the reference itself (a Document, DBRef, id or None).
    """
    value = doc
    if name is not None:
        if doc is None:
            return None
        value = doc.get(name) if isinstance(doc, dict) else doc._data.get(name)
    if isinstance(value, DBRef):
        return value.id
    return getattr(value, "pk", value)


def is_deleted(value):
    """True when a reference's target no longer exists."""
    return isinstance(value, Deleted)


class ReferenceField(mongoengine.ReferenceField):
    """mongoengine's ReferenceField; a reference to a missing record reads as `Deleted`."""

    def __get__(self, instance, owner):
        try:
            return super().__get__(instance, owner)
        except DoesNotExist:
            ref = instance._data.get(self.name)
            instance._data[self.name] = Deleted(self.document_type, getattr(ref, "id", ref))
            return instance._data[self.name]

    def to_mongo(self, document):
        # Saving a record that still points at a lost one keeps the id it held.
        if isinstance(document, Deleted):
            return document.to_dbref() if self.dbref else document.pk
        return super().to_mongo(document)

    def validate(self, value):
        if not isinstance(value, Deleted):
            super().validate(value)
