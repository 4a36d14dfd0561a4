"""Connect mongoengine to MongoDB or to the embedded in-process store."""

import contextlib
import datetime
import functools
import itertools
import logging
import threading
from collections import Counter
from types import SimpleNamespace

import mongoengine
from bson import ObjectId
from pymongo.uri_parser import parse_uri

from models import ALL_DOCUMENTS, memo
from weimin.config import embedded
from weimin.store import copies, prefilter

log = logging.getLogger(__name__)


def init_db(app):
    """Connect the default alias for this app, replacing any earlier connection."""
    cfg = app.config
    mongoengine.disconnect_all()
    memo.forget()  # another store (each test app has its own): nothing remembered holds
    if embedded(cfg):
        mongoengine.connect(
            db=cfg["MONGODB_DB"],
            host="mongodb://localhost",
            mongo_client_class=_embedded_client_class(),
            uuidRepresentation="standard",
            tz_aware=True,
        )
        app.extensions["weimin_store"] = "embedded"
        log.info("using the embedded in-process demo store (data is not kept)")
    else:
        uri = cfg["MONGODB_URI"]
        db_name = parse_uri(uri).get("database") or cfg["MONGODB_DB"]
        mongoengine.connect(db=db_name, host=uri, uuidRepresentation="standard", tz_aware=True)
        app.extensions["weimin_store"] = "mongodb"
    ensure_indexes()


@functools.cache
def _embedded_client_class():
    """mongomock's client, made acceptable to pymongo's GridFS (export files live there)."""
    import mongomock
    from mongomock.gridfs import enable_gridfs_integration

    enable_gridfs_integration()  # lets gridfs take mongomock databases and collections
    prefilter.install()  # equality and $in conditions tested by a dict lookup first
    copies.install()  # stored dates and ids handed out as they are, not copied

    class EmbeddedClient(mongomock.MongoClient):
        # GridFS reads client.options.timeout; mongomock would answer with a collection.
        options = SimpleNamespace(timeout=None)

    return EmbeddedClient


def embedded_store():
    """True when the default connection is the in-process store (mongomock)."""
    import mongomock

    return isinstance(mongoengine.get_connection(), mongomock.MongoClient)


def _matching(collection, spec):
    """The embedded store's documents that match spec, by reference and in stored order.

    mongomock's own cursor copies every match up front and then slices the remaining results
    on every next(), which makes one pass over N documents cost O(N²).
    """
    from mongomock import helpers

    spec = helpers.patch_datetime_awareness_in_document(spec)  # stored dates are naive UTC
    return prefilter.matching(collection._store, spec)


def distinct_values(query, field):
    """The distinct raw values (ids stay ids) of a top-level field among a queryset's records.

    MongoDB answers with distinct; on the embedded store the matches are read in place rather
    than copied (ids, strings and numbers are immutable; dates come back aware, as they would).
    """
    if query._none or query._empty:
        return []
    collection, flt = query._collection, query._query
    if not embedded_store():
        return collection.distinct(field, flt)
    from mongomock import helpers

    found = {d[field] for d in _matching(collection, flt) if d.get(field) is not None}
    if collection.codec_options.tz_aware:
        return [helpers.make_datetime_timezone_aware_in_document(v) for v in found]
    return list(found)


def counts_by(collection, match, keys):
    """{key: {value: how many matching documents hold it}} for each top-level key.

    MongoDB groups on the server. mongomock's aggregate copies the whole collection before its
    first stage, so on the embedded store the matches are counted in place.
    """
    if embedded_store():
        found = _matching(collection, match)
        return {key: dict(Counter(d.get(key) for d in found)) for key in keys}
    result = {}
    for key in keys:
        rows = collection.aggregate(
            [{"$match": match}, {"$group": {"_id": f"${key}", "n": {"$sum": 1}}}]
        )
        result[key] = {row["_id"]: row["n"] for row in rows}
    return result


def in_total_order(queryset):
    """Sort as asked, then by _id, so that records tying on the sort keep one order.

    Without a unique last key MongoDB may return ties in any order, and a record then shows
    on two pages or on none. The tie-break runs the way the last key runs (newest first).
    """
    ordering = queryset._ordering
    if ordering is None:  # no order_by(): the Document's meta ordering applies
        ordering = queryset._get_order_by(queryset._document._meta.get("ordering") or [])
    ordering = list(ordering)
    if any(key == "_id" for key, _direction in ordering):
        return queryset
    direction = ordering[-1][1] if ordering else 1
    if not isinstance(direction, int):  # a $meta sort (text score) decides by itself
        return queryset
    ordered = queryset.clone()
    ordered._ordering = [*ordering, ("_id", direction)]
    return ordered


def stream(queryset, batch_size=1000):
    """The raw documents of a queryset (filter, order, projection) one at a time, uncached.

    A sorted queryset is streamed in total order (in_total_order). MongoDB's cursor sends
    them in batches. The embedded store's cursor copies every matching
    document before it returns the first, so there they are matched and ordered by reference
    and copied one at a time: a long export then holds one row, not the whole result.
    """
    if queryset._none or queryset._empty:  # .none() (nothing in scope) or limit(0) slices
        return
    if queryset._ordering or queryset._ordering is None and queryset._document._meta["ordering"]:
        queryset = in_total_order(queryset)  # unsorted streams promise no order: no sort added
    cursor = queryset.clone().no_cache().as_pymongo()._cursor
    if not embedded_store() or any(key.startswith("$") for key, _dir in cursor._sort or ()):
        try:
            yield from cursor.batch_size(batch_size)
        finally:
            cursor.close()
        return
    from mongomock import filtering, helpers

    collection, spec = cursor.collection, cursor._spec
    found = _matching(collection, spec)
    for key, direction in reversed(cursor._sort or ()):  # stable sorts, last key first
        found.sort(key=_sort_key(found, key), reverse=direction < 0)
    stop = cursor._skip + abs(cursor._limit) if cursor._limit else None
    aware = collection.codec_options.tz_aware
    for document in itertools.islice(found, cursor._skip, stop):
        if not filtering.filter_applies(spec, document):
            continue  # changed since the scan: like a cursor, only what still matches
        copy = collection._copy_only_fields(document, cursor._projection, dict)
        yield helpers.make_datetime_timezone_aware_in_document(copy) if aware else copy


# Types Python orders as MongoDB does (no collation): strings by code point, which is UTF-8's
# byte order; ids by their bytes; whole numbers; the store's naive UTC dates.
_NATIVE_ORDER = (str, ObjectId, int, datetime.datetime)


def _sort_key(documents, key):
    """The sort key for one field of the embedded store's documents: the values themselves when
    every document holds one of the same plain type, compared natively; otherwise mongomock's
    own BSON comparison (mixed types, missing fields, arrays, booleans, floats with NaN…)."""
    from mongomock import filtering

    values = [filtering.resolve_key(key, d) for d in documents]
    kinds = {type(v) for v in values}
    if len(kinds) == 1:
        (kind,) = kinds
        if kind in _NATIVE_ORDER and not (
            kind is datetime.datetime and any(v.tzinfo is not None for v in values)
        ):
            by_position = {id(d): v for d, v in zip(documents, values, strict=True)}
            return lambda d: by_position[id(d)]
    return lambda d: filtering.resolve_sort_key(key, d)


def ensure_indexes():
    """Create every index declared in the models' meta."""
    for doc in ALL_DOCUMENTS:
        doc.ensure_indexes()


def database():
    """The pymongo Database behind the default alias."""
    return mongoengine.get_db()


_embedded_write_lock = threading.Lock()


def conditional_write():
    """Serialise check-and-set writes on the embedded store.

    MongoDB applies a filtered update atomically; mongomock matches and writes in two steps,
    so on the embedded store the same guarantee needs a process lock.
    """
    if embedded_store():
        return _embedded_write_lock
    return contextlib.nullcontext()
