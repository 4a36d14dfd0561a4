"""On a real MongoDB, every enumerated list, filter, sort, job and API query uses an index.

The queries are those tests/store/test_index_coverage.py checks statically: read off the admin
views for every role, recorded from the jobs, the API and the home page. Each is explained
(queryPlanner) and must show no COLLSCAN, except on collections that stay small
(weimin.store.indexes.SMALL_COLLECTIONS, each with its reason) and ALLOWED ones.
"""

import os

import pytest
from bson import SON

from tests.store.query_catalogue import admin_queries
from tests.store.test_index_coverage import (
    ALLOWED,
    run_jobs_and_api,
    users_of_every_role,
)
from weimin.store.db import database, ensure_indexes
from weimin.store.indexes import SMALL_COLLECTIONS

needs_mongodb = pytest.mark.skipif(
    not os.environ.get("TEST_MONGODB_URI"), reason="needs a real MongoDB (TEST_MONGODB_URI)"
)


def stages(plan):
    """Every stage name of a winning plan, nested ones included: the classic plan tree, the
    slot-based engine's (`queryPlan`, MongoDB 7+) and each shard's plan behind a mongos."""
    yield plan.get("stage")
    for key in ("inputStage", "queryPlan"):
        if key in plan:
            yield from stages(plan[key])
    for child in plan.get("inputStages", ()):
        yield from stages(child)
    for shard in plan.get("shards", ()):
        yield from stages(shard.get("winningPlan", {}))


def scans(query):
    """True when MongoDB would read the whole collection for `query`."""
    command = SON([("find", query.collection), ("filter", query.filter), ("limit", 20)])
    if query.sort:
        command["sort"] = SON(query.sort)
    explained = database().command("explain", command, verbosity="queryPlanner")
    planner = explained.get("queryPlanner", explained)
    return "COLLSCAN" in set(stages(planner["winningPlan"]))


def collection_scans(queries):
    return [
        str(q)
        for q in queries
        if q.collection not in SMALL_COLLECTIONS
        and q.label.split("] ", 1)[-1] not in ALLOWED
        and scans(q)
    ]


IXSCAN = {"stage": "FETCH", "inputStage": {"stage": "IXSCAN", "indexName": "street_1"}}
COLLSCAN = {"stage": "COLLSCAN", "direction": "forward"}


@pytest.mark.parametrize(
    ("winning", "scanned"),
    [
        (IXSCAN, False),
        (COLLSCAN, True),
        ({"stage": "SORT", "inputStage": COLLSCAN}, True),
        ({"stage": "SUBPLAN", "inputStage": {"stage": "OR", "inputStages": [IXSCAN, COLLSCAN]}},
         True),
        ({"queryPlan": IXSCAN, "slotBasedPlan": {"slots": "…"}}, False),
        ({"queryPlan": {"stage": "LIMIT", "inputStage": COLLSCAN}}, True),
        ({"stage": "SHARD_MERGE", "shards": [{"shardName": "s0", "winningPlan": IXSCAN},
                                             {"shardName": "s1", "winningPlan": COLLSCAN}]},
         True),
        ({"stage": "SINGLE_SHARD", "shards": [{"shardName": "s0", "winningPlan": IXSCAN}]},
         False),
    ],
)  # fmt: skip
def test_a_collection_scan_is_found_in_every_shape_of_plan(winning, scanned):
    """The plans the checks below read, as MongoDB explains them: here, without a server."""
    assert ("COLLSCAN" in set(stages(winning))) is scanned


@needs_mongodb
def test_no_admin_list_filter_or_sort_scans_a_collection(app, make):
    ensure_indexes()
    slow = collection_scans(list(admin_queries(app, users_of_every_role(make))))
    assert not slow, "\n".join(slow[:30])


@needs_mongodb
def test_no_job_or_api_query_scans_a_collection():
    from tests import factories
    from tests.conftest import make_app

    # Recorded on the embedded store, where every query the store receives can be seen ...
    embedded = make_app(MONGODB_URI=None)
    with embedded.app_context():
        queries = run_jobs_and_api(embedded.test_client(), factories)
    # ... then explained on the real one (each app replaces the connection), indexes built.
    real = make_app()
    with real.app_context():
        ensure_indexes()
        try:
            slow = collection_scans(queries)
        finally:
            database().client.drop_database(database().name)
    assert not slow, "\n".join(slow)
