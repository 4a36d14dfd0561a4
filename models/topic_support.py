"""One resident's support of a topic: a keyed hash of the phone, never the phone itself."""

from mongoengine import DateTimeField, Document, StringField

from models.base import utcnow
from models.references import ReferenceField
from models.topic import Topic


class TopicSupport(Document):
    """One per phone per topic: the unique index enforces it."""

    topic = ReferenceField(Topic, required=True)
    phone_hash = StringField(required=True, max_length=64)
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "topic_supports",
        "indexes": [{"fields": ["topic", "phone_hash"], "unique": True}],
    }

    def __str__(self):
        return str(self.topic) if self.topic else ""
