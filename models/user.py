from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from mongoengine import (
    BooleanField,
    DateTimeField,
    Document,
    IntField,
    StringField,
    ValidationError,
)

from models.base import utcnow
from models.choices import ROLES
from models.community import Community
from models.references import ReferenceField
from models.street import Street
from models.volunteer import Volunteer

_hasher = PasswordHasher()


def use_hasher(hasher):
    """Hash new passwords with this argon2 hasher (the app picks its cost profile)."""
    global _hasher
    _hasher = hasher


# Which scope field each role must carry.
ROLE_SCOPE = {
    "district_admin": None,
    "supervisor": None,
    "street_admin": "street",
    "community_worker": "community",
    "volunteer": "volunteer",
}


class User(UserMixin, Document):
    """A person who signs in; the role decides what they may do, the scope what they see."""

    username = StringField(required=True, max_length=50, regex=r"^[A-Za-z0-9_.@-]+$")
    password_hash = StringField(required=True)
    name = StringField(required=True, max_length=30)
    role = StringField(required=True, choices=ROLES)
    street = ReferenceField(Street)
    community = ReferenceField(Community)
    volunteer = ReferenceField(Volunteer)
    locale = StringField(max_length=10)
    active = BooleanField(default=True)
    failed_logins = IntField(default=0)
    locked_until = DateTimeField()
    last_login_at = DateTimeField()
    created_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "users",
        "indexes": [
            ("active", "role"),
            ("street", "role"),
            {"fields": ["username"], "unique": True},
            ("role", "street"),
            "volunteer",
        ],
        "ordering": ["username"],
    }

    def __str__(self):
        return f"{self.name} ({self.username})"

    @property
    def is_active(self):
        return bool(self.active)

    def set_password(self, password):
        self.password_hash = _hasher.hash(password)

    def check_password(self, password):
        try:
            ok = _hasher.verify(self.password_hash or "", password)
        except (VerificationError, InvalidHashError):
            return False
        if ok and _hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
            self.save()
        return ok

    def clean(self):
        if self.community and not self.street:
            self.street = self.community.street
        if self.volunteer and not self.community:
            self.community = self.volunteer.community
            self.street = self.volunteer.street
        needed = ROLE_SCOPE.get(self.role)
        if needed and not getattr(self, needed):
            raise ValidationError(
                errors={needed: ValidationError(_l("This role needs this field"))}
            )
