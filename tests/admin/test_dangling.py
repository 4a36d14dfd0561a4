"""Older data may point at records deleted before delete rules existed: every page still opens
and shows "（已删除）" where the record was."""

import pytest

from models import (
    CatalogueCategory,
    CatalogueItem,
    ClearanceReport,
    Community,
    Demand,
    Organisation,
)
from weimin.core.periods import month_of

DELETED = "（已删除）"
ROLES = ("district_admin", "street_admin", "community_worker", "supervisor")


def raw_delete(doc):
    """Delete behind the model's back, as a script or an old version of the product did."""
    type(doc)._get_collection().delete_one({"_id": doc.pk})


@pytest.fixture
def world(make):
    street = make.street(name="甲街道")
    home, gone = make.community(street, name="甲一社区"), make.community(street, name="甲二社区")
    item = make.item(name="上门理发", street_doc=street)
    org = make.organisation(street, name="夕阳红志愿队")
    demand = make.demand(home, item, assigned_org=org)
    month = month_of(demand.received_at)
    for community, level in ((gone, "community"), (None, "street")):
        ClearanceReport(month=month, level=level, street=street, community=community, rank=1,
                        honour="red" if community else None, composite=0.9,
                        published=True).save()  # fmt: skip
    for doc in (item, item.category, org, gone):
        raw_delete(doc)
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=home),
        "supervisor": make.user("supervisor"),
    }
    return {"street": street, "demand": demand, "item": item, "month": month, "users": users}


def test_the_references_are_really_gone(world):
    assert CatalogueItem.objects(pk=world["item"].pk).count() == 0
    assert CatalogueCategory.objects.count() == 0
    assert Organisation.objects.count() == 0
    assert Community.objects(name="甲二社区").count() == 0


@pytest.mark.parametrize("role", ROLES)
def test_demand_pages_open_and_say_deleted(login, world, role):
    client = login(world["users"][role])
    demand = world["demand"]
    pages = {
        "list": "/admin/demand/",
        "search": f"/admin/demand/?search={demand.ticket_no}",
        "item list": f"/admin/demand/?item={world['item'].pk}",
        "details": f"/admin/demand/details/?id={demand.pk}",
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (role, name)
        assert DELETED in response.text, (role, name)


@pytest.mark.parametrize("role", ["street_admin", "community_worker"])
def test_a_demand_with_a_deleted_item_can_still_be_edited(login, world, role):
    client = login(world["users"][role])
    demand = world["demand"]
    assert client.get(f"/admin/demand/edit/?id={demand.pk}").status_code == 200
    form = {
        "street": str(demand.street.pk),
        "community": str(demand.community.pk),
        "resident_name": "赵敏",
        "resident_phone": demand.resident_phone,
        "channel": "window",
        "description": "楼道灯还是坏的",
    }
    response = client.post(f"/admin/demand/edit/?id={demand.pk}", data=form)
    assert response.status_code == 302, response.text[:2000]
    saved = Demand.objects.get(pk=demand.pk)
    assert saved.description == "楼道灯还是坏的"
    assert saved._data["item"].id == world["item"].pk  # the old reference is kept as it was


@pytest.mark.parametrize("role", ["district_admin", "street_admin", "supervisor"])
def test_the_demand_export_opens(login, world, role):
    response = login(world["users"][role]).get("/admin/demand/export/csv/")
    assert response.status_code == 200
    assert DELETED in response.text


def test_the_public_status_lookup_answers(client, world):
    demand = world["demand"]
    response = client.get(f"/api/v1/demands/{demand.ticket_no}?phone4={demand.resident_phone[-4:]}")
    assert response.status_code == 200
    assert response.get_json()["item"] == DELETED


@pytest.mark.parametrize("role", ROLES)
def test_the_home_page_board_and_reports_open(login, world, role):
    client = login(world["users"][role])
    home = client.get("/admin/")
    assert home.status_code == 200, role
    assert DELETED in home.text, role  # the red list's deleted community, the category chart
    board = client.get(f"/admin/clearance_report/board/?street={world['street'].pk}")
    assert board.status_code == 200, role
    assert DELETED in board.text, role
    assert client.get("/admin/clearance_report/").status_code == 200, role
    exported = client.get(f"/admin/exports/clearance?format=csv&month={world['month']}")
    assert exported.status_code == 200, role


@pytest.mark.parametrize("endpoint", ["organisation", "item", "category", "community"])
def test_the_other_lists_open(login, world, endpoint):
    assert login(world["users"]["district_admin"]).get(f"/admin/{endpoint}/").status_code == 200
