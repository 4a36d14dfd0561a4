"""Which earlier demand a new one duplicates: the earliest of the same phone and item that
counted and was open when the new one came in; and how a new demand is stored."""

from datetime import timedelta

import pytest
from mongoengine import NotUniqueError

from models import AuditEntry, Demand
from models.base import utcnow
from weimin.demands.intake import find_duplicate, prepare_new
from weimin.store.audit import insert_new

PHONE = "13805740002"


@pytest.fixture
def place(make):
    street = make.street()
    return street, make.community(street), make.item(street_doc=street)


def new(community, item, when, phone=PHONE):
    """A demand about to be taken in at `when`."""
    return Demand(
        item=item,
        street=community.street,
        community=community,
        resident_name="钱多多",
        resident_phone=phone,
        channel="window",
        description="楼道灯坏了",
        received_at=when,
    )


def test_the_earliest_open_demand_of_the_phone_and_item_is_found(make, place):
    _street, community, item = place
    now = utcnow()
    make.demand(community, item, resident_phone=PHONE, received_at=now - timedelta(hours=1))
    earliest = make.demand(community, item, resident_phone=PHONE, received_at=now - timedelta(2))
    assert find_duplicate(new(community, item, now)) == earliest
    assert find_duplicate(new(community, item, now, phone="138-0574-0002")) == earliest
    assert find_duplicate(new(community, item, now, phone="13805740003")) is None


def test_left_uncounted_other_items_and_later_demands_are_no_duplicates(make, place):
    street, community, item = place
    now = utcnow()
    before, after = now - timedelta(days=1), now - timedelta(hours=2)

    def earlier(**kw):
        kw.setdefault("received_at", before)
        return make.demand(community, kw.pop("item", item), resident_phone=PHONE, **kw)

    earlier(status="closed", closed_at=after)
    earlier(status="rejected", rejected_at=after, reject_reason="不属于受理范围")
    earlier(status="voided", void_reason="重复录入")
    earlier(status="merged")
    earlier(item=make.item(street_doc=street))
    earlier(received_at=now + timedelta(minutes=1))
    assert find_duplicate(new(community, item, now)) is None
    # The closed one was still open a day and a half ago: a demand received then duplicates it.
    closed = Demand.objects.get(status="closed")
    assert find_duplicate(new(community, item, now - timedelta(hours=12))) == closed


def test_a_new_demand_is_inserted_once_with_its_create_entry(app, make, place):
    _street, community, item = place
    with app.test_request_context():
        demand = prepare_new(new(community, item, None), "热线平台")
        insert_new(demand)
        (entry,) = AuditEntry.objects(doc_id=str(demand.pk))
        assert entry.action == "create" and entry.subject == demand.ticket_no
        assert entry.changes["ticket_no"] == {"before": None, "after": demand.ticket_no}
        with pytest.raises(NotUniqueError):  # an insert never overwrites a stored demand
            insert_new(Demand.objects.get(pk=demand.pk))
    assert AuditEntry.objects(doc_id=str(demand.pk)).count() == 1
