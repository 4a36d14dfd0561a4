"""The demand list's export: the list as shown, with the chosen item's own fields as columns.

Residents' phones and addresses, and the item's phone and ID-number values, are shown as
weimin.access shows them to the owner — as on the list and the details page.
"""

from models import CatalogueItem, Community, Demand
from models.choices import CHANNELS, KINDS, STATUSES, label
from models.references import DELETED
from weimin.access import shown
from weimin.catalogue import filters as fieldfilters
from weimin.catalogue.schema import typed_value
from weimin.core.sheets import Column, Table
from weimin.exports.description import rows_query
from weimin.store.db import stream

FIXED = ("ticket_no", "kind", "item", "community", "resident_name", "resident_phone")
FIXED += ("resident_address", "channel", "description", "status", "received_at", "deadline_at")
FIXED += ("closed_at", "overdue")
CODED = {"kind": KINDS, "channel": CHANNELS, "status": STATUSES}
VALUES = "values."


def query(description):
    """The demands of the list: scope, filters, search, sort, and the item's value filters."""
    found = rows_query(Demand, description)
    item = item_of(description)
    if item is None:
        return found, None
    values = dict(description.params.get("values") or [])
    cond, _errors = fieldfilters.condition(
        item.specs(), values, Demand._get_collection(), {"item": item.pk}
    )
    return found.filter(item=item, **({"__raw__": cond} if cond else {})), item


def item_of(description):
    item_id = description.params.get("item")
    return CatalogueItem.objects(pk=item_id).first() if item_id else None


def table(description, user):
    """The demand list's rows as `user` may see them."""
    demands, item = query(description)
    names = {
        "community": {c.pk: c.name for c in Community.objects.only("name")},
        "item": {i.pk: i.name for i in CatalogueItem.objects.only("name")},
    }
    specs = item.field_history() if item is not None else {}

    def rows():
        for doc in stream(demands):
            row = {key: doc.get(key) for key in FIXED}
            row.update({key: str(label(CODED[key], doc.get(key))) for key in CODED})
            for key, known in names.items():  # a record deleted before delete rules: "(deleted)"
                row[key] = None if doc.get(key) is None else known.get(doc[key], str(DELETED))
            for key in ("resident_phone", "resident_address"):
                row[key] = shown(user, doc, key)
            values = doc.get("values") or {}
            for name, spec in specs.items():
                value = typed_value(spec, values.get(name))
                row[VALUES + name] = shown(user, doc, name, value, kind=spec["type"])
            yield row

    columns = [Column(c["key"], c["title"]) for c in description.columns]
    return Table(description.name, description.title, columns, rows(), demands.count())
