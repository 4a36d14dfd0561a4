"""Every query the admin lists offer, read off the views themselves, under each role's scope.

For each list view and each role that may read it: the default list, every column the view
offers to sort by (both ways), its search box, and every filter the view declares (Flask-Admin's
column_filters with each operation, ours in admin/filters.py, each dashboard figure), each with
a sample value.
"""

from dataclasses import dataclass, field
from datetime import date

from bson import ObjectId
from flask_admin.model import filters as base_filters
from flask_login import login_user

from admin.filters import KpiFilter, ReferenceEqualFilter
from weimin.access import READ, may
from weimin.store.indexes import predicates

SAMPLE_DAY = date(2026, 3, 1)


@dataclass
class ListQuery:
    """One query a list page sends: where it comes from, and the filter and sort it sends."""

    label: str
    collection: str
    filter: dict
    sort: list
    added: tuple = field(default=())  # the keys the filter or sort under test adds

    def __str__(self):
        return f"{self.label}: {self.filter} sort {self.sort}"


def samples(flt):
    """Values to try a filter with: every option of a figure filter, else one that validates."""
    if isinstance(flt, KpiFilter):
        return [code for code, _label in flt.options]
    if isinstance(flt, ReferenceEqualFilter):
        return [str(ObjectId())]
    if isinstance(flt, base_filters.BaseBooleanFilter):
        return ["1"]
    if isinstance(flt, base_filters.BaseDateTimeBetweenFilter):
        return [f"{SAMPLE_DAY} 00:00:00 to {SAMPLE_DAY} 23:59:59"]
    if isinstance(flt, base_filters.BaseDateBetweenFilter):
        return [f"{SAMPLE_DAY} to {SAMPLE_DAY}"]
    if isinstance(flt, base_filters.BaseDateTimeFilter):
        return [f"{SAMPLE_DAY} 00:00:00"]
    if isinstance(flt, base_filters.BaseDateFilter):
        return [str(SAMPLE_DAY)]
    options = flt.options() if callable(flt.options) else flt.options
    if options:
        return [str(options[0][0])]
    for value in ("1", "1,2", "2026-03", "x"):
        if flt.validate(value):
            return [value]
    raise AssertionError(f"no sample value for filter {flt.column} {flt.operation()}")


def compiled(label, view, query, added=()):
    return ListQuery(
        label,
        view.model._get_collection_name(),
        dict(query._query),
        list(query._ordering or []),
        tuple(added),
    )


def keys_of(query):
    keys, alternatives = predicates(query._query)
    for branches in alternatives:
        for branch in branches:
            keys.update(predicates(branch)[0])
    return set(keys)


def view_queries(view):
    """The default list, each sort and each filter of `view` for the signed-in user."""
    name = view.endpoint
    _count, default = view.get_list(0, None, False, None, [], execute=False)
    yield compiled(f"{name} default", view, default)
    base_keys = keys_of(default)
    for column in [name for name in view._sortable_columns if view.is_sortable(name)]:
        for desc in (False, True):
            _count, query = view.get_list(0, column, desc, None, [], execute=False)
            yield compiled(f"{name} sort {column}{' desc' if desc else ''}", view, query)
    if view._search_supported:
        _count, query = view.get_list(0, None, False, "12", [], execute=False)
        yield compiled(f"{name} search", view, query, keys_of(query) - base_keys)
    for index, flt in enumerate(view._filters or ()):
        for value in samples(flt):
            applied = [(index, flt.name, value)]
            _count, query = view.get_list(0, None, False, None, applied, execute=False)
            added = keys_of(query) - base_keys
            label = f"{name} filter {flt.column} {flt.operation()} {value!r}"
            yield compiled(label, view, query, added)


def admin_queries(app, users, views=None):
    """Every list query of every admin view (or of `views`) for each user who may read it."""
    admin = app.extensions["weimin_admin"]
    views = views if views is not None else [v for v in admin._views if hasattr(v, "model")]
    for view in views:
        for user in users:
            if not may(user, view.endpoint, READ):
                continue
            with app.test_request_context(f"/admin/{view.endpoint}/"):
                login_user(user)
                for query in view_queries(view):
                    query.label = f"[{user.role}] {query.label}"
                    yield query
