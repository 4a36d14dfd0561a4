"""Logging a visit and taking in what it found as a demand, in one tap, through the intake."""

from bson import ObjectId
from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError

from models import Demand, Grid, Visit
from models.base import utcnow
from models.references import ref_id
from weimin.access import items_for, scoped_query
from weimin.demands.intake import prepare_new
from weimin.store import audit

# The channel a demand taken in from a visit carries: the grid worker's (网格员) when the
# visitor has a grid, the home visit's (入户走访) when a community worker without one visited.
GRID_CHANNEL, VISIT_CHANNEL = "grid", "visit"
ALREADY = _l("This visit was already taken in as a demand")


def grids_to_log(user):
    """The grids `user` may log a visit in: their own grid, else their community's grids."""
    if user.grid is not None:
        return [user.grid]
    return list(scoped_query(user, Grid).filter(active=True).order_by("code"))


def log_visit(user, grid, values):
    """Save a visit by `user` in `grid` (one of grids_to_log); ValidationError on bad input."""
    if ref_id(grid, "community") != ref_id(user, "community"):
        raise ValidationError(errors={"grid": ValidationError(_l("Choose one of your grids"))})
    visit = Visit(grid=grid, worker=user, worker_name=user.name, **values)
    visit.save()
    return visit


def items_for_visit(user):
    """Catalogue items a visit's finding may be taken in as: active, without fields of their
    own that the visitor would have to fill."""
    items = items_for(user).filter(kind__in=["affair", "wish"]).order_by("code")
    return [i for i in items if not any(spec.get("required") for spec in i.specs())]


def take_in(visit, item, user, resident_name=None, resident_phone=None, description=None):
    """The visit's finding as a new demand through the normal intake (ticket, deadlines,
    duplicate check), linked both ways; ValidationError when a field is missing or wrong."""
    if ref_id(visit, "demand") is not None:
        raise ValidationError(errors={"demand": ValidationError(ALREADY)})
    demand = Demand(
        item=item,
        street=visit.street,
        community=visit.community,
        grid=visit.grid,
        visit=visit,
        resident_name=(resident_name or visit.met or "").strip(),
        resident_phone=(resident_phone or visit.met_phone or "").strip(),
        resident_address=visit.place,
        channel=GRID_CHANNEL if ref_id(user, "grid") else VISIT_CHANNEL,
        description=(description or visit.findings or "").strip(),
    )
    prepare_new(demand, user.username, now=utcnow())
    # Claim the visit first, atomically: of two taps, only one makes a demand.
    demand.id = ObjectId()
    if not Visit.objects(pk=visit.pk, demand=None).update_one(
        set__demand=demand.id, set__follow_up=True
    ):
        raise ValidationError(errors={"demand": ValidationError(ALREADY)})
    audit.insert_new(demand)  # prepare_new validated it in full; only its ticket is new
    change = {"demand": {"before": None, "after": demand.ticket_no}}
    audit.record("update", "visits", visit.pk, change, street=ref_id(visit, "street"))
    visit.reload()
    return demand
