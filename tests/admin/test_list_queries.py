"""A list page asks the store a fixed number of questions, however many rows it shows."""

import functools
from contextlib import contextmanager

import pytest
from mongomock.collection import Collection
from stdnum.cn import ric

from models import AuditEntry
from weimin.store import audit

CALLS = ("find", "find_one", "count_documents", "aggregate", "distinct", "update_one")


@contextmanager
def counted():
    """Count the calls the app makes to the embedded store's collections."""
    seen = []
    real = {name: getattr(Collection, name) for name in CALLS}

    def counting(name):
        @functools.wraps(real[name])
        def call(self, *args, **kwargs):
            seen.append((self.name, name))
            return real[name](self, *args, **kwargs)

        return call

    for name in CALLS:
        setattr(Collection, name, counting(name))
    try:
        yield seen
    finally:
        for name, method in real.items():
            setattr(Collection, name, method)


def id_number(n):
    body = f"11010519800101{n:03d}"
    return body + ric.calc_check_digit(body + "0")


def add_rows(make, street, count):
    """`count` more rows of each list, each pointing at its own referenced records."""
    for _ in range(count):
        community = make.community(street)
        item = make.item(street_doc=street)
        make.demand(community, item)
        volunteer = make.volunteer(community, id_number=id_number(add_rows.n))
        add_rows.n += 1
        make.service_record(volunteer, make.organisation(street))
        audit.record("bulk", "demands", count=1, summary="test")


add_rows.n = 1


@pytest.mark.embedded_store
@pytest.mark.parametrize("path", ["demand", "service_record", "volunteer", "audit"])
def test_calls_per_page_do_not_grow_with_the_rows(app, client, login, make, path):
    street = make.street()
    login(make.user("district_admin"))
    add_rows(make, street, 3)
    with counted() as few:
        assert client.get(f"/admin/{path}/").status_code == 200
    add_rows(make, street, 12)
    with counted() as many:
        assert client.get(f"/admin/{path}/").status_code == 200
    assert len(many) == len(few), sorted(set(many) - set(few))


def old_entries(make, street, count):
    """`count` entries of the shape written before subjects were kept, each by its own person."""
    for _ in range(count):
        community = make.community(street)
        demand = make.demand(community, make.item(street_doc=street))
        actor = make.user("community_worker", community_doc=community)
        AuditEntry(actor_kind="user", actor=actor.username, action="update",
                   collection="demands", doc_id=str(demand.pk)).save()  # fmt: skip


@pytest.mark.embedded_store
def test_the_trail_names_a_page_of_records_and_people_at_once(app, client, login, make):
    street = make.street()
    login(make.user("district_admin"))
    old_entries(make, street, 2)
    with counted() as few:
        page = client.get("/admin/audit/?flt0_0=修改").text
    assert page.count('class="audit-record"') == 2
    old_entries(make, street, 15)
    with counted() as many:
        page = client.get("/admin/audit/?flt0_0=修改").text
    assert page.count('class="audit-record"') == 17
    assert len(many) == len(few), sorted(many)
