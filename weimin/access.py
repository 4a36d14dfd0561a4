"""Who sees a volunteer's ID number, phone and birth date in full (Art. 16); others see masks.

Full: the district admin; the street admin of the volunteer's street; the community worker of
the volunteer's community; the volunteer themself. Masked: supervisors, other streets and
communities, anonymous visitors. Every page and every export goes through `personal_value`.
"""

from bson import DBRef

PERSONAL_FIELDS = ("id_number", "phone")


def mask_id(value):
    """Show the region and the last four only: 3301**********123X."""
    return f"{value[:4]}{'*' * 10}{value[-4:]}" if value and len(value) == 18 else value


def mask_phone(value):
    """Show the first three and the last four digits: 138****8000."""
    return f"{value[:3]}****{value[-4:]}" if value and len(value) >= 11 else value


def mask_name(value):
    """Keep the surname only: 张*, 欧阳** (for public pages)."""
    if not value:
        return value
    keep = 2 if len(value) >= 4 else 1
    return value[:keep] + "*" * (len(value) - keep)


def mask_birth_date(value):
    """Keep the year only: a full date next to a masked ID number would give most of it back."""
    return f"{value.year}年" if value else value


MASKS = {"id_number": mask_id, "phone": mask_phone, "birth_date": mask_birth_date}


def ref_id(doc, name):
    """The id a reference field holds, without loading the referenced document."""
    value = doc._data.get(name) if doc is not None else None
    if isinstance(value, DBRef):
        return value.id
    return getattr(value, "pk", value)


def sees_full(user, volunteer):
    """True when this user needs the volunteer's identifiers in full."""
    role = getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None
    if role == "district_admin":
        return True
    if role == "street_admin":
        return ref_id(user, "street") == ref_id(volunteer, "street")
    if role == "community_worker":
        return ref_id(user, "community") == ref_id(volunteer, "community")
    if role == "volunteer":
        return ref_id(user, "volunteer") == volunteer.pk
    return False


def personal_value(user, volunteer, field):
    """The value of an identifier field as this user may see it."""
    value = getattr(volunteer, field)
    if field not in MASKS or sees_full(user, volunteer):
        return value
    return MASKS[field](value)


# Roles that call residents back and so see their phone and address in full.
RESIDENT_CONTACT_ROLES = {"district_admin", "street_admin", "community_worker"}


def resident_contact(user, value, mask=mask_phone):
    """A resident's phone (or address) as this user may see it."""
    role = getattr(user, "role", None)
    return value if role in RESIDENT_CONTACT_ROLES else mask(value)


def mask_address(value):
    """Keep the estate, hide the building and flat: 幸福小区****."""
    if not value:
        return value
    cut = max(value.find("小区"), value.find("苑"), value.find("村"))
    return value[: cut + 2] + "****" if cut > 0 else value[:4] + "****"
