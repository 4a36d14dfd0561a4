"""A demand's item is one its street works with: the catalogue's own for_street rule."""

import pytest
from mongoengine import ValidationError

from models import CatalogueItem, Demand


def _demand(community, item):
    return Demand(
        item=item,
        kind=item.kind,
        street=community.street,
        community=community,
        resident_name="王",
        resident_phone="13912345678",
        channel="window",
        description="路灯不亮",
    )


def test_an_adopted_template_is_refused_as_for_street_hides_it(make):
    community, other = make.community(), make.community()
    template = make.item()
    make.item(street_doc=community.street, template=template)
    own_elsewhere = make.item(street_doc=other.street)
    for item, expected in ((template, False), (own_elsewhere, False)):
        offered = CatalogueItem.objects.for_street(community.street).filter(id=item.pk)
        assert (offered.count() == 1) is expected
        with pytest.raises(ValidationError) as exc:
            _demand(community, item).clean()
        assert "item" in exc.value.errors
    # The street that has not adopted the template still works with it.
    assert CatalogueItem.objects.for_street(other.street).filter(id=template.pk).count() == 1
    _demand(other, template).clean()


def test_a_demand_made_before_the_adoption_still_saves(make):
    community = make.community()
    template = make.item()
    demand = make.demand(community, template)
    make.item(street_doc=community.street, template=template)
    demand.resident_name = "王二"
    demand.save()
    assert Demand.objects.get(pk=demand.pk).resident_name == "王二"
