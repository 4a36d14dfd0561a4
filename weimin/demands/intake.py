"""Intake: what the product decides when a demand comes in, whatever the channel."""

from bson import ObjectId
from flask_babel import gettext as _

from models import Demand
from models.base import utcnow
from models.demand import Transition
from models.references import ref_id
from models.validators import normalise_phone
from weimin.core.timefmt import deadline_text
from weimin.demands import deadlines
from weimin.demands.lifecycle import INITIAL
from weimin.demands.tickets import next_ticket_no
from weimin.notify import demand_received


def duplicates(demand, earlier):
    """`earlier` is what `demand` duplicates: same resident phone and item, counted and open
    when it came in."""
    phone = demand.resident_phone
    return (
        earlier.pk != demand.pk
        and ref_id(earlier, "item") == ref_id(demand, "item")
        and not earlier.uncounted
        and earlier.was_open_at(demand.received_at)
        # Stored phones are normalised; normalising is the slow part, so only when they differ.
        and bool(phone)
        and (earlier.resident_phone == phone or earlier.resident_phone == normalise_phone(phone))
    )


# What `duplicates` reads of a stored demand, and the ticket number the receipt names.
DUPLICATE_FIELDS = dict.fromkeys(
    ("ticket_no", "resident_phone", "item", "received_at", "closed_at", "rejected_at", "status"),
    1,
)


def find_duplicate(demand):
    """The earliest stored demand that `demand` duplicates, if any.

    The store answers the indexed equality (the phone's demands of the item, a handful);
    which of them were counted and open when `demand` came in, `duplicates` decides in memory.
    """
    if not (demand.resident_phone and demand.item):
        return None
    phone = normalise_phone(demand.resident_phone)
    at = demand.received_at
    # Narrowed (a superset of open_at) so that a phone with many closed demands, a hotline's
    # say, reads only the few that may still have been open.
    still = [{"closed_at": None}, {"closed_at": {"$gte": at}}, {"rejected_at": {"$gte": at}}]
    query = {"resident_phone": phone, "item": ref_id(demand, "item")}
    if at is not None:
        query["$or"] = still
    stored = Demand._get_collection().find(query, DUPLICATE_FIELDS)
    earlier = sorted((Demand._from_son(raw) for raw in stored), key=lambda d: (d.received_at, d.pk))
    return next((found for found in earlier if duplicates(demand, found)), None)


def admit(demand, actor, now, rules):
    """Decide what intake decides for a demand received at `now`: status, deadlines, first step.

    `rules` is the street's DeadlineRules; nothing is read from or written to the store.
    """
    item = demand.item
    demand.kind = item.kind
    demand.category = ref_id(item, "category")  # the id: reading the category is not needed
    demand.item_version = item.version
    demand.handling_level = item.handling_level
    demand.received_at = now
    demand.status = INITIAL[item.kind]
    demand.response_due_at = rules.response_due(item, now)
    if item.kind == "wish":
        demand.deadline_at = rules.claim_window_end(item, now)
    else:
        demand.deadline_at = rules.work_deadline(item, item.handling_level, now)
    demand.timeline = [
        Transition(
            at=now,
            actor=actor,
            action="intake",
            to_status=demand.status,
            note=demand.channel,
            deadline_at=demand.deadline_at,
        )
    ]
    return demand


PENDING = "-"  # the ticket number while the demand is checked


def prepare_new(demand, actor, now=None, rules=None):
    """Admit a demand and give it its ticket number, duplicate link and receipt message.

    The demand is validated first (mongoengine ValidationError): a ticket number is taken only
    by a demand that will save, so rejected input leaves no gap in the day's numbers.
    """
    now = now or utcnow()
    admit(demand, actor, now, rules or deadlines.DeadlineRules.recent(demand.street))
    demand.ticket_no = PENDING
    demand.validate()
    demand.ticket_no = next_ticket_no(demand.street, now)
    demand.duplicate_of = find_duplicate(demand)
    # The receipt message is written first, under the id the demand is then saved with.
    demand.id = demand.id or ObjectId()
    demand_received(demand)
    return demand


def receipt(demand):
    """What whoever took the demand in is told at once: ticket, deadline, likely duplicate."""
    earlier = demand.duplicate_of
    text = _(
        "Taken in as %(ticket)s; deadline %(deadline)s.",
        ticket=demand.ticket_no,
        deadline=deadline_text(demand.deadline_at),
    )
    duplicate = None
    if earlier is not None:
        duplicate = {
            "id": str(earlier.pk),
            "ticket_no": earlier.ticket_no,
            "message": duplicate_text(earlier.ticket_no),
        }
    return {
        "ticket_no": demand.ticket_no,
        "deadline_text": deadline_text(demand.deadline_at),
        "message": text,
        "duplicate": duplicate,
    }


def duplicate_text(ticket):
    return _("The same phone has an open demand for the same item: %(ticket)s", ticket=ticket)
