"""The leaves of an index plan: one top-level field's condition, answered from its index.

A condition on a field is a list of atoms: ("in", values), ("nin", values) and ("range", low,
low included, high, high included) on dates. Values the index files (ids, strings, numbers,
naive UTC dates, null for null or missing) are decided from its buckets; a document whose value
it does not file (an array, a sub-document, a boolean, …) is tested with mongomock's matcher.
"""

from bisect import bisect_left, bisect_right
from datetime import datetime

from mongomock.filtering import filter_applies

_SETS = ("$eq", "$in", "$nin", "$ne")
_KEPT = 16  # the sets kept with an index hold at most this many collections' worth of positions
_SETS_KEPT = 64  # and there are at most this many of them
_RANGES = {"$gt": (True, False), "$gte": (True, True), "$lt": (False, False), "$lte": (False, True)}


def _decided(value, key_of, loose):
    """(the index key of a query value,), or None when the indexes cannot compare it."""
    key = key_of(value)
    return None if key is loose else (key,)


class Node:
    """A part of a filter; the set it names is kept with the index until the next write."""

    index = name = None

    def estimate(self):
        kept = self.index.sets.get(self.name) if self.name is not None else None
        return self._estimate() if kept is None else len(kept)

    def cached(self):
        return self.name is not None and self.name in self.index.sets

    def positions(self):
        """The matching positions (shared with later queries: never change the set)."""
        if self.name is None:
            return self._positions()
        sets = self.index.sets
        found = sets.pop(self.name, None)
        if found is None:
            found = self._positions()
            # Keep at most _SETS_KEPT sets holding a few collections' worth of positions: drop the
            # least recently used first. (Both bounds: a run of queries with no write between
            # them, such as an import's duplicate checks, must not make each query slower.)
            limit = _KEPT * len(self.index.documents) - len(found)
            kept = list(sets.items())  # a copy: another request's thread may add to it
            if len(kept) < _KEPT:  # each set holds at most one collection's worth
                sets[self.name] = found
                return found
            held = {id(v): len(v) for _k, v in kept}  # a set kept under two names counts once
            total = sum(held.values())
            while kept and (len(kept) >= _SETS_KEPT or total > limit):
                name, dropped = kept.pop(0)
                sets.pop(name, None)
                if all(v is not dropped for _k, v in kept):
                    total -= held.pop(id(dropped), 0)
        sets[self.name] = found  # (re)inserted last: the most recently used
        return found


class Field(Node):
    """One top-level field's condition, as value sets and date bounds on its index."""

    def __init__(self, index, key, cond, atoms):
        self.index, self.key, self.cond, self.atoms = index, key, cond, atoms
        self.buckets = index.field(key)
        self.name = ("field", key, tuple(atoms))

    def _bucket_sizes(self, values):
        return sum(len(self.buckets.get(v, ())) for v in values)

    def _estimate(self):
        size = len(self.index.documents)
        for atom in self.atoms:
            if atom[0] == "in":
                size = min(size, self._bucket_sizes(atom[1]))
            elif atom[0] == "range":
                _positions, start, stop = self._span(atom)
                size = min(size, max(stop - start, 0))  # no copy of the span to measure it
        return size + len(self.buckets.get(self.index.loose, ()))

    def _span(self, atom):
        """The field's positions in date order, and where the range's dates start and stop."""
        _kind, low, low_in, high, high_in = atom
        dates, positions = self.index.dates(self.key)
        start, stop = 0, len(dates)
        if low is not None:
            start = (bisect_left if low_in else bisect_right)(dates, low)
        if high is not None:
            stop = (bisect_right if high_in else bisect_left)(dates, high)
        return positions, start, stop

    def _dated(self, atom):
        positions, start, stop = self._span(atom)
        return positions[start:stop]

    def _positions(self):
        found = set.intersection(*sorted(map(self._atom_set, self.atoms), key=len))
        return found | {p for p in self.buckets.get(self.index.loose, ()) if self.test(p)}

    def _atom_set(self, atom):
        if atom[0] == "range":
            return set(self._dated(atom))
        found = set().union(*(self.buckets.get(v, ()) for v in atom[1]))
        if atom[0] == "in":
            return found
        # nin: every document the index decides, but those holding one of the values
        return (
            set(range(len(self.index.documents)))
            - found
            - set(self.buckets.get(self.index.loose, ()))
        )

    def _holds(self, atom, doc):
        value = self.index.key_of(doc.get(self.key))
        if atom[0] == "in":
            return value in atom[1]
        if atom[0] == "nin":
            return value not in atom[1]
        _kind, low, low_in, high, high_in = atom
        if not isinstance(value, datetime):
            return False
        above = low is None or (value >= low if low_in else value > low)
        return above and (high is None or (value <= high if high_in else value < high))

    def test(self, position):
        doc = self.index.documents[position]
        if self.index.key_of(doc.get(self.key)) is self.index.loose:
            return filter_applies({self.key: self.cond}, doc)
        return all(self._holds(atom, doc) for atom in self.atoms)


def atoms_of(index, cond):
    """The condition as ("in"|"nin", values) and ("range", …) atoms, or None if undecidable."""
    key_of, loose = index.key_of, index.loose
    if not isinstance(cond, dict):
        cond = {"$eq": cond}
    if not cond or not all(op in _SETS or op in _RANGES for op in cond):
        return None
    atoms = []
    for op, arg in cond.items():
        if op in _RANGES:
            if not isinstance(arg, datetime) or arg.tzinfo is not None:
                return None
            low, inclusive = _RANGES[op]
            bounds = (arg, inclusive, None, False) if low else (None, False, arg, inclusive)
            atoms.append(("range", *bounds))
            continue
        args = arg if op in ("$in", "$nin") else [arg]
        if op in ("$in", "$nin") and not isinstance(arg, list):
            return None
        keys = [_decided(a, key_of, loose) for a in args]
        if any(k is None for k in keys):
            return None
        atoms.append(("nin" if op in ("$nin", "$ne") else "in", frozenset(k[0] for k in keys)))
    atoms.sort(key=lambda a: a[0] == "nin")  # a value set or a range first: it is smaller
    return atoms
