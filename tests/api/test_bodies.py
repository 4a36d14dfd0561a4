"""Bodies no view could store are refused up front: deep nesting, lone surrogates."""

import json

import pytest

from models import Counter, Demand


@pytest.fixture
def headers(make):
    _token, secret = make.api_token(make.street(), "demands:create", "demands:act")
    return {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}


@pytest.fixture
def world(make):
    """A street's community, item and a token that takes in and acts."""
    street = make.street()
    community = make.community(street)
    item = make.item(
        street_doc=street,
        code="SV01",
        fields=[{"name": "note", "label_zh": "备注", "type": "text"}],
    )
    _token, secret = make.api_token(street, "demands:create", "demands:act")
    headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
    return {"community": community, "item": item, "headers": headers}


def intake(world, **changes):
    body = {
        "item": "SV01",
        "community": world["community"].code,
        "resident_name": "孙丽",
        "resident_phone": "13800138000",
        "description": "需要上门",
    }
    return json.dumps({**body, **changes})


@pytest.mark.parametrize(
    "body",
    ["[" * 100_000 + "]" * 100_000, '{"a":' * 100_000 + "1" + "}" * 100_000, "[" * 40 + "]" * 40],
    ids=["array-100000", "object-100000", "array-40"],
)
@pytest.mark.parametrize("url", ["/api/v1/demands", "/api/v1/demands/X-1/transitions"])
def test_a_deeply_nested_body_is_a_400_with_a_message(client, headers, body, url):
    answer = client.post(url, data=body, headers=headers)
    assert answer.status_code == 400
    assert answer.json["message"] == "JSON 内容嵌套层级过深。"


def test_a_lone_surrogate_is_refused_under_its_field_and_takes_no_ticket(client, world):
    body = intake(world, resident_name="\ud800", values={"note": "好\udfff", "\ud801": 1})
    answer = client.post("/api/v1/demands", data=body, headers=world["headers"])
    assert answer.status_code == 400
    message = ["含有无法保存的字符（孤立的代理码位）。"]
    assert answer.json["errors"] == {
        "resident_name": message,
        "values.note": message,
        "values.\ud801": message,
    }
    assert Demand.objects.count() == 0 and Counter.objects.count() == 0
    good = client.post("/api/v1/demands", data=intake(world), headers=world["headers"])
    assert good.status_code == 201 and good.json["ticket_no"].endswith("-0001")


def test_a_lone_surrogate_in_a_transition_note_is_refused(client, world, make):
    demand = make.demand(world["community"], world["item"])
    url = f"/api/v1/demands/{demand.ticket_no}/transitions"
    body = json.dumps({"action": "escalate", "rev": demand.rev, "note": "\ud800"})
    answer = client.post(url, data=body, headers=world["headers"])
    assert answer.status_code == 400 and list(answer.json["errors"]) == ["note"]
    assert Demand.objects.get(pk=demand.pk).rev == demand.rev
