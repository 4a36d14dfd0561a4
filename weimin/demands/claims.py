"""How many wishes a volunteer holds, kept in one counter per volunteer so that the claim
limit holds however many claims arrive at once.

Counting the claimed wishes and then writing the claim are two steps: ten parallel claims all
count the same number and all pass. Instead a claim first takes a slot with one conditional
update of the volunteer's counter (`seq < limit`, then +1); MongoDB applies it atomically, so
at most `limit` slots are ever taken. A claim that then fails gives its slot back, and so does
every step that ends a claim (fulfil, release, the expiry job's release).

The counter lives in the `counters` collection (`claims:<volunteer id>`), in the shape of the
other counters. A volunteer without one gets it from the wishes they hold in the store.
"""

from pymongo.errors import DuplicateKeyError

from models import Counter, Demand
from weimin.store.db import conditional_write


def _key(volunteer):
    """The counter's name; `volunteer` may be a document, a DBRef or an id."""
    return f"claims:{getattr(volunteer, 'pk', None) or getattr(volunteer, 'id', volunteer)}"


def held_by(volunteer):
    """How many wishes `volunteer` holds (claimed, not yet fulfilled or released) in the store."""
    return Demand.objects(kind="wish", status="claimed", assigned_volunteer=volunteer).count()


def held(volunteer):
    """The volunteer's counter, made from the store the first time; at least the store's count."""
    counters = Counter._get_collection()
    stored = held_by(volunteer)
    try:
        # Only the first of several parallel first claims inserts; the others change nothing.
        counters.update_one(
            {"_id": _key(volunteer)}, {"$setOnInsert": {"seq": stored}}, upsert=True
        )
    except DuplicateKeyError:
        pass
    return max(counters.find_one({"_id": _key(volunteer)})["seq"], stored)


def take_slot(volunteer, limit):
    """Take one of the volunteer's `limit` slots; False when all are taken."""
    with conditional_write():
        taken = Counter._get_collection().find_one_and_update(
            {"_id": _key(volunteer), "seq": {"$lt": limit}}, {"$inc": {"seq": 1}}
        )
    return taken is not None


def give_back(volunteer):
    """Free one slot: a claim failed or ended."""
    with conditional_write():
        Counter._get_collection().update_one(
            {"_id": _key(volunteer), "seq": {"$gt": 0}}, {"$inc": {"seq": -1}}
        )
