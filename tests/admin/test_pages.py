"""Every admin page renders for the district admin; anonymous users are sent to sign in."""

import re
from datetime import timedelta

import pytest

from admin import VIEWS
from models.base import utcnow
from tests.security import permissions
from tests.security.samples import build

ENDPOINTS = [endpoint for *_, endpoint in VIEWS]


def may(endpoint, action):
    return permissions.may(endpoint, "district_admin", action)


@pytest.fixture
def populated(app, make):
    """One record behind every admin list, so details and edit pages have something to show."""
    street = make.street()
    community = make.community(street)
    for view in app.extensions["weimin_admin"]._views:
        model = getattr(view, "model", None)
        if model is not None and not model.objects.count():
            assert build(model.__name__, street, community) is not None, model.__name__
    return {"street": street, "community": community}


def test_admin_home_redirects_anonymous_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_is_redirected_from_every_list(client, endpoint):
    response = client.get(f"/admin/{endpoint}/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_district_admin_opens_list_create_details_and_edit(make, login, populated, endpoint):
    client = login(make.user("district_admin"))
    listing = client.get(f"/admin/{endpoint}/")
    assert listing.status_code == 200
    assert client.get(f"/admin/{endpoint}/new/").status_code == (200 if may(endpoint, "C") else 302)
    ids = re.findall(rf"/admin/{endpoint}/details/\?id=([0-9a-f]{{24}})", listing.text)
    assert ids, f"{endpoint}: the list shows no record"
    assert client.get(f"/admin/{endpoint}/details/?id={ids[0]}").status_code == 200
    edit = client.get(f"/admin/{endpoint}/edit/?id={ids[0]}")
    assert edit.status_code == (200 if may(endpoint, "E") else 302)


def test_list_pages_do_not_count_the_collection(app):
    admin = app.extensions["weimin_admin"]
    views = [v for v in admin._views if hasattr(v, "model")]
    assert views and all(v.simple_list_pager for v in views)


@pytest.mark.embedded_store
def test_a_list_page_copies_only_its_page_from_the_embedded_store(make, login, monkeypatch):
    """mongomock's cursor copies every record in scope before it sorts out a page."""
    from datetime import UTC, datetime, timedelta

    from mongomock.collection import Collection

    community, item = make.community(), make.item()
    start = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
    received = [start + timedelta(seconds=n) for n in range(45)]  # one order, whatever the clock
    tickets = [make.demand(community, item, received_at=at).ticket_no for at in received]
    copied = []
    original = Collection._copy_only_fields

    def counting(self, doc, *args, **kwargs):
        if self.name == "demands":
            copied.append(doc["_id"])
        return original(self, doc, *args, **kwargs)

    monkeypatch.setattr(Collection, "_copy_only_fields", counting)
    client = login(make.user("district_admin"))
    newest_first = tickets[::-1]
    for page in range(3):
        copied.clear()
        text = client.get(f"/admin/demand/?page={page}").text
        shown = sorted((t for t in tickets if t in text), key=text.find)
        assert shown == newest_first[page * 20 : page * 20 + 20]
        assert len(copied) <= 20


def test_unknown_or_malformed_id_is_404(make, login, populated):
    client = login(make.user("district_admin"))
    assert client.get("/admin/demand/details/?id=not-an-id").status_code == 404
    assert client.get("/admin/demand/details/?id=0123456789abcdef01234567").status_code == 404
    assert client.get("/admin/demand/edit/?id=0123456789abcdef01234567").status_code == 404


def test_home_shows_counts_for_the_users_scope(make, login):
    street = make.street()
    mine, other = make.community(street), make.community()
    item = make.item()
    make.demand(mine, item)
    make.demand(mine, item, overdue=True, overdue_at=utcnow() - timedelta(days=1))
    make.demand(other, item)
    client = login(make.user("street_admin", street_doc=street))
    page = client.get("/admin/").text
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    assert counts["open"] == "2"
    assert counts["overdue"] == "1"
    assert counts["received_month"] == "2"


@pytest.mark.parametrize(
    "embedded",
    [
        pytest.param(True, id="counted-in-place", marks=pytest.mark.embedded_store),
        pytest.param(False, id="aggregated"),
    ],
)
def test_home_breakdown_counts_this_months_demands_in_scope(app, make, monkeypatch, embedded):
    from datetime import UTC, datetime, timedelta

    from admin import dashboard_data
    from weimin.store import db

    monkeypatch.setattr(db, "embedded_store", lambda: embedded)
    street = make.street()
    mine, other = make.community(street), make.community()
    help_old, repairs = make.item(name="助老"), make.item(name="维修")
    make.demand(mine, help_old, channel="hotline")
    make.demand(mine, help_old, channel="window")
    make.demand(mine, repairs, channel="hotline")
    make.demand(other, repairs, channel="wechat")
    make.demand(mine, repairs, received_at=datetime.now(UTC) - timedelta(days=62))  # not this month
    now = datetime.now(UTC)
    with app.app_context():
        mine_only = dashboard_data.breakdown(make.user("street_admin", street_doc=street), now)
        everyone = dashboard_data.breakdown(make.user("supervisor"), now)
    assert [r["value"] for r in mine_only["category"]] == [2, 1]
    assert [r["value"] for r in mine_only["channel"]] == [2, 1]
    assert sorted(r["value"] for r in everyone["category"]) == [2, 2]
    assert sum(r["value"] for r in everyone["channel"]) == 4


@pytest.mark.parametrize(
    "embedded",
    [
        pytest.param(True, id="counted-in-place", marks=pytest.mark.embedded_store),
        pytest.param(False, id="aggregated"),
    ],
)
def test_home_breakdown_counts_by_category_and_channel_are_a_plain_grouping(
    app, make, monkeypatch, embedded
):
    # Counted per category of the scope and per channel; whatever else the month holds (a
    # category of another street, a deleted one, none, a channel not offered) still counts.
    from collections import Counter
    from datetime import UTC, datetime

    from bson import ObjectId

    from admin import dashboard_data
    from models import CatalogueCategory, Demand
    from models.choices import CHANNELS, label
    from models.references import DELETED
    from weimin.store import db

    monkeypatch.setattr(db, "embedded_store", lambda: embedded)
    street, elsewhere = make.street(), make.street()
    mine = make.community(street)

    def item(name, street_doc):
        category = make.category(name=name, street_doc=street_doc)
        return make.item(street_doc=street_doc, category=category)

    own, template, foreign = item("维修", street), item("助老", None), item("助残", elsewhere)
    for item, channel in ((own, "hotline"), (own, "window"), (template, "hotline"),
                          (own, "window"), (template, "window")):  # fmt: skip
        make.demand(mine, item, channel=channel)
    collection = Demand._get_collection()
    moved, gone, bare = (make.demand(mine, own, channel="wechat") for _n in range(3))
    collection.update_one({"_id": moved.pk}, {"$set": {"category": foreign.category.pk}})
    collection.update_one({"_id": gone.pk}, {"$set": {"category": ObjectId()}})
    collection.update_one({"_id": bare.pk}, {"$unset": {"category": 1}, "$set": {"channel": "fax"}})
    make.demand(mine, own, status="voided", void_reason="重复")  # not counted
    names = {c.pk: c.name for c in CatalogueCategory.objects}
    rows = list(collection.find({"status": {"$ne": "voided"}}))
    user = make.user("street_admin", street_doc=street)
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        found = dashboard_data.breakdown(user, datetime.now(UTC))
        by_category = Counter(names.get(d.get("category"), str(DELETED)) if d.get("category")
                              else "—" for d in rows)  # fmt: skip
        by_channel = Counter(str(label(CHANNELS, d["channel"])) for d in rows)
    assert {r["name"]: r["value"] for r in found["category"]} == by_category
    assert {r["name"]: r["value"] for r in found["channel"]} == by_channel
    assert [r["value"] for r in found["category"]] == sorted(by_category.values(), reverse=True)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_sortable_column_sorts(app, make, login, populated, endpoint):
    client = login(make.user("district_admin"))
    view = next(v for v in app.extensions["weimin_admin"]._views if v.endpoint == endpoint)
    other = make.street()
    build(view.model.__name__, other, make.community(other))  # two rows to compare
    with app.test_request_context():
        columns = [name for name, _label in view.get_list_columns()]
    sortable = [i for i, name in enumerate(columns) if name in view._sortable_columns]
    for index in sortable:
        for desc in ("0", "1"):
            response = client.get(f"/admin/{endpoint}/?sort={index}&desc={desc}")
            assert response.status_code == 200, (endpoint, columns[index], desc)


def test_home_figures_are_cached_for_a_minute(app):
    from admin.dashboard_data import CACHE_SECONDS, cached

    calls = []
    with app.app_context():
        assert cached("k", lambda: calls.append(1) or 1, now=0) == 1
        assert cached("k", lambda: calls.append(1) or 2, now=CACHE_SECONDS - 1) == 1
        assert cached("k", lambda: calls.append(1) or 3, now=CACHE_SECONDS + 1) == 3
    assert len(calls) == 2


def test_every_list_sort_and_filter_is_served_by_an_index(app):
    from admin.scope import indexed

    unserved = []
    for view in app.extensions["weimin_admin"]._views:
        model = getattr(view, "model", None)
        if model is None:
            continue
        fields = [t if isinstance(t, str) else t.name for t in view._sortable_columns.values()]
        fields += [
            f.column if isinstance(f.column, str) else f.column.name for f in view._filters or []
        ]
        unserved += [(view.endpoint, f) for f in fields if not indexed(model, f)]
    assert not unserved, f"declare an index in meta for: {unserved}"
