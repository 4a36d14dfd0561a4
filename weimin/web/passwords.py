"""The password policy for every account, wherever its password is set."""

from argon2 import PasswordHasher, profiles
from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError

MIN_LENGTH = 10
COMMON = {"password123", "1234567890", "qwertyuiop", "admin12345", "abc1234567", "a123456789"}


def password_problems(password, username=None):
    """Reasons the password is not acceptable; empty when it is."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(_l("Use at least %(n)d characters.", n=MIN_LENGTH))
    kinds = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if kinds < 3:
        problems.append(
            _l("Mix at least three of: lower-case, upper-case, digits and other characters.")
        )
    if password.lower() in COMMON or (username and username.lower() in password.lower()):
        problems.append(_l("Too easy to guess; do not use the username or a common password."))
    return problems


def require_good_password(password, username=None, field="password"):
    """Refuse a password the policy rejects, with its reasons as the form field's message."""
    problems = password_problems(password, username)
    if problems:
        message = " ".join(str(p) for p in problems)
        raise ValidationError(errors={field: ValidationError(message)})


def set_good_password(user, password, field="password"):
    """Give the user this password once the policy accepts it (the one way to set one)."""
    require_good_password(password, user.username, field)
    user.set_password(password)


def hasher_for(config):
    """argon2's normal cost profile; its cheapest under TESTING, where hashing dominated."""
    if config.get("TESTING"):
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher()
