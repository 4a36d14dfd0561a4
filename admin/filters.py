"""List filters Flask-Admin lacks: a reference chosen from a drop-down.

Options follow the user's scope like the lists do, and include retired records (marked): they
still stand on the records a list filters.
"""

from datetime import datetime

from bson import ObjectId
from bson.errors import InvalidId
from flask_admin.babel import lazy_gettext
from flask_admin.contrib.mongoengine.filters import BaseMongoEngineFilter
from flask_babel import lazy_gettext as _l

from admin.labels import LABELS
from admin.scope import scoped_objects
from models import CatalogueCategory, Community, Organisation, Street
from weimin.core.workdays import TZ
from weimin.demands.kpis import KPI_CODES, KPIS, kpi_filter

RETIRED = _l("(retired)")


def option_label(doc):
    """A record's name in a filter's options; a retired one says so."""
    retired = "active" in doc._fields and doc.active is False
    return f"{doc}{RETIRED}" if retired else str(doc)


class ReferenceEqualFilter(BaseMongoEngineFilter):
    """Equals one referenced document, picked by name; options follow the user's scope."""

    def __init__(self, column, name, options_query):
        super().__init__(column, name)
        self.options_query = options_query

    def get_options(self, view):
        # Flask-Admin caches options at start-up; these depend on the user, see current_options.
        return None

    def current_options(self):
        """Options for the signed-in user, computed per request."""
        return [(str(doc.id), option_label(doc)) for doc in self.options_query()]

    def validate(self, value):
        try:
            ObjectId(value)
        except (InvalidId, TypeError):
            return False
        return True

    def clean(self, value):
        return ObjectId(value)

    def apply(self, query, value):
        return query.filter(**{self.column: value})

    def operation(self):
        return lazy_gettext("equals")


def _streets():
    return scoped_objects(Street).only("name")


def _communities():
    return scoped_objects(Community).only("name")


def organisations_in_scope():
    """Organisations the current user may pick (their street's, or all for the district)."""
    return scoped_objects(Organisation).only("name", "active")


def _categories():
    return scoped_objects(CatalogueCategory).only("name", "active")


def street_filter(column="street"):
    return ReferenceEqualFilter(column, LABELS["street"], _streets)


def community_filter(column="community"):
    return ReferenceEqualFilter(column, LABELS["community"], _communities)


def category_filter(column="category"):
    return ReferenceEqualFilter(column, LABELS["category"], _categories)


class LevelFilter(BaseMongoEngineFilter):
    """District-wide records (no street) or a street's, on documents with both (calls)."""

    def __init__(self, levels, column="street"):
        super().__init__(column, _l("Level"), options=levels)
        self.codes = {code for code, _label in levels}

    def validate(self, value):
        return value in self.codes

    def apply(self, query, value):
        if value == "district":
            return query.filter(**{self.column: None})
        return query.filter(**{f"{self.column}__ne": None})

    def operation(self):
        return lazy_gettext("equals")


class KpiFilter(BaseMongoEngineFilter):
    """One of the dashboard's headline figures (weimin.demands.kpis), so a card opens its list."""

    def __init__(self):
        super().__init__("id", _l("Dashboard figure"), options=KPIS)

    def validate(self, value):
        return value in KPI_CODES

    def apply(self, query, value):
        return kpi_filter(query, value, datetime.now(TZ))

    def operation(self):
        return lazy_gettext("equals")


def kpi_arg(view, code):
    """The list URL argument (flt0_<n>=code) that applies KpiFilter with `code` on `view`."""
    for index, flt in enumerate(view._filters or ()):
        if isinstance(flt, KpiFilter):
            return {f"flt0_{view.get_filter_arg(index, flt)}": code}
    return {}
