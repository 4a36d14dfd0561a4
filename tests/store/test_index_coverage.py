"""Every list, filter, sort, job and API query is served by a declared index (static check).

The same queries are explained on a real MongoDB in test_query_plans.py; here, without one, the
models' meta["indexes"] are read with weimin.store.indexes, so a new filter or sort without an
index fails on every machine.
"""

from datetime import UTC, date, datetime

import pytest

from admin.base import SecureModelView
from models import Demand
from tests.store.query_catalogue import admin_queries
from tests.store.query_recorder import distinct, month_data, recording
from weimin.store.indexes import SMALL_COLLECTIONS, collection_indexes, in_order, problems

# Queries allowed to leave a key they add to no index, each with the reason (by label, any
# role). A "contains" search cannot seek in an index: these read the user's scope in the list's
# index order and stop at a full page, so an index of their own would be written and not read.
CONTAINS = "a 'contains' search: no index can seek it; the list's order index is read instead"
ALLOWED = {
    "service_record search": f"activity names and leaders, {CONTAINS}",
    "star_rating search": f"subject names, {CONTAINS}",
}

ROLES = ("district_admin", "supervisor", "street_admin", "community_worker")


def users_of_every_role(make):
    street = make.street()
    community = make.community(street)
    users = [make.user(role) for role in ROLES[:2]]
    users.append(make.user("street_admin", street_doc=street))
    users.append(make.user("community_worker", street_doc=street, community_doc=community))
    return users


def unserved(queries):
    found = []
    for query in queries:
        wrong = problems(query.collection, query.filter, query.sort, getattr(query, "added", ()))
        if wrong and query.label.split("] ", 1)[-1] not in ALLOWED:
            found.append(f"{query} -> {wrong}")
    return found


def test_every_admin_list_filter_and_sort_is_served_by_an_index(app, make):
    queries = list(admin_queries(app, users_of_every_role(make)))
    labels = {q.label.split("] ", 1)[1].split(" ")[0] for q in queries}
    assert {"demand", "service_record", "audit", "star_rating", "volunteer"} <= labels
    assert any("Dashboard figure" in q.label or " id " in q.label for q in queries)
    assert len(queries) > 1000  # every view, role, sort direction, filter operation
    assert not unserved(queries), "\n".join(unserved(queries)[:20])


def test_a_large_collections_default_list_comes_in_index_order(app, make):
    """Opening a list reads its first page off an index: nothing is sorted in memory."""
    slow = [
        str(q)
        for q in admin_queries(app, users_of_every_role(make))
        if q.label.endswith(" default")
        and q.collection not in SMALL_COLLECTIONS
        and not in_order(collection_indexes()[q.collection], q.filter, q.sort)
    ]
    assert not slow, "\n".join(slow)


class SyntheticView(SecureModelView):
    """A demand list someone extends with a filter and a sort on a field no index holds."""

    column_filters = ("resident_address", "status")
    column_sortable_list = ("resident_address", "received_at")


@pytest.mark.parametrize("role", ROLES)
def test_a_filter_without_an_index_fails_the_check(app, make, role):
    view = SyntheticView(Demand, endpoint="demand")
    user = next(u for u in users_of_every_role(make) if u.role == role)
    queries = list(admin_queries(app, [user], views=[view]))
    failing = {q.label.split("] ", 1)[1] for q in queries if unserved([q])}
    assert failing and all("filter resident_address" in label for label in failing), failing
    # The unindexed column is not offered as a sort: no query sorts by it.
    assert not [q for q in queries if "sort resident_address" in q.label]
    assert [q for q in queries if "sort received_at" in q.label]


def test_a_default_order_without_an_index_fails_the_check(app, make):
    class Unordered(SecureModelView):
        column_default_sort = ("resident_address", False)

    view = Unordered(Demand, endpoint="demand")
    district = make.user("district_admin")
    queries = list(admin_queries(app, [district], views=[view]))
    assert any(" default" in line for line in unserved(queries))


def run_jobs_and_api(client, make):
    from jobs.clearance import recompute_drafts, run_clearance
    from jobs.ratings import run_ratings, run_volunteer_stars
    from jobs.sla import run_sla

    street, _community, item = month_data(make)
    demand = Demand.objects.first()
    _token, secret = make.api_token(street, "catalogue:read", "demands:read")
    headers = {"Authorization": f"Bearer {secret}"}
    with recording() as queries:
        run_clearance("2026-03")
        run_ratings("2026")
        run_volunteer_stars([street])
        run_sla(now=datetime(2026, 3, 20, tzinfo=UTC))
        recompute_drafts(today=date(2026, 4, 2))
        for url in ("/api/v1/catalogue/items", f"/api/v1/catalogue/items/{item.code}"):
            assert client.get(url, headers=headers).status_code == 200
        assert client.get(f"/api/v1/demands/{demand.ticket_no}", headers=headers).status_code
    return distinct(queries)


def test_the_jobs_and_api_queries_are_served_by_an_index(app, client, make):
    queries = run_jobs_and_api(client, make)
    collections = {q.collection for q in queries}
    assert {"demands", "clearance_reports", "service_records", "star_ratings"} <= collections
    assert not unserved(queries), "\n".join(unserved(queries))


def test_the_home_pages_queries_are_served_by_an_index(app, client, make, login):
    """The dashboard's figures (首页指标) and the lists its cards open, for every role."""
    month_data(make)
    users = users_of_every_role(make)
    with recording() as queries:
        for user in users:
            login(user)
            assert client.get("/admin/").status_code == 200
            client.post("/logout")
    queries = distinct(queries)
    assert {"demands", "clearance_reports"} <= {q.collection for q in queries}
    assert not unserved(queries), "\n".join(unserved(queries))
