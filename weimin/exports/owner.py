"""Who the rows of an export are for: the one place the export path asks the access rules.

The owner's scope is resolved in the request (the list's own scope filter) and kept with
the description together with the owner's role and area; the worker builds the file only
while these are unchanged, and masks personal data as weimin.access says for the owner.
"""

from models import User
from weimin.access import mask_address, personal_value, ref_id, resident_contact

# Who sees the identifier fields (phone, ID number) of a demand's own values in full.
ITEM_IDENTIFIERS_MASKED_FOR = {"supervisor"}


def scope_key(user):
    """What decides what a user may see in an export: role and street, community, volunteer."""
    parts = [user.role] + [
        str(ref_id(user, name) or "") for name in ("street", "community", "volunteer")
    ]
    return ":".join(parts)


def may_still_export(description, user):
    """True while the owner is active with the role and area the export was asked with."""
    return isinstance(user, User) and user.is_active and scope_key(user) == description.scope


def personal(user, volunteer, field):
    """A volunteer's identifier field as the owner may see it."""
    return personal_value(user, volunteer, field)


def resident_phone(user, value):
    return resident_contact(user, value)


def resident_address(user, value):
    return resident_contact(user, value, mask_address)


def masks_item_identifiers(user):
    """True when the owner sees a demand's phone and ID-number values masked."""
    return getattr(user, "role", None) in ITEM_IDENTIFIERS_MASKED_FOR
