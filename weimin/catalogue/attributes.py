"""Which attributes of a field definition each field type uses.

The table itself sits beside FieldDef (models.field_def.USED_BY), whose checks need it; the
item form hides the inputs a type does not use (catalogue-fields.js, given `for_page()`) and
the server clears whatever those inputs still hold (`unused`).
"""

from models.field_def import TYPES, USED_BY, uses


def for_page():
    """{attribute: [types using it]} for the item form's script; unlisted attributes: all."""
    return {key: list(kinds) for key, kinds in USED_BY.items()}


def unused(kind):
    """The attributes a field of type `kind` does not use (all optional ones for an unknown
    type, whose definition is refused anyway)."""
    if kind not in TYPES:
        return ()
    return tuple(key for key in USED_BY if not uses(kind, key))


def empty_value(key):
    """What an unused attribute is cleared to."""
    return [] if key == "choices" else None
