"""Answer a filter from the embedded store's hash indexes: the exact matching positions.

A filter is a conjunction of field conditions, `$and` and `$or`. Conditions the indexes know
(equality, null, `$in`, `$nin`, `$ne`, date ranges on a top-level field: index_terms) each
name a set of positions and say cheaply about how large it is; a conjunction starts from its
smallest set and intersects it with the sets near it in size, testing the others document by
document. The sets found are kept with the index until the collection is next written.
Values the indexes do not file (arrays, sub-documents, booleans, …) and every condition they
cannot decide are tested with mongomock's own matcher, so the result is what a full scan finds.
With no condition the indexes know there is nothing to narrow by: `plan` answers None.
"""

from mongomock.filtering import filter_applies

from weimin.store.index_terms import Field, Node, atoms_of

# A part up to _RATIO times the size of the set found so far is cheaper to intersect (in C)
# than to test document by document (in Python).
_RATIO = 32


class _And(Node):
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
                atoms = atoms_of(index, cond)
                part = Field(index, key, cond, atoms) if atoms else None
            if part is None or part.estimate() is None:
                self.rest.append({key: cond})
            else:
                self.parts.append(part)
        self.sizes = sorted((p.estimate(), n) for n, p in enumerate(self.parts))
        names = [p.name for p in self.parts]
        if self.parts and not self.rest and None not in names:
            self.name = ("and", frozenset(names))

    def _estimate(self):
        return self.sizes[0][0] if self.sizes else None

    def _positions(self):
        """Intersect the sets of parts near the smallest in size; test the rest one by one."""
        ordered = [self.parts[n] for _size, n in self.sizes]
        found, tested = ordered[0].positions(), []
        for part in ordered[1:]:
            if part.estimate() <= _RATIO * len(found) or part.cached():
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


class _Or(Node):
    """Documents meeting any branch: the union of the branches' sets."""

    def __init__(self, index, branches):
        dicts = all(isinstance(b, dict) for b in branches)
        self.index, self.branches = index, [_And(index, b) for b in branches] if dicts else []
        names = [b.name for b in self.branches]
        if self.branches and None not in names:
            self.name = ("or", frozenset(names))

    def _estimate(self):
        sizes = [b.estimate() for b in self.branches]
        return None if not sizes or None in sizes else sum(sizes)

    def _positions(self):
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
