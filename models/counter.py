from mongoengine import Document, IntField, StringField
from pymongo import ReturnDocument


class Counter(Document):
    """A named sequence, advanced atomically (ticket numbers)."""

    name = StringField(primary_key=True)
    seq = IntField(default=0)

    meta = {"collection": "counters"}

    @classmethod
    def next(cls, name):
        """Advance the named sequence and return its new value."""
        doc = cls._get_collection().find_one_and_update(
            {"_id": name}, {"$inc": {"seq": 1}}, upsert=True, return_document=ReturnDocument.AFTER
        )
        return doc["seq"]
