"""What API intake remembers between requests never outlives a change: items, communities,
rule sets, request schemas, and the token's last use."""

from datetime import timedelta

import pytest

from api.intake_schema import intake_schema
from models import ApiToken, Counter, Demand, RuleSet, memo
from models.api_token import LAST_USED_EVERY
from models.base import utcnow
from models.rule_defaults import DEADLINE
from weimin.demands.deadlines import working_deadline
from weimin.store.db import init_db


@pytest.fixture
def world(make):
    street = make.street()
    community = make.community(street)
    item = make.item(street_doc=street, code="SV01")
    token, secret = make.api_token(street, "demands:create")
    headers = {"Authorization": f"Bearer {secret}"}
    return {"street": street, "community": community, "item": item, "token": token, "h": headers}


def take_in(client, world, **changes):
    body = {
        "item": "SV01",
        "community": world["community"].code,
        "resident_name": "孙丽",
        "resident_phone": "13800138000",
        "description": "需要上门",
        **changes,
    }
    return client.post("/api/v1/demands", json=body, headers=world["h"])


def test_an_item_change_is_seen_by_the_next_intake(client, world, make):
    spare = make.item(street_doc=world["street"], code="SV02")
    assert take_in(client, world).status_code == 201  # the street's items are now remembered
    item = world["item"]
    item.fields = [{"name": "age", "label_zh": "年龄", "type": "integer", "required": True}]
    item.save()
    answer = take_in(client, world)
    assert answer.status_code == 400 and answer.json["errors"] == {"values.age": ["此项为必填。"]}
    assert take_in(client, world, values={"age": 80}).json["item_version"] == 2
    item.active = False
    item.save()
    assert take_in(client, world).status_code == 404
    spare.delete()
    assert take_in(client, world, item="SV02").status_code == 404


def test_a_rule_set_change_is_seen_by_the_next_intake(client, world):
    def routine_days(phone):
        demand = Demand.objects.get(
            ticket_no=take_in(client, world, resident_phone=phone).json["ticket_no"]
        )
        for days in range(1, 20):
            if working_deadline(demand.received_at, days) == demand.deadline_at:
                return days
        return None

    assert routine_days("13800138000") == 3  # the shipped rules, now remembered
    levels = {**DEADLINE["levels"], "routine": {"deadline_days": 7, "response_hours": 24}}
    params = {**DEADLINE, "levels": levels}
    rules = RuleSet(kind="deadline", code="local", name="时限", street=world["street"])
    rules.params = params
    rules.save()
    assert routine_days("13900139000") == 7
    rules.delete()
    assert routine_days("13700137000") == 3


def test_remembered_values_expire_and_are_forgotten_on_changes(app, make):
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.remembered("k", compute, now=100.0) == 1
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS - 0.1) == 1
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS) == 2
    make.category()  # not a remembered kind: nothing is forgotten
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS) == 2
    make.item()
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS) == 3
    make.street()
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS) == 4
    make.community()  # a street and its community: forgotten twice, computed once
    assert memo.remembered("k", compute, now=100.0 + memo.SECONDS) == 5


def test_a_street_change_is_seen_by_the_next_intake(client, world):
    street = world["street"]
    assert take_in(client, world).json["ticket_no"].startswith(f"{street.code}-")
    street.code = "NEW"
    street.save()
    second = take_in(client, world, resident_phone="13900139000")
    assert second.json["ticket_no"].startswith("NEW-")


def test_a_community_change_is_seen_by_the_next_intake(client, world, make):
    community = world["community"]
    old = community.code
    assert take_in(client, world).status_code == 201  # the community is now remembered
    community.code = "NEW"
    community.save()
    assert take_in(client, world, community=old, resident_phone="13900139000").status_code == 404
    answer = take_in(client, world, community="NEW", resident_phone="13700137000")
    assert answer.status_code == 201
    assert Demand.objects.get(ticket_no=answer.json["ticket_no"]).community == community
    community.street = make.street()  # out of the token's street
    community.save()
    assert take_in(client, world, community="NEW", resident_phone="13600136000").status_code == 404


def test_a_new_connection_remembers_nothing_of_the_last_one(app):
    memo.remembered("k", lambda: "old")
    init_db(app)  # what every create_app does: each test app has a store of its own
    assert memo.remembered("k", lambda: "new") == "new"


def test_the_request_schema_is_built_once_per_item_version(app, world):
    item = world["item"]
    schema = intake_schema(item)
    assert intake_schema(item) is schema
    item.fields = [{"name": "age", "label_zh": "年龄", "type": "integer"}]
    item.save()
    newer = intake_schema(item)
    assert item.version == 2 and newer is not schema and intake_schema(item) is newer
    assert "age" in newer.fields["values"].schema.fields
    assert "age" not in schema.fields["values"].schema.fields


def test_invalid_demand_found_by_intake_validation_is_400_and_takes_no_ticket(
    client, world, monkeypatch
):
    monkeypatch.setattr(Demand, "_item_offered", lambda self: False)
    answer = take_in(client, world)
    assert answer.status_code == 400
    assert answer.json["errors"] == {"item": ["该事项属于其他街道的目录。"]}
    assert Demand.objects.count() == 0 and Counter.objects.count() == 0


def test_the_token_records_its_last_use_at_most_once_a_minute(client, world):
    assert take_in(client, world).status_code == 201
    first = ApiToken.objects.get(pk=world["token"].pk).last_used_at
    assert first is not None
    assert take_in(client, world, resident_phone="13900139000").status_code == 201
    assert ApiToken.objects.get(pk=world["token"].pk).last_used_at == first


def test_mark_used_writes_only_when_the_last_use_is_a_minute_old(app, world):
    token = ApiToken.objects.get(pk=world["token"].pk)
    now = utcnow().replace(microsecond=0)
    assert token.mark_used(now) is True
    assert token.mark_used(now + LAST_USED_EVERY - timedelta(seconds=1)) is False
    assert ApiToken.objects.get(pk=token.pk).last_used_at == now
    later = now + LAST_USED_EVERY
    assert token.mark_used(later) is True
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later
