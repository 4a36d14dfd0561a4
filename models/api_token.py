import hashlib
import hmac
import secrets

from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import utcnow
from models.choices import API_SCOPES
from models.street import Street

PREFIX = "wm"


def _digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(Document):
    """A channel integration's credential: scoped to a street and operations, stored hashed."""

    name = StringField(required=True, max_length=60)
    street = ReferenceField(Street, required=True)
    scopes = ListField(StringField(choices=API_SCOPES), required=True)
    key_id = StringField(required=True, max_length=16)
    token_hash = StringField(required=True, max_length=64)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField()
    revoked_at = DateTimeField()

    meta = {
        "collection": "api_tokens",
        "indexes": [{"fields": ["key_id"], "unique": True}, ("street", "active")],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        return self.name

    def issue(self):
        """Generate a new secret, keep only its hash, and return the token string once."""
        self.key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        self.token_hash = _digest(secret)
        return f"{PREFIX}_{self.key_id}_{secret}"

    def revoke(self, when=None):
        """Stop the token for good: an integration needs a new token, not this one back."""
        self.active = False
        if self.revoked_at is None:
            self.revoked_at = when or utcnow()

    @classmethod
    def authenticate(cls, presented):
        """The active, unrevoked token matching the presented string, or None."""
        parts = (presented or "").split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX:
            return None
        token = cls.objects(key_id=parts[1], active=True, revoked_at=None).first()
        if token is None or not hmac.compare_digest(token.token_hash, _digest(parts[2])):
            return None
        return token
