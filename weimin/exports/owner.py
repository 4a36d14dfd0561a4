"""Whose export it is: the owner's role and area, kept with the description.

The owner's scope is resolved in the request (the list's own scope filter) and kept with the
description; the worker builds the file only while the owner's role and area are unchanged.
Personal data in the rows is shown as weimin.access.shown shows it to the owner.
"""

from models import User
from weimin.access import ref_id


def scope_key(user):
    """What decides what a user may see in an export: role and street, community, volunteer."""
    parts = [user.role] + [
        str(ref_id(user, name) or "") for name in ("street", "community", "volunteer")
    ]
    return ":".join(parts)


def may_still_export(description, user):
    """True while the owner is active with the role and area the export was asked with."""
    return isinstance(user, User) and user.is_active and scope_key(user) == description.scope
