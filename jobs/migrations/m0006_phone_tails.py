"""Give every demand the last four digits of its resident's phone (phone_tail).

The demand list finds a demand by the last four digits a resident quotes on the phone; a
suffix match on the whole number can use no index, so the digits are kept in their own indexed
field, filled on every save. Demands stored before it existed get it here. Idempotent: a demand
with its tail is not matched again, and each update is conditional on the tail still missing.
"""

from models import Demand
from models.validators import phone_tail
from weimin.store.batches import batches, update_each
from weimin.store.migrations import Migration

QUERY = {"phone_tail": None, "resident_phone": {"$type": "string"}}
PROJECTION = {"resident_phone": 1}


def run(progress):
    """Set phone_tail on the demands stored before it was kept."""
    collection = Demand._get_collection()
    for batch in batches(collection, QUERY, PROJECTION):
        updates = [
            ({"_id": doc["_id"], "phone_tail": None}, {"$set": {"phone_tail": tail}})
            for doc in batch
            if (tail := phone_tail(doc.get("resident_phone")))
        ]
        progress.add(scanned=len(batch), filled=update_each(collection, updates))


MIGRATION = Migration("0006", "phone tails", __doc__, run)
