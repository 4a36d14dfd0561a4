"""Personal data as a user may see it: one entry point, `shown(user, record, field)`.

In full for the staff over the record (the district admin, its street's admin, its community's
worker) and for a volunteer looking at their own record; masked for everyone else — supervisors,
other streets and communities, anonymous visitors (Art. 16). Pages, exports and API responses
all go through `shown`.
"""

from weimin.access.policy import VOLUNTEER, role_of
from weimin.access.scope import oversees, ref_id


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


def mask_address(value):
    """Keep the estate, hide the building and flat: 幸福小区****."""
    if not value:
        return value
    cut = max(value.find("小区"), value.find("苑"), value.find("村"))
    return value[: cut + 2] + "****" if cut > 0 else value[:4] + "****"


# Personal fields by name (a volunteer's, a resident's on a demand) or by catalogue field type.
MASKS = {
    "id_number": mask_id,
    "phone": mask_phone,
    "birth_date": mask_birth_date,
    "resident_phone": mask_phone,
    "resident_address": mask_address,
    "holder_name": mask_name,
    # A fund's donors and sponsors: people's names unless they agreed to be named (below).
    "donor": mask_name,
    "sponsor": mask_name,
    # Whoever raised a deliberation topic.
    "raiser_phone": mask_phone,
    # Whoever brought an objection to an award on paper.
    "objector_phone": mask_phone,
}
# A name the record says its owner agreed to show is not masked: {field: flag field}.
AGREED = {"donor": "donor_public", "sponsor": "sponsor_public"}
PERSONAL_FIELDS = ("id_number", "phone")
_UNSET = object()


def sees_in_full(user, record):
    """True when this user needs the record's personal data in full."""
    if role_of(user) == VOLUNTEER:
        own = ref_id(user, "volunteer")
        return own is not None and own == (
            record.get("_id") if isinstance(record, dict) else record.pk
        )
    return oversees(user, record)


def shown(user, record, field, value=_UNSET, kind=None):
    """The value of `record`'s `field` as `user` may see it.

    `record` is a Document or a raw record; `value` defaults to the record's own; `kind` names
    the mask when the field's name does not (a catalogue field of type "phone" or "id_number"
    held in a demand's values).
    """
    if value is _UNSET:
        value = record.get(field) if isinstance(record, dict) else getattr(record, field)
    mask = MASKS.get(kind or field)
    if mask is None or sees_in_full(user, record) or _agreed(record, kind or field):
        return value
    return mask(value)


def _agreed(record, field):
    flag = AGREED.get(field)
    if flag is None:
        return False
    return bool(record.get(flag) if isinstance(record, dict) else getattr(record, flag, False))


def public_name(record, field="name"):
    """A person's name as the public sees it: a certificate checked by anyone at /verify/."""
    return shown(None, record, field, kind="holder_name")
