"""A resident's own request, taken in through the same intake as every channel."""

from models import CatalogueCategory, CatalogueItem, Demand
from models.base import utcnow
from models.references import ref_id
from weimin.catalogue.spec import store_values
from weimin.demands.intake import prepare_new
from weimin.residents import consent
from weimin.residents.throttle import clean_address
from weimin.store.audit import insert_new

CHANNEL = "resident"
ACTOR = "resident"  # the timeline's actor: residents have no account
OFFERED = ("affair", "wish")  # micro-projects are applied for by organisations, not residents


def _offered(community):
    return CatalogueItem.objects.for_street(community.street).filter(active=True, kind__in=OFFERED)


def offered_by_category(community):
    """[(category name, [items])] a resident may ask for, in catalogue order."""
    items = list(_offered(community).only("code", "name", "kind", "category").order_by("code"))
    ids = {ref_id(item, "category") for item in items}
    names = {c.pk: c.name for c in CatalogueCategory.objects(id__in=list(ids)).only("name")}
    groups = {}
    for item in items:
        groups.setdefault(names.get(ref_id(item, "category"), ""), []).append(item)
    return sorted(groups.items(), key=lambda group: group[1][0].code)


def find_item(community, code):
    """The offered item with this code, or None."""
    return _offered(community).filter(code=code).first()


def new_demand(community, item, person, values, now=None):
    """A demand ready to save, admitted by intake (ticket, deadline, duplicate link).

    `person` has resident_name, resident_phone, resident_address and description; `values`
    are the item's cleaned field values. Raises mongoengine's ValidationError on bad input,
    before any ticket number is taken.
    """
    now = now or utcnow()
    demand = Demand(
        item=item,
        street=community.street,
        community=community,
        channel=CHANNEL,
        resident_name=(person["resident_name"] or "").strip(),
        resident_phone=(person["resident_phone"] or "").strip(),
        resident_address=clean_address(person["resident_address"]) or None,
        description=(person["description"] or "").strip(),
        consent=consent.record(now),
    )
    demand.values = store_values(item.specs(), values)
    return prepare_new(demand, ACTOR, now=now)


def save(demand):
    """Store a demand new_demand prepared (it was validated in full there)."""
    return insert_new(demand)
