"""Counts and sums of a filter's documents by the values of some fields, for the pages that
show figures (the home page): indexed counts per value, or grouped by the server."""

from decimal import Decimal

from bson import Decimal128

from weimin.store import db


def sums_by(collection, match, keys, field):
    """{(each key's value, …): (how many, `field` added up as a Decimal)} of the documents that
    match: grouped by the server on MongoDB, read in place on the embedded store."""
    if not db.embedded_store():
        group = {
            "_id": {k: f"${k}" for k in keys},
            "n": {"$sum": 1},
            "total": {"$sum": f"${field}"},
        }
        rows = collection.aggregate([{"$match": match}, {"$group": group}])
        return {tuple(r["_id"].get(k) for k in keys): (r["n"], _number(r["total"])) for r in rows}
    found = {}
    for doc in db._matching(collection, match):
        key = tuple(doc.get(k) for k in keys)
        n, total = found.get(key, (0, Decimal(0)))
        found[key] = (n + 1, total + _number(doc.get(field)))
    return found


def _number(value):
    return value.to_decimal() if isinstance(value, Decimal128) else Decimal(value or 0)


def narrowed(spec, field, cond):
    """A raw filter: spec and a condition on a top-level field (kept flat when it can be, so
    that the embedded store's indexes reuse what they found for spec's own conditions)."""
    return {"$and": [spec, {field: cond}]} if field in spec else {**spec, field: cond}


def counts_of(queryset, field, values, total):
    """{value: how many of the `total` records of queryset hold it in a top-level field}, zeros
    left out. MongoDB groups them on the server in one round trip. On the embedded store: one
    indexed count per value expected, until they add up to `total`; the records holding any
    other value (normally none) are read and grouped (counts_by)."""
    if queryset._none or queryset._empty:
        return {}
    collection, spec = queryset._collection, queryset._query
    if not db.embedded_store():
        return {k: n for k, n in db.counts_by(collection, spec, (field,))[field].items() if n}
    found, counted = {}, 0
    for value in values:
        if counted >= total:
            break  # every record is counted: the values left hold none
        n = collection.count_documents(narrowed(spec, field, value))
        if n:
            found[value], counted = n, counted + n
    if total > counted:
        rest = narrowed(spec, field, {"$nin": list(values)})
        found.update(db.counts_by(collection, rest, (field,))[field])
    return found
