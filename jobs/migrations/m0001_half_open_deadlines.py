"""Move deadlines stored as 23:59:59 of the due day to 00:00 of the next day.

A deadline "N working days after receipt" ends when that working day ends, and lateness is now
judged on a half-open interval: closing at any instant before 00:00 (Asia/Shanghai) of the next
day is on time. Older versions stored the deadline as 23:59:59.000 local of the due day, so a
close in the last second of the day counted late, and every comparison had to know about the
missing second. This moves Demand.deadline_at, and the deadline_at of each timeline step (the
deadline history), by one second where it is exactly 23:59:59.000 local.

Only exactly 23:59:59 with no fraction moves. A wish's claim window ends at its posting instant
plus N days, so it may end at any time of day; that it is 23:59:59.000 exactly would need a wish
posted in that very millisecond, which practically never happens — any other deadline stays as
it is. Idempotent by construction: a moved value is 00:00:00 and is not matched again. Each
update also filters on the values it read, so a demand changed meanwhile is left for the next
run rather than overwritten.
"""

from datetime import UTC, timedelta

from models import Demand
from models.base import TZ
from weimin.store.batches import batches, update_each
from weimin.store.migrations import Migration

OLD_END_OF_DAY = (23, 59, 59, 0)
SHIFT = timedelta(seconds=1)
QUERY = {"$or": [{"deadline_at": {"$exists": True}}, {"timeline.deadline_at": {"$exists": True}}]}
PROJECTION = {"deadline_at": 1, "timeline.deadline_at": 1}


def is_old_end_of_day(value):
    """True for an instant that is exactly 23:59:59.000 in Asia/Shanghai."""
    if value is None:
        return False
    if value.tzinfo is None:  # the store's naive values are UTC
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(TZ)
    return (local.hour, local.minute, local.second, local.microsecond) == OLD_END_OF_DAY


def update_for(doc):
    """(filter, update) that moves this demand's old deadlines, or None when it has none."""
    found = {}
    if is_old_end_of_day(doc.get("deadline_at")):
        found["deadline_at"] = doc["deadline_at"]
    for position, step in enumerate(doc.get("timeline") or []):
        if is_old_end_of_day(step.get("deadline_at")):
            found[f"timeline.{position}.deadline_at"] = step["deadline_at"]
    if not found:
        return None
    moved = {key: value + SHIFT for key, value in found.items()}
    return {"_id": doc["_id"], **found}, {"$set": moved}


def run(progress):
    """Move every old end-of-day deadline by one second, a batch of demands at a time."""
    collection = Demand._get_collection()
    for batch in batches(collection, QUERY, PROJECTION):
        updates = [u for u in map(update_for, batch) if u is not None]
        progress.add(scanned=len(batch), moved=update_each(collection, updates))


MIGRATION = Migration("0001", "half-open deadlines", __doc__, run)
