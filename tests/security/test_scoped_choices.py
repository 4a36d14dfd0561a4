"""Choice lists offered in forms, bulk actions and list filters hold only what the user may pick."""

import json

import pytest

from models import Demand


@pytest.fixture
def world(make):
    """Streets 甲 and 乙, each with a community, an organisation and categories; a district one."""
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, b1 = make.community(a, name="甲一社区"), make.community(b, name="乙一社区")
    return {
        "a": a,
        "b": b,
        "a1": a1,
        "b1": b1,
        "org_a": make.organisation(a, name="甲街道志愿队"),
        "org_b": make.organisation(b, name="乙街道志愿队"),
        "cat_a": make.category(name="甲街道助餐", street_doc=a),
        "cat_b": make.category(name="乙街道助浴", street_doc=b),
        "cat_district": make.category(name="全区助老"),
        "demand_a": make.demand(a1),
        "demand_b": make.demand(b1),
        "users": {
            "district_admin": make.user("district_admin"),
            "street_admin": make.user("street_admin", street_doc=a),
            "community_worker": make.user("community_worker", community_doc=a1),
            "supervisor": make.user("supervisor"),
        },
    }


@pytest.mark.parametrize("role", ["district_admin", "street_admin", "community_worker"])
def test_bulk_assign_offers_the_organisations_of_the_chosen_demands_streets(login, world, role):
    client = login(world["users"][role])
    page = client.get(f"/admin/demand/bulk/?do=assign&ids={world['demand_a'].pk}").text
    assert "甲街道志愿队" in page
    assert "乙街道志愿队" not in page


def test_bulk_assign_refuses_an_organisation_outside_the_scope(login, world):
    client = login(world["users"]["community_worker"])
    demand = world["demand_a"]
    client.post(
        "/admin/demand/bulk/",
        data={"do": "assign", "ids": str(demand.pk), "organisation": str(world["org_b"].pk)},
    )
    assert Demand.objects.get(pk=demand.pk).assigned_org is None


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("district_admin", {"甲街道助餐", "乙街道助浴", "全区助老"}),
        ("street_admin", {"甲街道助餐", "全区助老"}),
        ("community_worker", {"甲街道助餐", "全区助老"}),
        ("supervisor", {"甲街道助餐", "乙街道助浴", "全区助老"}),
    ],
)
def test_the_category_filter_offers_categories_in_scope(login, world, role, offered):
    page = login(world["users"][role]).get("/admin/demand/").text
    # The filter options travel as JSON, non-ASCII characters escaped.
    names = ("甲街道助餐", "乙街道助浴", "全区助老")
    shown = {name for name in names if json.dumps(name)[1:-1] in page or name in page}
    assert shown == offered


@pytest.mark.parametrize(
    ("role", "offered"),
    [("district_admin", {"甲街道志愿队", "乙街道志愿队"}), ("street_admin", {"甲街道志愿队"})],
)
def test_the_volunteer_form_offers_teams_and_categories_in_scope(login, world, role, offered):
    page = login(world["users"][role]).get("/admin/volunteer/new/").text
    assert {name for name in ("甲街道志愿队", "乙街道志愿队") if name in page} == offered
    assert ("乙街道助浴" in page) is (role == "district_admin")
    assert "全区助老" in page and "甲街道助餐" in page


def test_the_item_form_offers_own_and_district_categories(login, world):
    page = login(world["users"]["street_admin"]).get("/admin/item/new/").text
    assert "甲街道助餐" in page and "全区助老" in page
    assert "乙街道助浴" not in page


@pytest.mark.parametrize("role", ["street_admin", "community_worker"])
def test_the_demand_form_offers_own_items_and_communities_only(login, world, make, role):
    item = make.item(name="甲街道送餐", street_doc=world["a"])
    make.item(name="乙街道洗浴", street_doc=world["b"])
    page = login(world["users"][role]).get(f"/admin/demand/new/?item={item.pk}").text
    assert "甲街道送餐" in page and "甲一社区" in page
    assert "乙街道洗浴" not in page and "乙一社区" not in page


def test_the_bulk_import_offers_the_streets_items_only(login, world, make):
    make.item(name="甲街道送餐", street_doc=world["a"])
    make.item(name="乙街道洗浴", street_doc=world["b"])
    make.item(name="全区探访")
    for role in ("street_admin", "community_worker"):
        page = login(world["users"][role]).get("/admin/demand_import/").text
        assert "甲街道送餐" in page and "全区探访" in page, role
        assert "乙街道洗浴" not in page, role
