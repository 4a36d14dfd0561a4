"""Let the rule set's response time apply where a catalogue item set none.

CatalogueItem.response_hours used to default to 24, so every item carried 24 hours and shadowed
the rule set's first-response time for its handling level: changing that time in the rule set
changed nothing. An item's own response time now applies only where the item sets one (RULES.md,
"Response time"), and the field has no default. This unsets response_hours where it is 24 on
the catalogue items (district templates and street copies alike).

An explicit 24 cannot be told from the old default: an item whose 24 hours was meant loses it
and follows the rule set (24 hours by default, so nothing changes unless the rule set differs).
The README's upgrade notes tell admins to set it again where it was meant.

The version snapshots (catalogue_item_versions) are left alone: they hold only the field
definitions of each version, not response_hours, and they are history by design. Demands keep
the response_due_at worked out at their intake, as figures of the past stay as they were.
Idempotent: an item without response_hours is not matched again.
"""

from models import CatalogueItem
from weimin.store.migrations import Migration


def run(progress):
    """Unset response_hours where it holds the old default, 24."""
    result = CatalogueItem._get_collection().update_many(
        {"response_hours": 24}, {"$unset": {"response_hours": ""}}
    )
    progress.add(unset=result.modified_count)


MIGRATION = Migration("0003", "catalogue response hours", __doc__, run)
