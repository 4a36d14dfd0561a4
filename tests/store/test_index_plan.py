"""The index plan finds exactly what mongomock's matcher finds, whatever the data and filter."""

from datetime import UTC, datetime, timedelta

import mongomock
import pytest
from bson import ObjectId
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mongomock import helpers
from mongomock.filtering import filter_applies

from weimin.store import index_plan, prefilter

pytestmark = pytest.mark.embedded_store

IDS = [ObjectId() for _ in range(4)]
BASE = datetime(2026, 3, 1, tzinfo=UTC)
DATES = [BASE + timedelta(days=n, hours=n) for n in range(-3, 4)]
SCALARS = st.sampled_from([None, *IDS, "a", "b", 1, 1.0, 2, True, float("nan"), *DATES])
VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=3), st.just({"x": 1}))
FIELDS = ("k", "d", "m")
DOCS = st.lists(st.dictionaries(st.sampled_from(FIELDS), VALUES), max_size=40)
QUERY_VALUES = st.sampled_from([None, *IDS, "a", 1, 2.0, True, float("nan"), *DATES])


def _condition(value_lists):
    ranges = st.dictionaries(
        st.sampled_from(["$gt", "$gte", "$lt", "$lte"]), st.sampled_from(DATES), min_size=1
    )
    return st.one_of(
        QUERY_VALUES,
        st.builds(lambda v: {"$eq": v}, QUERY_VALUES),
        st.builds(lambda v: {"$ne": v}, QUERY_VALUES),
        st.builds(lambda vs: {"$in": vs}, value_lists),
        st.builds(lambda vs: {"$nin": vs}, value_lists),
        st.builds(lambda vs: {"$in": [vs]}, value_lists),  # a list inside $in: undecided
        ranges,
        st.builds(lambda r, vs: {**r, "$nin": vs}, ranges, value_lists),
        st.just({"$exists": True}),  # unknown to the plan: left to the matcher
    )


CONDITION = _condition(st.lists(QUERY_VALUES, max_size=3))
LEAF = st.dictionaries(st.sampled_from(FIELDS), CONDITION, min_size=1, max_size=2)
SPECS = st.recursive(
    LEAF,
    lambda inner: st.one_of(
        st.builds(lambda parts: {"$and": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: {"$or": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda a, b: {**a, **b}, LEAF, inner),
    ),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def collection():
    prefilter.install()
    return mongomock.MongoClient(tz_aware=True).db.things


def brute(collection, spec):
    """What mongomock's own matcher finds, document by document, in stored order."""
    spec = helpers.patch_datetime_awareness_in_document(spec)
    return [d["_id"] for d in list(collection._store.documents) if filter_applies(spec, d)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=DOCS, spec=SPECS)
def test_find_and_count_match_a_full_scan(collection, docs, spec):
    collection.drop()
    if docs:
        collection.insert_many(docs)
    expected = brute(collection, spec)
    assert [d["_id"] for d in collection.find(spec)] == expected
    assert collection.count_documents(spec) == len(expected)


@settings(max_examples=200, deadline=None)
@given(docs=DOCS, spec=SPECS, changes=st.lists(st.tuples(st.sampled_from(FIELDS), VALUES)))
def test_the_indexes_follow_updates(collection, docs, spec, changes):
    collection.drop()
    if docs:
        collection.insert_many(docs)
    collection.count_documents(spec)  # builds the indexes and keeps the sets the spec uses
    for n, (field, value) in enumerate(changes if docs else []):
        target = {"_id": docs[n % len(docs)]["_id"]}
        array = isinstance(collection.find_one(target).get(field), list)  # changed in place
        collection.update_one(target, {"$push" if array else "$set": {field: value}})
    assert [d["_id"] for d in collection.find(spec)] == brute(collection, spec)
    for field, value in changes:
        collection.insert_one({field: value})
    assert [d["_id"] for d in collection.find(spec)] == brute(collection, spec)


def _plan(collection, spec):
    positions = index_plan.plan(prefilter._index(collection._store), spec)
    documents = prefilter._index(collection._store).documents
    return None if positions is None else [documents[p]["_id"] for p in sorted(positions)]


def test_each_operator_is_decided_by_the_indexes(collection):
    collection.drop()
    day = DATES[3].replace(tzinfo=None)
    rows = [
        {"k": IDS[0], "d": day},
        {"k": IDS[1], "d": day + timedelta(days=1)},
        {"k": None, "d": None},
        {"d": day - timedelta(days=1)},
        {"k": [IDS[0], IDS[2]], "d": [day]},  # arrays match element-wise
    ]
    collection.insert_many(rows)
    ids = [r["_id"] for r in rows]
    cases = [
        ({"k": IDS[0]}, [ids[0], ids[4]]),
        ({"k": None}, [ids[2], ids[3]]),
        ({"k": {"$in": [IDS[1], IDS[2]]}}, [ids[1], ids[4]]),
        ({"k": {"$nin": [IDS[0], None]}}, [ids[1]]),
        ({"k": {"$ne": None}}, [ids[0], ids[1], ids[4]]),
        ({"d": {"$gte": day, "$lt": day + timedelta(days=1)}}, [ids[0], ids[4]]),
        ({"d": {"$lt": DATES[3]}}, [ids[3]]),  # aware dates compare in UTC
        ({"$and": [{"k": None}, {"d": None}]}, [ids[2]]),
        ({"$or": [{"k": IDS[1]}, {"d": {"$lt": day}}]}, [ids[1], ids[3]]),
    ]
    for spec, expected in cases:
        patched = helpers.patch_datetime_awareness_in_document(spec)
        assert _plan(collection, patched) == expected, spec
        assert [d["_id"] for d in collection.find(spec)] == expected, spec
    assert _plan(collection, {"k": {"$exists": True}}) is None  # nothing to narrow by


def test_an_array_changed_in_place_is_found_by_its_new_elements(collection):
    collection.drop()
    collection.insert_many([{"k": [IDS[0]]}, {"k": IDS[1]}])
    assert collection.count_documents({"k": IDS[1]}) == 1  # the set is kept with the index
    collection.update_one({"k": IDS[0]}, {"$push": {"k": IDS[1]}})
    assert collection.count_documents({"k": IDS[1]}) == 2
    collection.update_one({"k": IDS[0]}, {"$pull": {"k": IDS[1]}})
    assert collection.count_documents({"k": IDS[1]}) == 1


def test_the_sets_kept_between_writes_stay_few(collection):
    """A run of queries with no write between them (an import's duplicate checks) keeps a
    bounded number of sets, so each query does not get slower than the one before."""
    from weimin.store.index_terms import _SETS_KEPT

    collection.drop()
    collection.insert_many([{"k": f"1380013{n:04d}", "m": n % 7} for n in range(2000)])
    for n in range(1000):
        assert collection.count_documents({"k": f"1380013{n:04d}", "m": n % 7}) == 1
    index = prefilter._index(collection._store)
    assert 0 < len(index.sets) <= _SETS_KEPT


def test_a_date_range_finds_documents_inserted_after_it_was_asked(collection):
    collection.drop()
    collection.insert_many([{"d": DATES[n]} for n in (0, 2, 4, 6)])
    window = {"d": {"$gte": DATES[1], "$lt": DATES[5]}}
    assert collection.count_documents(window) == 2  # the dates are now kept in order
    collection.insert_many([{"d": DATES[3]}, {"d": DATES[5]}, {"d": DATES[1]}])
    assert collection.count_documents(window) == 4
    assert [d["d"] for d in collection.find(window)] == [DATES[n] for n in (2, 4, 3, 1)]
