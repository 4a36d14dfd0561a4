"""People by their names: fields that keep who acted hold a username; pages show the name."""

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from models import User

# Fields that keep the username of whoever acted (entered, decided, published, requested …).
PERSON_FIELDS = frozenset(
    (
        "by",
        "entered_by",
        "decided_by",
        "published_by",
        "archived_by",
        "requested_by",
        "created_by",
        "recorded_by",
    )
)  # the audit trail's actor stays the account it was: its filter matches usernames

# Who acts without an account: the product itself, the command line, a resident's link.
NOT_PEOPLE = {
    "system": _l("System"),
    "schedule": _l("Schedule"),
    "cli": _l("Command line"),
    "migration": _l("Data migration"),
    "resident": _l("Resident, by the evaluation link"),
}


def person(username):
    """The account's name for a username; the text itself when no account has it (a job)."""
    if not username or not isinstance(username, str) or isinstance(username, Markup):
        return username or ""
    names = g.setdefault("person_names", {}) if has_request_context() else {}
    if username in NOT_PEOPLE:
        return NOT_PEOPLE[username]
    if username not in names:
        user = User.objects(username=username).only("name").first()
        names[username] = (user.name if user is not None else None) or username
    return names[username]


def remember_people(usernames):
    """Load the names of these accounts in one query, for `person` in this request."""
    if not has_request_context():
        return
    names = g.setdefault("person_names", {})
    wanted = {u for u in usernames if u and u not in names and u not in NOT_PEOPLE}
    if wanted:
        found = dict(User.objects(username__in=sorted(wanted)).scalar("username", "name"))
        names.update({u: found.get(u) or u for u in wanted})


def init_people_names(app):
    """Templates write `by|person`."""
    app.add_template_filter(person, "person")
