"""Bulk writes for the demo data: validated documents in, batches out."""

import logging
from contextlib import contextmanager

log = logging.getLogger(__name__)

BATCH = 2000


@contextmanager
def _bulk_load(model):
    """On mongomock, drop unique indexes during a bulk insert and rebuild them afterwards.

    mongomock checks a unique index by scanning the whole collection for each inserted row, so
    20,000 rows take minutes; rebuilding the index checks all rows once. A real MongoDB keeps
    its indexes.
    """
    collection = model._get_collection()
    if type(collection).__module__.split(".")[0] != "mongomock":
        yield collection
        return
    info = collection.index_information()
    for name in [n for n, spec in info.items() if spec.get("unique") and n != "_id_"]:
        collection.drop_index(name)
    try:
        yield collection
    finally:
        model.ensure_indexes()


def insert(model, docs):
    """Insert validated documents in batches."""
    if not docs:
        return
    with _bulk_load(model) as collection:
        for first in range(0, len(docs), BATCH):
            rows = [doc.to_mongo() for doc in docs[first : first + BATCH]]
            collection.insert_many(rows, ordered=False)
    log.info("demo data: %d %s", len(docs), model._meta["collection"])
