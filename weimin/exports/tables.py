"""The rows of an export, from its description: one function for the download made at once
and for the file the background worker writes."""

from datetime import date, datetime
from decimal import Decimal
from functools import reduce

from bson import Decimal128
from markupsafe import Markup
from mongoengine.base import get_document

from models.references import DELETED
from models.star_rating import BREAKDOWN_NOTE
from weimin.access import ref_id, shown
from weimin.core.sheets import Column, Table
from weimin.exports import demands, reports
from weimin.exports.description import rows_query
from weimin.store.db import stream

TYPED = (bool, int, float, Decimal, Decimal128, date, datetime)
# Text of list columns that only a list's formatter can give, by "<endpoint>.<column>";
# the admin registers them when it builds its views (admin.list_export).
FORMATTERS = {}
# Lists whose figures need a line on how to read them, by document class.
NOTES = {"StarRating": BREAKDOWN_NOTE}


class UnknownExport(LookupError):
    """The description names no list or report this version knows."""


def table(description, user):
    """The Table (columns, lazy rows, count) the description asks for, as `user` sees it."""
    if description.source == "list":
        return list_table(description, user)
    if description.source == "demands":
        return demands.table(description, user)
    build = reports.REPORTS.get(description.source)
    if build is None:
        raise UnknownExport(description.source)
    return build(description, user)


def list_table(description, user):
    """An admin list as shown: its filters, search, sort and columns, every row of it."""
    try:
        document = get_document(description.model)
    except Exception as exc:
        raise UnknownExport(description.model) from exc
    query = rows_query(document, description)
    columns = [
        Column(c["key"], c["title"], percent=c.get("percent", False)) for c in description.columns
    ]
    names = {}  # referenced records' names, looked up once per export

    def rows():
        for raw in stream(query):
            obj = document._from_son(raw)
            yield {c["key"]: cell(c, obj, user, names) for c in description.columns}

    note = NOTES.get(description.model)
    return Table(description.name, description.title, columns, rows(), query.count(), note)


def _value(obj, key):
    try:
        return reduce(getattr, key.split("."), obj)
    except AttributeError:
        return None


def cell(column, obj, user, names):
    """One typed cell: masks and references first, then choices, numbers and dates as they
    are, a list's own text where it has one, anything else as text without markup."""
    key, kind = column["key"], column.get("kind", "value")
    if kind == "personal":
        return shown(user, obj, key)
    if kind == "ref":
        pk = ref_id(obj, key)
        if pk is not None and pk not in names:
            found = get_document(column["document"]).objects(pk=pk).first()
            names[pk] = str(found if found is not None else DELETED)
        return names.get(pk)
    value = _value(obj, key)
    if kind == "choice" and value is not None:
        return str(dict(column["choices"]).get(value, value))
    if value is None or isinstance(value, TYPED):
        return value
    formatter = FORMATTERS.get(column.get("formatter"))
    if formatter is not None:
        text = formatter(obj)
        return Markup(text).striptags() if isinstance(text, Markup) else str(text)
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return str(value)
