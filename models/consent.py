"""The resident's consent to the use of personal data, kept with the demand it came with."""

from mongoengine import DateTimeField, EmbeddedDocument, StringField


class Consent(EmbeddedDocument):
    """Which consent text (by version) the resident ticked, and when (个人信息保护法 Art. 14)."""

    version = StringField(required=True, max_length=20)
    at = DateTimeField(required=True)

    def __str__(self):
        return f"{self.version} @ {self.at:%Y-%m-%d %H:%M} UTC"
