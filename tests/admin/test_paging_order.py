"""Records that tie on the sort keys: every page, export and look-up keeps one total order.

MongoDB returns records that tie on the sort keys in no promised order, so without a unique
last key a record can show on two pages or on none. The embedded store keeps ties in stored
order; here that order is shuffled before every request, as MongoDB is free to do.
"""

import csv
import io
import random
import re
from collections import OrderedDict
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models import Demand, ServiceRecord
from weimin.store.db import embedded_store

SAME_INSTANT = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
PAGE_SIZE = 20  # admin.base.SecureModelView.page_size


@pytest.fixture
def reshuffle():
    """Call before a request: ties come back in a new stored order on the embedded store."""
    rng = random.Random(13)

    def _reshuffle(document=Demand):
        if not embedded_store():
            return  # MongoDB already gives ties in no promised order
        store = document._get_collection()._store
        documents = list(store._documents.items())
        rng.shuffle(documents)
        store._documents = OrderedDict(documents)

    return _reshuffle


@pytest.fixture
def tied(make):
    """45 demands received at the same instant: every one ties on the list's default sort."""
    community, item = make.community(), make.item()
    return [make.demand(community, item, received_at=SAME_INSTANT).ticket_no for _ in range(45)]


def in_page_order(text, tickets):
    """The tickets shown in text, in the order they appear."""
    found = {t: text.find(t) for t in tickets}
    return [t for t, at in sorted(found.items(), key=lambda kv: kv[1]) if at >= 0]


def list_pages(client, reshuffle, tickets, query=""):
    pages = []
    for page in range((len(tickets) + PAGE_SIZE - 1) // PAGE_SIZE):
        reshuffle()
        response = client.get(f"/admin/demand/?page={page}{query}")
        assert response.status_code == 200
        pages.append(in_page_order(response.text, tickets))
    return pages


def assert_partition(pages, tickets):
    assert [len(p) for p in pages] == [20, 20, 5]
    shown = [t for page in pages for t in page]
    assert sorted(shown) == sorted(tickets), "a record is on two pages or on none"


def test_list_pages_partition_records_that_tie_on_the_default_sort(make, login, reshuffle, tied):
    client = login(make.user("district_admin"))
    assert_partition(list_pages(client, reshuffle, tied), tied)


def test_list_pages_partition_records_that_tie_on_a_chosen_sort(app, make, login, reshuffle, tied):
    client = login(make.user("district_admin"))
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == "demand")
    with app.test_request_context():
        columns = [name for name, _label in view.get_list_columns()]
    for desc in ("0", "1"):
        pages = list_pages(client, reshuffle, tied, f"&sort={columns.index('status')}&desc={desc}")
        assert_partition(pages, tied)


def test_export_lists_tied_records_once_each_in_the_order_of_the_pages(
    make, login, reshuffle, tied
):
    client = login(make.user("district_admin"))
    pages = list_pages(client, reshuffle, tied)
    reshuffle()
    response = client.get("/admin/demand/export/csv/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))[1:]
    exported = [row[0] for row in rows]
    assert exported == [t for page in pages for t in page]


def test_lookup_pages_partition_records_that_tie(make, login, reshuffle, tied):
    """The form's search-as-you-type look-up of demands pages ten at a time."""
    client = login(make.user("district_admin"))
    seen = []
    for offset in range(0, len(tied), 10):
        reshuffle()
        response = client.get(
            f"/admin/service_record/ajax/lookup/?name=demand&query=&offset={offset}&limit=10"
        )
        assert response.status_code == 200
        seen += [label for _id, label in response.get_json()]
    tickets = [next(t for t in tied if t in label) for label in seen]
    assert sorted(tickets) == sorted(tied)


def test_tied_records_keep_their_order_from_request_to_request(make, login, reshuffle, tied):
    client = login(make.user("district_admin"))
    first = list_pages(client, reshuffle, tied)
    assert list_pages(client, reshuffle, tied) == first


def test_wish_wall_pages_partition_wishes_that_tie(client, make, reshuffle):
    community, wish = make.community(), make.item(kind="wish")
    tickets = [make.demand(community, wish, received_at=SAME_INSTANT).ticket_no for _ in range(45)]
    shown = []
    for page in (1, 2, 3):
        reshuffle()
        text = client.get(f"/wall/?page={page}").text
        shown += re.findall(r'data-ticket="([^"]+)"', text)
    assert sorted(shown) == sorted(tickets)


def test_a_volunteers_record_pages_partition_records_of_one_day(make, login, reshuffle):
    user = make.volunteer_user()
    half_hour = Decimal("0.5")  # 25 of them stay within 24 hours a day
    ids = {str(make.service_record(user.volunteer, hours=half_hour).pk) for _ in range(25)}
    client = login(user)
    shown = []
    for page in (1, 2):
        reshuffle(ServiceRecord)
        text = client.get(f"/me/records?page={page}").text
        shown += re.findall(r'data-record="([0-9a-f]{24})"', text)
    assert sorted(shown) == sorted(ids)
