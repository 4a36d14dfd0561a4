"""Rewriting stored documents a batch at a time, as the data migrations do."""

from pymongo import UpdateOne

from weimin.store.db import embedded_store

BATCH = 500


def batches(collection, query, projection, size=BATCH):
    """The documents matching query in _id order, a list of up to size at a time.

    Each batch is a fresh query after the last _id seen, so no cursor stays open while a batch
    is written and a run that stops anywhere is simply started again.
    """
    last = None
    while True:
        where = query if last is None else {"$and": [query, {"_id": {"$gt": last}}]}
        found = list(collection.find(where, projection).sort("_id", 1).limit(size))
        if not found:
            return
        yield found
        last = found[-1]["_id"]


def update_each(collection, updates):
    """Apply (filter, update) pairs as one unordered bulk of UpdateOne; how many changed.

    mongomock's bulk_write does not accept the UpdateOne of the pymongo we pin, so on the
    embedded store the same updates are applied one by one.
    """
    if not updates:
        return 0
    if embedded_store():
        return sum(collection.update_one(flt, change).modified_count for flt, change in updates)
    ops = [UpdateOne(flt, change) for flt, change in updates]
    return collection.bulk_write(ops, ordered=False).modified_count
