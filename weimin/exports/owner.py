"""Whose export it is: the owner's role and area, kept with the description.

The owner's scope is resolved in the request (the list's own scope filter) and kept with the
description; the worker builds the file only while the owner's role and area are unchanged.
Personal data in the rows is shown as weimin.access.shown shows it to the owner.
"""

from models import User
from weimin.access import area_key


def may_still_export(description, user):
    """True while the owner is active with the role and area the export was asked with."""
    return isinstance(user, User) and user.is_active and area_key(user) == description.scope
