"""The embedded-store adapters of weimin.store.db: stream, distinct_values, conditional_write."""

from datetime import UTC, datetime, timedelta

import pytest
from bson import ObjectId
from mongomock import filtering

from models import AuditEntry
from weimin.store.db import distinct_values, stream


@pytest.fixture
def entries(app):
    start = datetime(2026, 3, 1, tzinfo=UTC)
    with app.app_context():
        for n in range(30):
            AuditEntry(
                at=start + timedelta(hours=n % 7, minutes=n),
                actor_kind="user",
                actor=f"u{n % 4}",
                action="update" if n % 3 else "create",
                collection="demands",
                changes={"n": {"before": n, "after": n + 1}},
            ).save()
        yield


@pytest.mark.parametrize(
    "make_query",
    [
        lambda: AuditEntry.objects(action="update").order_by("actor", "-at"),
        lambda: AuditEntry.objects.order_by("-at").only("actor", "at"),
        lambda: AuditEntry.objects(actor__in=["u1", "u2"]).order_by("at").skip(3).limit(5),
        lambda: AuditEntry.objects.none(),
    ],
)
def test_stream_gives_what_the_cursor_gives(app, entries, make_query):
    with app.app_context():
        query = make_query()
        expected = list(query.clone().as_pymongo())
        streamed = list(stream(query))
        assert streamed == expected
        assert all(doc["at"].tzinfo is not None for doc in streamed if "at" in doc)


def test_distinct_values_are_raw_and_unique(app, entries):
    with app.app_context():
        assert sorted(distinct_values(AuditEntry.objects(action="create"), "actor")) == [
            "u0",
            "u1",
            "u2",
            "u3",
        ]
        assert distinct_values(AuditEntry.objects(actor="nobody"), "actor") == []


def test_distinct_values_filter_and_return_aware_dates(app, entries):
    first = datetime(2026, 3, 1, tzinfo=UTC)
    with app.app_context():
        assert distinct_values(AuditEntry.objects(at=first), "actor") == ["u0"]
        later = AuditEntry.objects(at__gte=first + timedelta(hours=6, minutes=10))  # n = 13, 20, 27
        assert sorted(distinct_values(later, "actor")) == ["u0", "u1", "u3"]
        dates = distinct_values(AuditEntry.objects(actor="u0"), "at")
        assert first in dates and all(d.tzinfo is not None for d in dates)


@pytest.mark.embedded_store
def test_embedded_reads_never_step_mongomocks_cursor(app, entries, monkeypatch):
    """Its next() slices the remaining results on every call: one pass costs O(N²)."""
    from mongomock.collection import Cursor

    def refuse(self):
        raise AssertionError("stepped mongomock's cursor")

    monkeypatch.setattr(Cursor, "__next__", refuse)
    with app.app_context():
        assert len(list(stream(AuditEntry.objects.order_by("-at")))) == 30
        assert len(distinct_values(AuditEntry.objects, "actor")) == 4


def test_conditional_writes_are_serialised_on_the_embedded_store(app):
    from weimin.store import db

    with app.app_context():
        locked = db.conditional_write() is db._embedded_write_lock
        assert locked is db.embedded_store()  # MongoDB applies a filtered update atomically


def test_total_order_breaks_ties_by_id_the_way_the_last_key_runs(app):
    from weimin.store.db import in_total_order

    same = datetime(2026, 3, 1, tzinfo=UTC)
    with app.app_context():
        ids = [
            AuditEntry(at=same, actor_kind="user", actor="u", action="create", collection="c")
            .save()
            .pk
            for _ in range(5)
        ]
        for ask, expected in (("-at", ids[::-1]), ("at", ids)):
            query = in_total_order(AuditEntry.objects.order_by(ask))
            assert [e.pk for e in query] == expected
            assert [d["_id"] for d in stream(AuditEntry.objects.order_by(ask))] == expected
        assert [e.pk for e in in_total_order(AuditEntry.objects)] == ids[::-1]  # meta: "-at"
        asked = AuditEntry.objects.order_by("-id")
        assert in_total_order(asked)._ordering == [("_id", -1)]  # already total: unchanged
        assert in_total_order(AuditEntry.objects.order_by())._ordering == [("_id", 1)]


NAN = float("nan")
MISSING = object()
ORDERS = {
    "strings, ties and CJK": ["张伟", "李娜", "张伟", "Zed", "abc", "王芳", "", "张伟"],
    "ids": [ObjectId() for _ in range(8)][::-1],
    "whole numbers": [3, -1, 3, 10**12, 0, 7, 3, -5],
    "dates": [datetime(2026, 1, d, 8 - d) for d in range(1, 9)],
    "mixed types and missing": ["b", 2, None, "a", MISSING, 1.5, True, [3, 1]],
    "floats with NaN": [2.5, NAN, -1.0, 2.5, 0.0, NAN, 7.25, -3.5],
    "booleans": [True, False, True, False, True, False, True, False],
}


NATIVE = [ORDERS[k] for k in ("strings, ties and CJK", "ids", "whole numbers", "dates")]


@pytest.mark.parametrize("values", ORDERS.values(), ids=ORDERS.keys())
@pytest.mark.parametrize("direction", ["", "-"])
def test_streams_order_as_the_cursor_orders(app, values, direction, monkeypatch):
    """Sorted natively when every value is one plain type, by mongomock's BSON comparison
    otherwise: either way the order MongoDB gives, ties kept in the second key's order."""
    with app.app_context():
        collection = AuditEntry._get_collection()
        for n, value in enumerate(values):
            raw = {
                "actor_kind": "user",
                "actor": f"u{n % 3}",
                "action": "update",
                "at": datetime(2026, 3, 1, n),
            }
            if value is not MISSING:
                raw["summary"] = value
            collection.insert_one(raw)
        query = AuditEntry.objects.order_by(f"{direction}summary", "actor")
        expected = list(query.clone().as_pymongo())
        if values in NATIVE:  # one plain type: mongomock's comparison is not asked at all
            monkeypatch.setattr(filtering, "resolve_sort_key", refuse_comparison)
        assert list(stream(query)) == expected


def refuse_comparison(key, document):
    raise AssertionError("sorted through mongomock's comparison")
