"""The embedded store hands out copies: the same values, never a stored list or dict."""

import copy
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from bson import Decimal128, ObjectId
from mongomock import collection as mongomock_collection

from weimin.store.copies import copy_value
from weimin.store.db import database

pytestmark = pytest.mark.embedded_store

DOC = {
    "_id": ObjectId(),
    "at": datetime(2026, 3, 1, 8, 30),
    "money": Decimal128(Decimal("12.50")),
    "n": 3,
    "ok": True,
    "none": None,
    "tags": ["a", {"b": [1, 2]}],
    "nested": {"when": datetime(2026, 3, 2), "ids": [ObjectId()]},
}


def test_copies_equal_mongomocks_and_share_no_container():
    copied = copy_value(DOC, dict)
    assert copied == copy.deepcopy(DOC)
    assert copied["tags"] is not DOC["tags"] and copied["tags"][1] is not DOC["tags"][1]
    assert copied["nested"] is not DOC["nested"]
    assert copied["nested"]["ids"] is not DOC["nested"]["ids"]


def test_the_store_reads_through_it_and_its_answers_cannot_change_the_store(app):
    assert mongomock_collection._copy_field is copy_value
    things = database()["things"]
    things.insert_one(dict(DOC))
    found = things.find_one({}, {"tags": 1, "nested": 1})
    found["tags"].append("changed")
    found["nested"]["ids"].clear()
    again = things.find_one({"_id": DOC["_id"]})
    assert again["tags"] == DOC["tags"] and again["nested"]["ids"] == DOC["nested"]["ids"]
    assert again["at"] == DOC["at"].replace(tzinfo=UTC) and again["money"] == DOC["money"]
