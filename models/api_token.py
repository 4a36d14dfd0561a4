import hashlib
import hmac
import secrets
from datetime import timedelta

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
# "Last used" says whether an integration is alive; to the minute is enough, and writing it on
# every request would cost a write per demand taken in.
LAST_USED_EVERY = timedelta(minutes=1)


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
        # One lookup per API request: the collection directly, without building a queryset.
        found = cls._get_collection().find_one(
            {"key_id": parts[1], "active": True, "revoked_at": None}
        )
        token = cls._from_son(found) if found else None
        if token is None or not hmac.compare_digest(token.token_hash, _digest(parts[2])):
            return None
        return token

    def mark_used(self, now=None):
        """Record the use in last_used_at, at most once per LAST_USED_EVERY."""
        now = now or utcnow()
        last = self.last_used_at
        if last is not None and last.tzinfo is None:
            last = last.replace(tzinfo=now.tzinfo)  # the embedded store gives naive UTC
        if last is not None and timedelta(0) <= now - last < LAST_USED_EVERY:
            return False
        ApiToken.objects(id=self.id).update_one(set__last_used_at=now)
        self.last_used_at = now
        return True
