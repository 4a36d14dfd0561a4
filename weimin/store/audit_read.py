"""The audit trail as people read it: each change as (field, before, after) in local time,
references by name, coded values in words, personal data masked as the reader sees it elsewhere.
"""

import re
from datetime import date, datetime

from bson import Decimal128, ObjectId
from flask_babel import gettext as _
from mongoengine import DateField, ListField, ReferenceField

from models.references import DELETED
from weimin.access.masking import MASKS, mask_id, mask_phone, sees_in_full
from weimin.core.timefmt import deadline_text, local_time
from weimin.store.audit_labels import VALUES, document_of, summary_text

LONGEST = 300  # characters of one value shown; the stored entry keeps it whole
DEADLINES = {"deadline_at"}  # read as the due day, "… 24:00", as the demand list shows them
# Phones and ID numbers held where no field name tells (a catalogue item's own fields).
PATTERNS = ((re.compile(r"^1\d{10}$"), mask_phone), (re.compile(r"^\d{17}[\dXx]$"), mask_id))


class Reader:
    """Turns the stored values of one collection's entries into text for one reader."""

    def __init__(self, collection, user, labels):
        self.document = document_of(collection)
        self.user, self.labels, self.names = user, labels, {}

    def rows(self, entry):
        """[(field label, before, after)] of the entry's changes."""
        full = sees_in_full(self.user, {"_id": entry.doc_id, "street": entry.street})
        rows = []
        for name, pair in (entry.changes or {}).items():
            if not isinstance(pair, dict) or set(pair) != {"before", "after"}:
                pair = {"before": None, "after": pair}  # a fact of the entry, not a change
            label = str(self.labels.get(name) or name)
            before, after = (
                self.text(name, pair["before"], full),
                self.text(name, pair["after"], full),
            )
            rows.append((label, before, after))
        return rows

    def summary(self, entry):
        """One line: the changed fields, or the entry's own summary."""
        if entry.summary:
            return summary_text(entry.summary)
        return "、".join(label for label, _b, _a in self.rows(entry))[:LONGEST]

    def text(self, name, value, full=True):
        field = self._field(name)
        shown = self._plain(field, value)
        if isinstance(value, str) and value in VALUES.get(name, {}):
            shown = str(VALUES[name][value])
        elif name in DEADLINES and isinstance(value, datetime):
            shown = deadline_text(value)
        if not full and shown:
            mask = MASKS.get(name)
            scalar = mask is not None and not isinstance(value, list | dict)
            shown = str(mask(value)) if scalar else _masked(shown)
        return shown if len(shown) <= LONGEST else shown[:LONGEST] + "…"

    def _field(self, name):
        if self.document is None:
            return None
        fields = self.document._fields
        return fields.get(self.document._reverse_db_field_map.get(name, name))

    def _plain(self, field, value):
        if value is None or value == "":
            return ""
        inner = field.field if isinstance(field, ListField) else field
        if isinstance(value, list):
            if value and all(isinstance(v, dict) for v in value):
                return _("%(count)d entries", count=len(value))
            return "、".join(self._plain(inner, v) for v in value)
        if isinstance(value, dict):
            return "；".join(f"{k}：{self._plain(None, v)}" for k, v in value.items())
        if isinstance(inner, ReferenceField) and isinstance(value, ObjectId):
            return self._name(inner.document_type, value)
        if field is not None and field.choices and not isinstance(value, bool | list):
            return str(dict(_pairs(field.choices)).get(value, value))
        if isinstance(inner, DateField) and isinstance(value, datetime):
            return value.date().isoformat()  # a calendar day, stored as midnight UTC
        return _scalar(value)

    def _name(self, document, pk):
        if (document, pk) not in self.names:
            found = document.objects(pk=pk).first()
            self.names[document, pk] = str(found) if found is not None else str(DELETED)
        return self.names[document, pk]


def _pairs(choices):
    return [c if isinstance(c, list | tuple) else (c, c) for c in choices]


def _scalar(value):
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return local_time(value, "%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal128):
        return str(value.to_decimal())
    return str(value)


def _masked(text):
    """A phone or ID number in a value no field name announced, masked all the same."""
    parts = re.split(r"([：；、\s])", text)
    for index, part in enumerate(parts):
        for pattern, mask in PATTERNS:
            if pattern.match(part):
                parts[index] = mask(part)
    return "".join(parts)
