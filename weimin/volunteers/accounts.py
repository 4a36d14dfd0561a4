"""A volunteer's self-service sign-in (/me/): one User with the volunteer role per volunteer."""

from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError

from models import User
from weimin.web.passwords import require_good_password, set_good_password


def _field_error(name, message):
    return ValidationError(errors={name: ValidationError(message)})


def check_login(volunteer, username, password):
    """Refuse a username someone else has, a new sign-in without a password, a weak password."""
    username = (username or "").strip()
    if not username:
        return
    taken = User.objects(username=username).first()
    if taken and (volunteer.pk is None or taken.volunteer is None or taken.volunteer != volunteer):
        raise _field_error("login_username", _l("This username is already taken"))
    linked = User.objects(volunteer=volunteer.pk).first() if volunteer.pk else None
    if linked is None and not password:
        raise _field_error("login_password", _l("A new login needs a password"))
    if password:
        require_good_password(password, username, "login_password")


def provide_login(volunteer, username, password):
    """Create or update the volunteer's sign-in; without a username nothing changes."""
    username = (username or "").strip()
    if not username:
        return None
    login = User.objects(volunteer=volunteer).first() or User(role="volunteer", volunteer=volunteer)
    login.username, login.name = username, volunteer.name
    if password:
        set_good_password(login, password, "login_password")
    return login.save()


def login_name(volunteer_id):
    """The username the volunteer signs in with, or ""."""
    login = User.objects(volunteer=volunteer_id).only("username").first()
    return login.username if login else ""
