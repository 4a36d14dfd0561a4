"""The demand list filters on an item's own fields, typed, inside the user's scope."""

import random
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from bson import Decimal128

from models import Demand

TICKET = re.compile(r"[A-Z0-9]+-\d{8}-\d{4}")  # the intake's 受理编号

NOTES = ("独居老人", "行动不便", "老人需陪护", "子女在外地", "")


@pytest.fixture
def demands(world, make):
    """15 demands of world.item in two communities of the street, 3 in another street."""
    rng = random.Random(7)
    mine = [world.community, make.community(world.street)]
    elsewhere = make.community(make.street())
    for n in range(18):
        day = rng.randint(1, 31)
        values = {
            "age": rng.randint(50, 95),
            "amount": Decimal128(Decimal(rng.randint(0, 5000)) / 100),
            "visit_date": datetime(2024, 5, day, tzinfo=UTC),
            "visit_at": datetime(2024, 5, day, rng.randint(0, 23), 30, tzinfo=UTC),
            "floor": rng.choice("12"),
            "needs": rng.sample(["meal", "clean"], rng.randint(0, 2)),
            "alone": rng.random() < 0.5,
            "note": rng.choice(NOTES),
        }
        values = {k: v for k, v in values.items() if v not in ("", []) and rng.random() < 0.9}
        demand = make.demand(mine[n % 2], world.item, values=values)
        if n >= 15:  # the item in another street: only data from before Demand.clean's rule
            Demand.objects(pk=demand.pk).update(
                set__street=elsewhere.street, set__community=elsewhere
            )
    make.demand(world.community, make.item(street_doc=world.street), values={"age": 70})
    return mine


def shown(client, query):
    page = client.get(f"/admin/demand/?{query}")
    assert page.status_code == 200
    return set(TICKET.findall(page.text))


def direct(world, condition, street=True):
    """Ticket numbers straight from the collection: the item's demands in the street."""
    scope = {"item": world.item.pk, **({"street": world.street.pk} if street else {})}
    docs = Demand._get_collection().find({**scope, **condition}, {"ticket_no": 1})
    return {doc["ticket_no"] for doc in docs}


def local_midnight(day):
    return datetime(2024, 5, day, tzinfo=UTC) - timedelta(hours=8)


CASES = [
    ("v.age.from=60&v.age.to=80", {"values.age": {"$gte": 60, "$lte": 80}}),
    ("v.age.from=90", {"values.age": {"$gte": 90}}),
    ("v.floor=2", {"values.floor": "2"}),
    ("v.needs=meal", {"values.needs": "meal"}),
    ("v.alone=yes", {"values.alone": True}),
    ("v.alone=no&v.age.to=70", {"values.alone": False, "values.age": {"$lte": 70}}),
    ("v.note=%E8%80%81%E4%BA%BA", {"values.note": {"$regex": "老人"}}),
    (
        "v.visit_date.from=2024-05-10&v.visit_date.to=2024-05-20",
        {
            "values.visit_date": {
                "$gte": datetime(2024, 5, 10, tzinfo=UTC),
                "$lte": datetime(2024, 5, 20, tzinfo=UTC),
            }
        },
    ),
    (
        "v.visit_at.from=2024-05-10&v.visit_at.to=2024-05-12",
        {"values.visit_at": {"$gte": local_midnight(10), "$lt": local_midnight(13)}},
    ),
]


def test_each_runtime_filter_shows_exactly_what_a_direct_query_finds(
    login, admin_of, world, demands
):
    client = login(admin_of(world))
    everything = direct(world, {})
    for query, condition in CASES:
        expected = direct(world, condition)
        assert shown(client, f"item={world.item.pk}&{query}") == expected, query
        assert expected != everything, query  # the filter does narrow
    assert shown(client, f"item={world.item.pk}") == everything


def test_a_decimal_range_compares_numbers(login, admin_of, world, demands):
    client = login(admin_of(world))
    expected = {
        doc["ticket_no"]
        for doc in Demand._get_collection().find({"item": world.item.pk, "street": world.street.pk})
        if "amount" in doc["values"]
        and Decimal("10") <= doc["values"]["amount"].to_decimal() <= Decimal("30.5")
    }
    assert shown(client, f"item={world.item.pk}&v.amount.from=10&v.amount.to=30.5") == expected


def test_filters_stay_inside_the_users_scope(login, world, demands, make):
    worker = make.user("community_worker", community_doc=demands[1], street_doc=world.street)
    client = login(worker)
    condition = {"values.floor": "1", "community": demands[1].pk}
    assert shown(client, f"item={world.item.pk}&v.floor=1") == direct(world, condition)


def test_the_list_shows_the_items_fields_as_columns(login, admin_of, world, make):
    values = {"floor": "2", "needs": ["meal", "clean"], "alone": True, "age": 88}
    demand = make.demand(world.community, world.item, values=values)
    page = login(admin_of(world)).get(f"/admin/demand/?item={world.item.pk}").text
    assert "楼层" in page and "需要" in page and 'data-filter="v.age"' in page
    row = page[page.index(demand.ticket_no) :]
    for text in ("二楼", "助餐、保洁", "是", "88"):
        assert text in row


def test_an_unusable_filter_value_is_reported_and_ignored(login, admin_of, world, demands):
    client = login(admin_of(world))
    page = client.get(f"/admin/demand/?item={world.item.pk}&v.age.from=很老")
    assert "筛选条件未生效：年龄: 请输入整数。" in page.text
    assert set(TICKET.findall(page.text)) == direct(world, {})
