"""Channel integrations read the catalogue and take in demands checked by the item's fields."""

from decimal import Decimal

from bson import Decimal128

from models import Counter, Demand

GOOD = {
    "resident_name": "孙丽",
    "resident_phone": "13800138000",
    "description": "希望每周上门两次",
    "values": {
        "age": 80,
        "amount": "12.50",
        "visit_date": "2024-05-01",
        "visit_at": "2024-05-01T09:30:00+08:00",
        "floor": "1",
        "needs": ["clean", "meal"],
        "alone": False,
        "id_no": "11010519491231002X",
    },
}


def body(world, **changes):
    return {"item": world.item.code, "community": world.community.code, **GOOD, **changes}


def test_the_catalogue_lists_the_streets_items_with_fields_and_a_json_schema(client, world, make):
    template = make.item(code="TPL", name="区级模板")
    make.item(street_doc=make.street(), code="OTHER")
    answer = client.get("/api/v1/catalogue/items", headers=world.auth)
    assert answer.status_code == 200
    codes = [item["code"] for item in answer.json["items"]]
    assert codes == ["FW01", "TPL"] and template.street is None
    one = client.get("/api/v1/catalogue/items/FW01", headers=world.auth).json
    assert [f["name"] for f in one["fields"]][:3] == ["note", "detail", "age"]
    schema = one["values_schema"]
    assert schema["required"] == ["age"] and schema["additionalProperties"] is False
    assert schema["properties"]["age"] == {
        "type": "integer",
        "title": "年龄",
        "minimum": 0,
        "maximum": 120,
    }
    assert schema["properties"]["needs"]["items"]["enum"] == ["meal", "clean"]
    english = client.get(
        "/api/v1/catalogue/items/FW01", headers={**world.auth, "Accept-Language": "en"}
    )
    assert english.json["values_schema"]["properties"]["age"]["title"] == "Age"
    assert client.get("/api/v1/catalogue/items/OTHER", headers=world.auth).status_code == 404


def test_a_good_demand_is_taken_in_with_typed_values(client, world):
    answer = client.post("/api/v1/demands", json=body(world), headers=world.auth)
    assert answer.status_code == 201, answer.json
    demand = Demand.objects.get(ticket_no=answer.json["ticket_no"])
    raw = Demand._get_collection().find_one({"_id": demand.pk})["values"]
    assert raw["age"] == 80 and raw["amount"] == Decimal128("12.50") and raw["alone"] is False
    assert raw["needs"] == ["meal", "clean"]  # in the item's order
    assert raw["visit_at"].hour == 1 and raw["visit_date"].hour == 0
    assert demand.street == world.street and demand.status == "received" and demand.deadline_at
    assert demand.item_version == world.item.version and demand.timeline[0].action == "intake"
    assert answer.json["item"] == "FW01" and answer.json["item_version"] == world.item.version


def test_bad_input_answers_400_field_by_field_and_stores_nothing(client, world):
    values = {**GOOD["values"], "age": "很老", "amount": "free", "floor": "9", "ghost": 1}
    del values["id_no"]
    bad = body(world, resident_phone="12345", values=values)
    del bad["description"]
    answer = client.post("/api/v1/demands", json=bad, headers=world.auth)
    assert answer.status_code == 400
    assert answer.json["message"] == "请求中有字段不合法。"
    assert answer.json["errors"] == {
        "description": ["此项为必填。"],
        "resident_phone": ["不是有效的手机或固定电话号码"],
        "values.age": ["请输入整数。"],
        "values.amount": ["请输入数字。"],
        "values.floor": ["请从列出的选项中选择。"],
        "values.ghost": ["该事项没有这个字段。"],
    }
    assert Demand.objects.count() == 0 and Counter.objects.count() == 0


def test_messages_follow_accept_language(client, world):
    bad = body(world, values={"age": None})
    answer = client.post(
        "/api/v1/demands", json=bad, headers={**world.auth, "Accept-Language": "en"}
    )
    assert answer.status_code == 400 and answer.json["errors"] == {
        "values.age": ["This field is required."]
    }
    missing = body(world, values={})
    answer = client.post("/api/v1/demands", json=missing, headers=world.auth)
    assert answer.json["errors"] == {"values.age": ["此项为必填。"]}


def test_unknown_item_inactive_item_or_foreign_community_is_404(client, world, make):
    assert (
        client.post(
            "/api/v1/demands", json=body(world, item="NOPE"), headers=world.auth
        ).status_code
        == 404
    )
    world.item.active = False
    world.item.save()
    assert client.post("/api/v1/demands", json=body(world), headers=world.auth).status_code == 404
    world.item.active = True
    world.item.save()
    foreign = make.community(make.street())
    answer = client.post(
        "/api/v1/demands", json=body(world, community=foreign.code), headers=world.auth
    )
    assert answer.status_code == 404 and Demand.objects.count() == 0


def test_tokens_need_the_scope(client, world, make):
    _token, secret = make.api_token(world.street, "catalogue:read")
    answer = client.post(
        "/api/v1/demands", json=body(world), headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status_code == 403
    assert client.get("/api/v1/catalogue/items").status_code == 401


def test_the_openapi_document_declares_the_operations(client):
    spec = client.get("/api/v1/openapi.json").json
    post = spec["paths"]["/demands"]["post"]
    assert set(post["responses"]) >= {"201", "400", "401", "403", "404"}
    intake = spec["components"]["schemas"]["IntakeIn"]
    assert set(intake["required"]) >= {"item", "community", "resident_name", "description"}
    assert "/catalogue/items/{code}" in intake["properties"]["values"]["description"]
    item = spec["paths"]["/catalogue/items/{code}"]["get"]["responses"]["200"]
    assert item["content"]["application/json"]["schema"]["$ref"].endswith("/ItemOut")
    assert "values_schema" in spec["components"]["schemas"]["ItemOut"]["properties"]


def test_decimal_and_values_round_trip_exactly(client, world):
    answer = client.post(
        "/api/v1/demands", json=body(world, values={"age": 1, "amount": 0.1}), headers=world.auth
    )
    assert answer.status_code == 201
    assert Demand.objects.get().values["amount"].to_decimal() == Decimal("0.1")
