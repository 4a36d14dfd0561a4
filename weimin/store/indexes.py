"""Which declared index serves a MongoDB query: a static reading of what explain() would show.

A query is served when an index narrows its filter (the index's first key carries a condition
of the query) or, with nothing to narrow, hands out the documents in the asked order: the sort
keys, the _id tie-break included (weimin.store.db.in_total_order), follow equality keys of the
filter. The admin offers a sort only when it is served; tests/store checks every list, filter,
job and API query with the same rules, and on a real MongoDB with explain().
"""

from functools import cache

from models import ALL_DOCUMENTS

# Operators that pin a key to points (an index on (key, next) still yields `next` in order),
# and those that bound it to a range. Others ($ne, $nin, $not, a "contains" pattern) leave an
# index nothing to skip: it is read whole, so they do not narrow a query by themselves.
POINT_OPERATORS = {"$eq", "$in"}
RANGE_OPERATORS = {"$gt", "$gte", "$lt", "$lte"}
POINT, RANGE, OTHER = 3, 2, 1

# Collections that stay small at city size (10 districts, 1M demands a year, 10 years): a scan
# of one reads a few thousand documents at most, so a list of theirs needs no index per sort.
SMALL_COLLECTIONS = {
    "districts": "10 districts",
    "streets": "about 100 streets",
    "communities": "about 1,500 communities",
    "users": "one account per worker: a few thousand",
    "api_tokens": "a few per street",
    "rule_sets": "a few versions per street and kind",
    "catalogue_categories": "tens per street",
    "clearance_months": "one per street and month: 12,000 in 10 years",
    "rating_periods": "one per street and period",
    "objection_contacts": "one per street",
    "funds": "a few per community: a fiscal fund, named and crowdfunded funds",
    "fund_motions": "a crowdfunded fund's board decides a few motions a month",
    "grids": "a few per community: Daoli district's 1,500 grids",
}


@cache
def collection_indexes():
    """Collection name -> key lists [(field, direction), ...] of every declared index."""
    found = {}
    for doc in ALL_DOCUMENTS:
        specs = found.setdefault(doc._get_collection_name(), [[("_id", 1)]])
        specs += [list(spec["fields"]) for spec in doc._meta.get("index_specs") or []]
    return found


def condition_kind(value):
    """POINT, RANGE or OTHER: how much of an index a condition on its key lets a query skip."""
    ops = {op for op in value if op.startswith("$")} if isinstance(value, dict) else set()
    if not ops or ops <= POINT_OPERATORS:
        return POINT
    if ops <= RANGE_OPERATORS:
        return RANGE
    return OTHER


def predicates(flt):
    """(key -> condition kind) of the conditions every document must meet, and the $or lists
    among them."""
    keys, alternatives = {}, []
    for key, value in (flt or {}).items():
        if key == "$and":
            for part in value:
                more, ors = predicates(part)
                alternatives += ors
                for name, kind in more.items():
                    keys[name] = max(keys.get(name, 0), kind)
        elif key == "$or":
            alternatives.append(value)
        elif not key.startswith("$"):  # $expr, $where, $text name no key an index could use
            keys[key] = max(keys.get(key, 0), condition_kind(value))
    return keys, alternatives


def _without_ors(flt):
    """The filter with its $or conditions left out (they narrow nothing on their own)."""
    kept = {}
    for key, value in (flt or {}).items():
        if key == "$and":
            kept[key] = [_without_ors(part) for part in value]
        elif key != "$or":
            kept[key] = value
    return kept


def _branches(flt):
    """The filters of each way the query's first $or can be met, the other conditions kept."""
    _keys, alternatives = predicates(flt)
    if not alternatives:
        return []
    return [{"$and": [_without_ors(flt), branch]} for branch in alternatives[0]]


def narrows(indexes, flt):
    """True when an index narrows the query: its first key carries a point or range condition
    every document meets, or every $or branch is narrowed so."""
    keys, _alternatives = predicates(flt)
    if any(keys.get(spec[0][0], 0) >= RANGE for spec in indexes):
        return True
    branches = _branches(flt)
    return bool(branches) and all(narrows(indexes, branch) for branch in branches)


def in_order(indexes, flt, sort):
    """True when an index hands out the sort order (forwards or backwards) after equality keys
    of the query, so that nothing is sorted in memory."""
    if not sort:
        return True
    keys, _alternatives = predicates(flt)
    asked = [(name, 1 if direction > 0 else -1) for name, direction in sort]
    flipped = [(name, -direction) for name, direction in asked]
    for spec in indexes:
        for start in range(len(spec) - len(asked) + 1):
            window = [(name, 1 if d > 0 else -1) for name, d in spec[start : start + len(asked)]]
            if window in (asked, flipped) and all(keys.get(n) == POINT for n, _d in spec[:start]):
                return True
    branches = _branches(flt)
    return bool(branches) and all(in_order(indexes, branch, sort) for branch in branches)


def no_scan(indexes, flt, sort):
    """True when some index serves the query: explain() shows no COLLSCAN."""
    return narrows(indexes, flt) or bool(sort) and in_order(indexes, flt, sort)


def key_served(indexes, flt, name):
    """True when `name` stands in an index behind equality keys of the query only."""
    keys, _alternatives = predicates(flt)
    for spec in indexes:
        names = [field for field, _d in spec]
        if name in names and all(keys.get(n) == POINT for n in names[: names.index(name)]):
            return True
    return False


def problems(collection, flt, sort, added=()):
    """Why the query would read more than its page: a collection scan, or a filter whose added
    keys no index serves. Empty when an index serves it, or the collection stays small."""
    if collection in SMALL_COLLECTIONS:
        return []
    indexes = collection_indexes().get(collection, [[("_id", 1)]])
    found = [] if no_scan(indexes, flt, sort) else ["collection scan"]
    if added and not any(key_served(indexes, flt, name) for name in added):
        found.append(f"no index serves {sorted(added)}")
    return found


def sort_served(queryset, field):
    """True when sorting `queryset` by `field` (then _id) scans no collection."""
    collection = queryset._document._get_collection_name()
    return not problems(collection, queryset._query, [(field, 1), ("_id", 1)])
