"""Copies of stored documents that skip the values nobody can change in place.

mongomock hands out a copy of every stored value, datetimes and ids included, with copy.copy,
which rebuilds those through the pickling protocol: about half of reading a projected document.
Immutable scalars are handed out as they are; lists and dicts are still copied, so a caller
never shares a stored document's containers.
"""

import copy
import functools
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from bson import Decimal128, Int64, ObjectId

# Exact types: a subclass could add state, so it is copied as before.
IMMUTABLE = frozenset(
    {str, int, float, bool, type(None), bytes, datetime, date, Decimal, Decimal128, Int64}
    | {ObjectId, UUID}
)


def copy_value(obj, container):
    """mongomock's _copy_field, without copying what cannot change."""
    kind = type(obj)
    if kind in IMMUTABLE:
        return obj
    if kind is list or isinstance(obj, list):
        return [copy_value(item, container) for item in obj]
    if isinstance(obj, dict):
        new = container()
        for key, value in obj.items():
            new[key] = copy_value(value, container)
        return new
    return copy.copy(obj)


@functools.cache
def install():
    """Use copy_value for every document mongomock hands out (once per process)."""
    from mongomock import collection

    collection._copy_field = copy_value
