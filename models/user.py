import secrets

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
from models.grid import Grid
from models.organisation import Organisation
from models.references import ReferenceField, is_deleted, ref_id
from models.street import Street
from models.volunteer import Volunteer

_hasher = PasswordHasher()
_decoy_hash = None


def use_hasher(hasher):
    """Hash new passwords with this argon2 hasher (the app picks its cost profile)."""
    global _hasher, _decoy_hash
    _hasher, _decoy_hash = hasher, None


def check_password_of_nobody(password):
    """Refuse, after as much work as checking a real password: for usernames nobody has."""
    global _decoy_hash
    if _decoy_hash is None:
        _decoy_hash = _hasher.hash(secrets.token_urlsafe(16))
    try:
        _hasher.verify(_decoy_hash, password)
    except (VerificationError, InvalidHashError):
        pass
    return False


# Which scope field each role must carry.
ROLE_SCOPE = {
    "district_admin": None,
    "supervisor": None,
    "street_admin": "street",
    "community_worker": "community",
    "volunteer": "volunteer",
    "organisation": "organisation",
}

# A change of any of these ends the user's sessions: what they sign in with, may do and see.
SESSION_FIELDS = (
    "password_hash", "role", "street", "community", "volunteer", "active", "grid",
    "organisation",
)  # fmt: skip


class User(UserMixin, Document):
    """A person who signs in; the role decides what they may do, the scope what they see."""

    username = StringField(required=True, max_length=50, regex=r"^[A-Za-z0-9_.@-]+$")
    password_hash = StringField(required=True)
    name = StringField(required=True, max_length=30)
    role = StringField(required=True, choices=ROLES)
    street = ReferenceField(Street)
    community = ReferenceField(Community)
    volunteer = ReferenceField(Volunteer)
    # A grid worker is a community worker with a grid of their community (weimin/grids).
    grid = ReferenceField(Grid)
    organisation = ReferenceField(Organisation)
    locale = StringField(max_length=10)
    active = BooleanField(default=True)
    # Carried by the session cookie (get_id); raising it ends every session of the user.
    session_version = IntField(default=0, min_value=0)
    # No longer written: failures are counted per attempted username (weimin/web/lockout.py).
    # Declared still so that the documents and exports of earlier versions load.
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
            {"fields": ["grid"], "sparse": True},
            "organisation",
        ],
        "ordering": ["username"],
    }

    def __str__(self):
        return f"{self.name} ({self.username})"

    @property
    def is_active(self):
        return bool(self.active)

    def get_id(self):
        """What the session cookie carries: the id and the session version it was issued for."""
        return f"{self.pk}.{self.session_version or 0}"

    def end_sessions(self):
        """End every session of this user, on every device (sign-out)."""
        type(self).objects(id=self.pk).update_one(inc__session_version=1)

    def save(self, *args, **kwargs):
        """Save; a new password, role, scope or status also ends the user's sessions."""
        stored = self._stored_if_sessions_end() if self.pk is not None else None
        if stored is not None:
            # From the stored version, so that a sign-out since this copy was read still counts.
            self.session_version = (stored.get("session_version") or 0) + 1
        return super().save(*args, **kwargs)

    def _stored_if_sessions_end(self):
        """The stored document when this save changes a field of SESSION_FIELDS, else None."""
        # Compared with the stored document, not mongoengine's change tracking: a form that
        # sets a reference to the same record again must not end anyone's session.
        fields = [*SESSION_FIELDS, "session_version"]
        stored = type(self)._get_collection().find_one({"_id": self.pk}, fields)
        if stored is None:
            return None
        mine = self.to_mongo()
        changed = any(
            stored.get(name, self._fields[name].default) != mine.get(name)
            for name in SESSION_FIELDS
        )
        return stored if changed else None

    def set_password(self, password):
        self.password_hash = _hasher.hash(password)

    def check_password(self, password):
        try:
            ok = _hasher.verify(self.password_hash or "", password)
        except (VerificationError, InvalidHashError):
            return False
        if ok and _hasher.check_needs_rehash(self.password_hash):
            # Not save(): a stronger hash of the same password must not end the sessions.
            self.set_password(password)
            type(self).objects(id=self.pk).update_one(set__password_hash=self.password_hash)
        return ok

    def clean(self):
        if self.community and not self.street:
            self.street = self.community.street
        if self.volunteer and not self.community:
            self.community = self.volunteer.community
            self.street = self.volunteer.street
        self._check_grid()
        if self.organisation and not self.street:
            self.street = self.organisation.street
        needed = ROLE_SCOPE.get(self.role)
        if needed and not getattr(self, needed):
            raise ValidationError(
                errors={needed: ValidationError(_l("This role needs this field"))}
            )

    def _check_grid(self):
        grid = self.grid
        if grid is None or is_deleted(grid):
            return
        if self.role != "community_worker":
            message = _l("Only community workers are grid workers")
        elif ref_id(grid, "community") != ref_id(self, "community"):
            message = _l("The grid is not in the user's community")
        else:
            return
        raise ValidationError(errors={"grid": ValidationError(message)})
