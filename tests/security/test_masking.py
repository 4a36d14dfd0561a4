"""Residents' phones and addresses are shown in full only to the staff who call them back."""

import pytest


@pytest.fixture
def demand(make):
    street = make.street()
    community = make.community(street)
    return make.demand(
        community, resident_phone="13912345678", resident_address="幸福小区3幢2单元501室"
    )


@pytest.mark.parametrize(
    ("role", "full"),
    [
        ("district_admin", True),
        ("street_admin", True),
        ("community_worker", True),
        ("supervisor", False),
    ],
)
def test_demand_details_mask_by_role(make, login, demand, role, full):
    scope = {
        "street_admin": {"street_doc": demand.street},
        "community_worker": {"community_doc": demand.community},
    }.get(role, {})
    client = login(make.user(role, **scope))
    page = client.get(f"/admin/demand/details/?id={demand.id}").text
    assert ("13912345678" in page) is full
    assert ("3幢2单元501室" in page) is full
    if not full:
        assert "139****5678" in page and "幸福小区****" in page
