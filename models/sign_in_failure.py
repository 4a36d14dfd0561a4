from mongoengine import DateTimeField, Document, IntField, StringField


class SignInFailure(Document):
    """Recent sign-in attempts under one attempted username, whether an account has it or not.

    Counted and cleared with raw conditional writes (weimin/web/lockout.py). The key is a digest
    of the normalised username, so a password typed into the username box is not kept readable.
    MongoDB's TTL monitor deletes the record once it expires; it is not part of an export.
    """

    key = StringField(primary_key=True, max_length=64)
    attempts = IntField(default=0, min_value=0)
    expires_at = DateTimeField(required=True)

    meta = {
        "collection": "sign_in_failures",
        "indexes": [{"fields": ["expires_at"], "expireAfterSeconds": 0}],
    }

    def __str__(self):
        return f"{self.attempts} attempts until {self.expires_at:%Y-%m-%d %H:%M}"
