"""What an export holds, as plain data: which list or report, whose, which rows and columns.

The export request is turned into a Description in the request; the download made at once
and the background worker both build the file from it (weimin.exports.tables), so the worker
needs neither the request nor the admin's parsing of it. Everything in it is BSON — ids,
dates, strings, numbers — so an ExportJob keeps it as it is.

Conditions are [field, operation, value] triples with mongoengine's operations ("" for
equals, "ne", "icontains", "gte", "in", …); the field "__raw__" holds a MongoDB condition as
Extended JSON (a stored document may not have "$" keys).
"""

from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, time
from functools import reduce

from bson import json_util
from mongoengine.queryset.visitor import Q


@dataclass
class Description:
    """One export: the list or report, the owner, the rows and the columns."""

    source: str  # "list" (an admin list), "demands", or a report: "ratings", "clearance", …
    owner: object  # the owner's user id
    scope: str  # the owner's role and area when asked (weimin.access.area_key)
    fmt: str  # "xlsx" or "csv"
    locale: str  # the language of headers and labels
    name: str  # the file name, without extension
    title: str  # the sheet title
    model: str = ""  # the document class a list shows
    where: list = field(default_factory=list)  # the owner's scope: every triple holds
    filters: list = field(default_factory=list)  # the list's filters: every triple holds
    search: list = field(default_factory=list)  # the search box: any triple holds
    sort: list = field(default_factory=list)  # order_by keys, e.g. ["-received_at"]
    columns: list = field(default_factory=list)  # [{"key", "title", "kind", "percent", …}]
    params: dict = field(default_factory=dict)  # a report's own arguments (period, month, …)

    def to_doc(self):
        return asdict(self)

    @classmethod
    def from_doc(cls, doc):
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in (doc or {}).items() if key in known})


def triple(name, operation, value):
    """One condition as it can be kept: raw conditions as Extended JSON, dates as datetimes."""
    if name == "__raw__":
        return [name, "", json_util.dumps(value)]
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    return [name, operation, value]


def _q(condition):
    name, operation, value = condition
    if name == "__raw__":
        return Q(__raw__=json_util.loads(value))
    return Q(**{f"{name}__{operation}" if operation else name: value})


def all_of(triples):
    """A Q that holds when every triple holds (an empty list: always)."""
    return reduce(lambda a, b: a & b, map(_q, triples), Q())


def any_of(triples):
    """A Q that holds when one of the triples holds (an empty list: always)."""
    return reduce(lambda a, b: a | b, map(_q, triples)) if triples else Q()


def scope_triples(flt, district_wide=False):
    """The triples of a scope filter ({field: value}; {} everything; None nothing).

    Records of district-wide documents without a street are visible to every street.
    """
    if flt is None:
        return [["id", "in", []]]
    if district_wide:
        return [[name, "in", [value, None]] for name, value in flt.items()]
    return [[name, "", value] for name, value in flt.items()]


def rows_query(document, description):
    """The document's records the description selects, in its order."""
    query = document.objects(all_of(description.where)).filter(all_of(description.filters))
    query = query.filter(any_of(description.search))
    return query.order_by(*description.sort) if description.sort else query
