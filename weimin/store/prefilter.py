"""Hash indexes for the embedded store, used as a first pass before mongomock's matcher.

mongomock has no indexes: every find, count, update and unique check runs its general matcher
on every document of the collection (tens of microseconds each), so a job that asks for each
community's demands in turn reads the whole collection once per community. Most of the
product's queries pin a top-level field to a value (`community`, `volunteer`, `_id`) or to a
list (`$in`). For those, a per-field hash index, built on first use and dropped on any write to
the collection, hands the matcher only the documents holding one of the values. Whatever the
index keeps still goes through mongomock's matcher, so results are unchanged.
"""

import functools
import threading

from bson import ObjectId

# Values whose equality and hash in Python are no stricter than MongoDB's equality.
_PLAIN = (ObjectId, str, int, float)
_LOOSE = object()  # the bucket of documents whose value an index cannot decide (arrays, …)
_lock = threading.Lock()
# Inside an update, its unique checks see documents changed in place that the index has not.
_updating = threading.local()


def _plain(value):
    return isinstance(value, _PLAIN) and not isinstance(value, bool)


def _conditions(spec, found):
    """Collect (field, allowed values) from a filter's top level and its $and."""
    for key, value in spec.items():
        if key == "$and" and isinstance(value, list):
            for part in value:
                if isinstance(part, dict):
                    _conditions(part, found)
        elif key.startswith("$") or "." in key:
            continue
        elif _plain(value):
            found.append((key, (value,)))
        elif isinstance(value, dict) and len(value) == 1:
            ((op, arg),) = value.items()
            if op == "$eq" and _plain(arg):
                found.append((key, (arg,)))
            elif op == "$in" and isinstance(arg, list) and arg and all(map(_plain, arg)):
                found.append((key, tuple(set(arg))))
    return found


class _Index:
    """One store version's documents by position, and by value of each field asked for."""

    def __init__(self, version, documents):
        self.version, self.documents = version, documents
        self.fields = {}

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
        self.documents.append(doc)
        for key, found in self.fields.items():
            self._file(found, key, len(self.documents) - 1, doc)

    @staticmethod
    def _file(found, key, position, doc):
        if key not in doc:
            return  # missing: cannot equal a plain value
        value = doc[key]
        found.setdefault(value if _plain(value) else _LOOSE, []).append(position)


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


def _scan(store, conditions):
    """Without the index: a dict lookup per document (for documents changed in place)."""
    documents = []
    for doc in list(store.documents):
        for key, allowed in conditions:
            value = doc.get(key, _LOOSE)
            if value is _LOOSE or _plain(value) and value not in allowed:
                break
        else:
            documents.append(doc)
    return documents


def candidates(store, spec):
    """The stored documents that may match spec, in stored order."""
    conditions = _conditions(spec, []) if isinstance(spec, dict) else []
    if not conditions:
        return list(store.documents)
    for key, allowed in conditions:
        if key == "_id" and len(allowed) == 1:
            return [store[allowed[0]]] if allowed[0] in store else []
    if getattr(_updating, "checking", False):
        return _scan(store, conditions)
    index = _index(store)
    best = None
    for key, allowed in conditions:
        buckets = index.field(key)
        positions = [p for value in allowed for p in buckets.get(value, ())]
        positions += buckets.get(_LOOSE, ())
        if best is None or len(positions) < len(best):
            best = positions
    documents = index.documents
    return [documents[p] for p in sorted(set(best))]


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
    from mongomock import store as mongomock_store
    from mongomock.filtering import filter_applies

    Store, Collection = mongomock_store.CollectionStore, mongomock_collection.Collection
    set_item, del_item, drop = Store.__setitem__, Store.__delitem__, Store.drop
    update, ensure_uniques = Collection._update, Collection._ensure_uniques

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

    def _update(self, *args, **kwargs):
        # An update changes stored documents in place: its unique checks scan without the
        # index, and the index goes once something changed.
        _updating.active, changed = True, True
        try:
            result = update(self, *args, **kwargs)
            changed = result.get("nModified") or result.get("updatedExisting")
            return result
        finally:
            _updating.active = False
            if changed:
                _bump(self._store)

    def _ensure_uniques(self, new_data):
        _updating.checking = getattr(_updating, "active", False)
        try:
            return ensure_uniques(self, new_data)
        finally:
            _updating.checking = False

    def _iter_documents(self, filter):
        if self._store.is_empty:
            filter_applies(filter, {})  # mongomock validates the filter even then
        return (d for d in candidates(self._store, filter) if filter_applies(filter, d))

    Store.__setitem__, Store.__delitem__, Store.drop = __setitem__, __delitem__, drop_store
    Collection._update, Collection._iter_documents = _update, _iter_documents
    Collection._ensure_uniques = _ensure_uniques
