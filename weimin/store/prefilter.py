"""Hash indexes for the embedded store, through which mongomock's scans and counts go.

mongomock has no indexes: every find, count, update and unique check runs its general matcher
on every document of the collection (tens of microseconds each), so a job that asks for each
community's demands in turn reads the whole collection once per community. Here a per-field
hash index (dates also in order), built on first use, follows inserts and in-place updates and
is dropped on any other write. index_plan answers a filter from these indexes with the exact
matching documents, testing with mongomock's matcher whatever they cannot decide; a count is
the size of the set found. A filter they cannot narrow at all is scanned as before.
"""

import functools
import math
import threading
from bisect import bisect_right
from datetime import datetime

from bson import ObjectId
from mongomock.filtering import filter_applies

from weimin.store import index_plan

# Values whose equality and hash in Python are no stricter than MongoDB's equality.
_PLAIN = (ObjectId, str, int, float)
_LOOSE = object()  # the bucket of documents whose value an index cannot decide (arrays, …)
_lock = threading.Lock()


def _plain(value):
    return isinstance(value, _PLAIN) and not isinstance(value, bool)


def _key(value):
    """The bucket a stored or queried value is filed under: itself, null, or _LOOSE."""
    if value is None or (_plain(value) and not (isinstance(value, float) and math.isnan(value))):
        return value  # NaN: MongoDB finds it by equality, Python's == does not
    if isinstance(value, datetime) and value.tzinfo is None:  # stored dates: naive UTC
        return value
    return _LOOSE


class _Index:
    """One store version's documents by position, and by value of each field asked for."""

    loose, key_of = _LOOSE, staticmethod(_key)

    def __init__(self, version, documents):
        self.version, self.documents = version, documents
        self.positions = {id(doc): n for n, doc in enumerate(documents)}
        self.fields, self.sorted, self.sets = {}, {}, {}

    def dates(self, key):
        """The field's dates in order, and the position of each (built on first use)."""
        found = self.sorted.get(key)
        if found is None:
            pairs = sorted(
                (value, p)
                for value, positions in self.field(key).items()
                if isinstance(value, datetime)
                for p in positions
            )
            found = self.sorted[key] = ([v for v, _p in pairs], [p for _v, p in pairs])
        return found

    def field(self, key):
        found = self.fields.get(key)
        if found is None:
            found = {}
            for position, doc in enumerate(self.documents):
                self._file(found, key, position, doc)
            self.fields[key] = found
        return found

    def append(self, doc):
        """Take in an inserted document (inserts need no rebuild)."""
        position = len(self.documents)
        self.positions[id(doc)] = position
        self.documents.append(doc)
        self.sets.clear()
        for key, found in self.fields.items():
            self._file(found, key, position, doc)
        for key, (dates, positions) in self.sorted.items():
            value = _key(doc.get(key))
            if isinstance(value, datetime):  # kept in order: no re-sort per insert
                at = bisect_right(dates, value)
                dates.insert(at, value)
                positions.insert(at, position)

    def values(self, doc):
        return {key: doc.get(key, _LOOSE) for key in self.fields}

    def refile(self, doc, before):
        """Move a document changed in place to the buckets of its new values."""
        position = self.positions.get(id(doc))
        if position is None:
            return  # an upsert's new document: filed when it is inserted
        for key, old in before.items():
            old, new = _key(None if old is _LOOSE else old), _key(doc.get(key))  # missing: null
            if old is _LOOSE or new is _LOOSE:
                self.sets.clear()  # a value tested, not filed (an array may change in place)
            if new is old or new == old:
                continue  # the same bucket (True == 1 in Python, but not their buckets)
            found = self.fields[key]
            found[old].remove(position)
            self._file(found, key, position, doc)
            self.sorted.pop(key, None)
            self.sets.clear()  # the sets found through this field (and their conjunctions)

    @staticmethod
    def _file(found, key, position, doc):
        value = doc.get(key)  # missing files with null: `{key: None}` matches both
        found.setdefault(_key(value), []).append(position)


def _index(store):
    """The store's index for its current contents (rebuilt after any write)."""
    index = getattr(store, "_weimin_index", None)
    version = getattr(store, "_weimin_version", 0)
    if index is not None and index.version == version:
        return index
    index = _Index(version, list(store.documents))
    with _lock:
        if getattr(store, "_weimin_version", 0) == version:
            store._weimin_index = index
    return index


def _by_id(store, spec):
    """The document spec picks by its primary key (no index needed); None: spec names none."""
    if not isinstance(spec, dict) or not _plain(spec.get("_id")):
        return None
    found = store[spec["_id"]] if spec["_id"] in store else None
    return [found] if found is not None and filter_applies(spec, found) else []


def matching(store, spec):
    """The stored documents matching spec (naive UTC dates), by reference, in stored order."""
    found = _by_id(store, spec)
    if found is not None:
        return found
    index = _index(store)
    positions = index_plan.plan(index, spec)
    if positions is None:  # nothing the indexes can narrow by
        return [d for d in list(store.documents) if filter_applies(spec, d)]
    return [index.documents[p] for p in sorted(positions)]


def count(store, spec):
    """How many stored documents match spec, or None when only a full scan can tell."""
    found = _by_id(store, spec)
    if found is not None:
        return len(found)
    positions = index_plan.plan(_index(store), spec)
    return None if positions is None else len(positions)


def _bump(store, inserted=None):
    """A write: drop the store's index, or hand it the one document inserted."""
    with _lock:
        index = getattr(store, "_weimin_index", None)
        version = getattr(store, "_weimin_version", 0)
        store._weimin_version = version + 1
        if inserted is not None and index is not None and index.version == version:
            index.append(inserted)
            index.version = version + 1
        else:
            store._weimin_index = None


@functools.cache
def install():
    """Route mongomock's document scans through the indexes (once per process)."""
    from mongomock import collection as mongomock_collection
    from mongomock import helpers
    from mongomock import store as mongomock_store

    Store, Collection = mongomock_store.CollectionStore, mongomock_collection.Collection
    set_item, del_item, drop = Store.__setitem__, Store.__delitem__, Store.drop
    update, apply = Collection._update, Collection._apply_update_document
    count_documents = Collection.count_documents

    def __setitem__(self, key, value):
        new = key not in self._documents
        set_item(self, key, value)
        _bump(self, inserted=value if new else None)

    def __delitem__(self, key):
        del_item(self, key)
        _bump(self)

    def drop_store(self):
        drop(self)
        _bump(self)

    def _update(self, spec, document, *args, **kwargs):
        try:
            result = update(self, spec, document, *args, **kwargs)
        except Exception:
            _bump(self._store)  # a half-applied or rolled-back update: rebuild to be sure
            raise
        if isinstance(document, list):
            _bump(self._store)  # a pipeline rewrites documents outside _apply: rebuild
        return result

    def _apply(self, document, *args, **kwargs):
        # An update changes a stored document in place: move it to its new buckets.
        store = self._store
        index = getattr(store, "_weimin_index", None)
        before = index.values(document) if index is not None else None
        result = apply(self, document, *args, **kwargs)
        if index is not None:
            with _lock:
                if store._weimin_index is index:
                    index.refile(document, before)
        return result

    def _iter_documents(self, filter):
        filter_applies(filter, {})  # mongomock validates the filter, even with nothing to test
        return iter(matching(self._store, filter))

    def count_indexed(self, filter, **kwargs):
        # The indexes answer a count by the size of the matching set, no document read.
        found = None
        if not kwargs and isinstance(filter, dict):
            spec = helpers.patch_datetime_awareness_in_document(filter)
            filter_applies(spec, {})  # mongomock validates the filter
            found = count(self._store, spec)
        return count_documents(self, filter, **kwargs) if found is None else found

    Store.__setitem__, Store.__delitem__, Store.drop = __setitem__, __delitem__, drop_store
    Collection.count_documents = count_indexed
    Collection._update, Collection._iter_documents = _update, _iter_documents
    Collection._apply_update_document = _apply
