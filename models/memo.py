"""A few seconds' memory of the configuration every intake reads: the street, its
communities, its catalogue items and its deadline rule set.

Intake reads them on every demand, and they change a few times a year. What is remembered is
forgotten after SECONDS, and at once on any save or delete of a Street, Community,
CatalogueItem or RuleSet in this process (their signals), so a change is never served stale
where it was made.
Writes that bypass the signals (the demo's bulk insert, a store restore, migrations) and every
new connection (each test app) call `forget()`. Other processes see a change within SECONDS.

The remembered documents are shared between requests: read them, never change them.
"""

import threading
import time

from mongoengine import signals

from models.catalogue_item import CatalogueItem
from models.community import Community
from models.references import ref_id
from models.rule_set import RuleSet
from models.street import Street

SECONDS = 5.0

_lock = threading.Lock()
_entries = {}  # key -> (remembered at, value)


def remembered(key, compute, now=None):
    """compute()'s value for `key`, computed again when older than SECONDS or forgotten."""
    now = time.monotonic() if now is None else now
    with _lock:
        hit = _entries.get(key)
    if hit is not None and 0 <= now - hit[0] < SECONDS:
        return hit[1]
    value = compute()
    with _lock:
        _entries[key] = (now, value)
    return value


def forget(*_args, **_kwargs):
    """Forget everything remembered (also a signal receiver, hence the ignored arguments)."""
    with _lock:
        _entries.clear()


def street(pk):
    """The street with this id (None when there is none)."""
    return remembered(("street", pk), lambda: Street.objects(id=pk).first())


def community(street, code):
    """The street's community with this code (None when there is none)."""
    pk = ref_id(street)
    return remembered(
        ("community", pk, code), lambda: Community.objects(street=pk, code=code).first()
    )


def street_items(street):
    """The items a street works with (CatalogueItem.objects.for_street), active or not, by id."""
    pk = ref_id(street)

    def load():
        return {item.pk: item for item in CatalogueItem.objects.for_street(street)}

    return remembered(("items", pk), load)


def active_item(street, code):
    """The street's active item with this code, or None."""
    found = [i for i in street_items(street).values() if i.active and i.code == code]
    # for_street gives a street one item per code; the lowest id wins a tie, as lists order them.
    return min(found, key=lambda item: item.pk) if found else None


def offers(street, item):
    """True when the street works with the item: for_street's rule, remembered."""
    return ref_id(item) in street_items(street)


for _sender in (Street, Community, CatalogueItem, RuleSet):
    # Module-level receivers live as long as the process; blinker keeps one connection each.
    signals.post_save.connect(forget, sender=_sender)
    signals.post_delete.connect(forget, sender=_sender)
