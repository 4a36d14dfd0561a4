"""The embedded store's hash indexes never change what a query finds."""

import random

import pytest
from bson import ObjectId
from mongomock.filtering import filter_applies

from weimin.store.db import database

pytestmark = pytest.mark.embedded_store


def brute(collection, spec):
    """What mongomock's own matcher finds, document by document, in stored order."""
    return [d["_id"] for d in collection._store.documents if filter_applies(spec, d)]


def found(collection, spec):
    return [d["_id"] for d in collection.find(spec)]


def test_indexed_queries_find_what_a_full_scan_finds_through_every_kind_of_write(app):
    rng = random.Random(7)
    people = database()["people"]
    groups = [ObjectId() for _ in range(5)]
    for n in range(300):
        doc = {"group": rng.choice(groups), "tag": rng.choice("abc"), "n": n}
        if n % 17 == 0:
            doc["group"] = [rng.choice(groups), rng.choice(groups)]  # arrays match any element
        if n % 23 == 0:
            del doc["tag"]
        people.insert_one(doc)
    queries = [
        {"group": groups[0]},
        {"group": {"$in": groups[1:3]}},
        {"$and": [{"group": groups[2]}, {"tag": "a"}]},
        {"tag": {"$eq": "b"}, "n": {"$gte": 100}},
        {"tag": None},
        {"_id": people.find_one({"n": 5})["_id"]},
    ]
    for spec in queries:  # builds the indexes
        assert found(people, spec) == brute(people, spec)
    # In place, inserted, deleted, upserted, replaced: each changes the buckets.
    people.update_many({"tag": "a"}, {"$set": {"group": groups[4]}})
    people.update_one({"n": 7}, {"$unset": {"tag": ""}})
    people.insert_many([{"group": groups[0], "tag": "c", "n": 1000 + n} for n in range(20)])
    people.delete_many({"group": groups[3]})
    people.update_one({"n": 5000}, {"$set": {"group": groups[0]}}, upsert=True)
    people.replace_one({"n": 10}, {"group": groups[1], "tag": "z", "n": 10})
    for spec in queries[:-1] + [{"tag": "z"}]:
        assert found(people, spec) == brute(people, spec), spec


def test_a_unique_index_still_refuses_a_duplicate_made_by_an_update(app):
    people = database()["people"]
    people.create_index("code", unique=True)
    people.insert_many([{"code": "A"}, {"code": "B"}])
    assert people.count_documents({"code": "A"}) == 1  # the index is built
    with pytest.raises(Exception, match="Duplicate"):
        people.update_one({"code": "B"}, {"$set": {"code": "A"}})
    assert sorted(d["code"] for d in people.find({"code": {"$in": ["A", "B"]}})) == ["A", "B"]
