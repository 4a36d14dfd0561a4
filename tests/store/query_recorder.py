"""Every query the jobs and the API send, recorded while they run on the embedded store.

The jobs (clearance, ratings, volunteer stars, the deadline watch, the nightly drafts) and the
API's listings run once over a small street; each find (with its sort), count, distinct,
aggregate $match, update and delete the store receives is kept as (collection, filter, sort).
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from unittest import mock

import mongomock.collection

FILTERED = ("count_documents", "distinct", "update_one", "update_many", "delete_one")
FILTERED += ("delete_many", "find_one_and_update", "find_one_and_delete", "replace_one")


@dataclass
class SentQuery:
    label: str
    collection: str
    filter: dict
    sort: list

    def __str__(self):
        return f"{self.label} {self.collection}: {self.filter} sort {self.sort}"


@contextmanager
def recording():
    """Yield a list that fills with the queries the store receives inside the block."""
    cursors, sent = [], []
    original_cursor = mongomock.collection.Cursor.__init__

    def cursor_init(self, collection, spec=None, *args, **kwargs):
        original_cursor(self, collection, spec, *args, **kwargs)
        cursors.append(self)

    def wrap(name):
        original = getattr(mongomock.collection.Collection, name)

        def method(self, *args, **kwargs):
            if name == "aggregate":
                first = (args[0] if args else kwargs.get("pipeline") or [{}])[0]
                sent.append(("aggregate", self.name, first.get("$match", {}), []))
            else:
                flt = args[0] if args else kwargs.get("filter", {})
                if name == "distinct":
                    flt = args[1] if len(args) > 1 else kwargs.get("filter", {})
                sent.append((name, self.name, flt or {}, []))
            return original(self, *args, **kwargs)

        return method

    patches = [mock.patch.object(mongomock.collection.Cursor, "__init__", cursor_init)]
    patches += [
        mock.patch.object(mongomock.collection.Collection, name, wrap(name))
        for name in (*FILTERED, "aggregate")
    ]
    for patch in patches:
        patch.start()
    found = []
    try:
        yield found
    finally:
        for patch in patches:
            patch.stop()
        for cursor in cursors:
            sort = list(cursor._sort or [])
            found.append(SentQuery("find", cursor.collection.name, cursor._spec or {}, sort))
        found += [SentQuery(*entry) for entry in sent]


def distinct(queries):
    """One of each (collection, filter keys and operators, sort): the values do not matter."""
    seen, kept = set(), []
    for query in queries:
        shape = (query.collection, _shape(query.filter), tuple(map(tuple, query.sort)))
        if shape not in seen:
            seen.add(shape)
            kept.append(query)
    return kept


def _shape(value):
    """The filter with every value replaced by its type: what the planner decides on."""
    if isinstance(value, dict):
        return tuple(sorted((key, _shape(item)) for key, item in value.items()))
    if isinstance(value, list):
        return tuple(sorted({_shape(item) for item in value}, key=repr))
    return type(value).__name__


def month_data(make):
    """The default rule sets; a street with a community, an item, demands open and closed, a
    volunteer's hours."""
    from seeds.reference import seed_rule_sets

    seed_rule_sets()
    street = make.street()
    community = make.community(street)
    item = make.item(street_doc=street)
    received = datetime(2026, 3, 3, 2, tzinfo=UTC)
    make.demand(community, item, received_at=received)
    closed = make.demand(community, item, received_at=received + timedelta(days=1))
    closed.update(set__status="closed", set__closed_at=received + timedelta(days=2))
    volunteer = make.volunteer(community)
    make.service_record(volunteer, make.organisation(street))
    return street, community, item
