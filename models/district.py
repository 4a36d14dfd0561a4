from mongoengine import Document, StringField


class District(Document):
    """A district (区): the top of the tenancy tree."""

    code = StringField(required=True, max_length=20)
    name = StringField(required=True, max_length=50)

    meta = {"collection": "districts", "indexes": [{"fields": ["code"], "unique": True}]}

    def __str__(self):
        return self.name
