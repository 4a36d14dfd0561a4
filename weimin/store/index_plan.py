"""Answer a filter from the embedded store's hash indexes: the exact matching positions.

A filter is a conjunction of field conditions, `$and` and `$or`. Conditions the indexes know
(equality, null, `$in`, `$nin`, `$ne`, date ranges on a top-level field) each name a set of
positions and can say, cheaply, roughly how large it is; the plan materialises the smallest
set of a conjunction and tests every other condition on those documents only. A field value
the indexes do not file (arrays, sub-documents, booleans, …) and every condition they cannot
decide are tested with mongomock's own matcher, so the result is what a full scan finds. With
no condition the indexes know, there is nothing to narrow by: `plan` answers None.
"""

from bisect import bisect_left, bisect_right
from datetime import datetime

from mongomock.filtering import filter_applies

_SETS = ("$eq", "$in", "$nin", "$ne")
# A part up to _RATIO times the size of the set found so far is cheaper to intersect (in C)
# than to test document by document (in Python).
_RATIO = 32
_RANGES = {"$gt": (True, False), "$gte": (True, True), "$lt": (False, False), "$lte": (False, True)}


def _decided(value, key_of, loose):
    """(the index key of a query value,), or None when the indexes cannot compare it."""
    key = key_of(value)
    return None if key is loose else (key,)


class _Field:
    """One top-level field's condition, as value sets and date bounds on its index."""

    def __init__(self, index, key, cond, atoms):
        self.index, self.key, self.cond, self.atoms = index, key, cond, atoms
        self.buckets = index.field(key)

    def _bucket_sizes(self, values):
        return sum(len(self.buckets.get(v, ())) for v in values)

    def estimate(self):
        size = len(self.index.documents)
        for atom in self.atoms:
            if atom[0] == "in":
                size = min(size, self._bucket_sizes(atom[1]))
            elif atom[0] == "range":
                size = min(size, len(self._dated(atom)))
        return size + len(self.buckets.get(self.index.loose, ()))

    def _dated(self, atom):
        _kind, low, low_in, high, high_in = atom
        dates, positions = self.index.dates(self.key)
        start, stop = 0, len(dates)
        if low is not None:
            start = (bisect_left if low_in else bisect_right)(dates, low)
        if high is not None:
            stop = (bisect_right if high_in else bisect_left)(dates, high)
        return positions[start:stop]

    def positions(self):
        """The matching positions (kept with the index until the next write: do not change)."""
        name = (self.key, tuple(self.atoms))
        found = self.index.sets.get(name)
        if found is None:
            found = set.intersection(*sorted(map(self._atom_set, self.atoms), key=len))
            found |= {p for p in self.buckets.get(self.index.loose, ()) if self.test(p)}
            if len(self.index.sets) >= 64:
                self.index.sets.clear()
            self.index.sets[name] = found
        return found

    def cached(self):
        return (self.key, tuple(self.atoms)) in self.index.sets

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


def _atoms(index, cond):
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


class _And:
    """Documents meeting every part: the smallest part's set, tested against the others."""

    def __init__(self, index, spec):
        self.index, self.parts, self.rest = index, [], []  # rest: left to mongomock's matcher
        for key, cond in spec.items():
            part = None
            if key == "$and" and isinstance(cond, list) and cond:
                if all(isinstance(s, dict) for s in cond):
                    for sub_spec in cond:
                        sub = _And(index, sub_spec)
                        if sub.estimate() is None:
                            self.rest.append(sub_spec)
                        else:
                            self.parts.append(sub)
                    continue
            elif key == "$or" and isinstance(cond, list) and cond:
                part = _Or(index, cond)
            elif not key.startswith("$") and "." not in key:
                atoms = _atoms(index, cond)
                part = _Field(index, key, cond, atoms) if atoms else None
            if part is None or part.estimate() is None:
                self.rest.append({key: cond})
            else:
                self.parts.append(part)
        self.sizes = sorted((p.estimate(), n) for n, p in enumerate(self.parts))

    def estimate(self):
        return self.sizes[0][0] if self.sizes else None

    def positions(self):
        """Intersect the sets of parts near the smallest in size; test the rest one by one."""
        ordered = [self.parts[n] for _size, n in self.sizes]
        found, tested = ordered[0].positions(), []
        for part in ordered[1:]:
            if part.estimate() <= _RATIO * len(found) or getattr(part, "cached", bool)():
                found = found & part.positions()
            else:
                tested.append(part)
        if tested or self.rest:
            found = {p for p in found if self._others(tested, p)}
        return found

    def _others(self, others, position):
        if not all(part.test(position) for part in others):
            return False
        document = self.index.documents[position]
        return all(filter_applies(spec, document) for spec in self.rest)

    def test(self, position):
        return self._others(self.parts, position)


class _Or:
    """Documents meeting any branch: the union of the branches' sets."""

    def __init__(self, index, branches):
        dicts = all(isinstance(b, dict) for b in branches)
        self.branches = [_And(index, b) for b in branches] if dicts else []

    def estimate(self):
        sizes = [b.estimate() for b in self.branches]
        return None if not sizes or None in sizes else sum(sizes)

    def positions(self):
        return set().union(*(b.positions() for b in self.branches))

    def test(self, position):
        return any(b.test(position) for b in self.branches)


def plan(index, spec):
    """The positions in `index` of the documents matching spec, or None to scan them all.

    spec must already hold naive UTC dates (mongomock's patch_datetime_awareness_in_document).
    """
    if not isinstance(spec, dict) or not spec:
        return None
    conjunction = _And(index, spec)
    if conjunction.estimate() is None:
        return None
    return conjunction.positions()
