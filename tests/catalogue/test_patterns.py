"""Field patterns are vetted when saved, and never run on long values or unvetted patterns."""

import pytest

from models import CatalogueItem, Demand
from models.field_def import definition_errors, normalise
from models.field_pattern import verdict
from tests.catalogue.conftest import errors_of
from tests.catalogue.test_item_admin import item_form
from weimin.catalogue.spec import FieldError, clean_value

SAFE = [
    r"^1[3-9]\d{9}$",
    r"[A-Z]{2}\d{4,6}",
    r"\S+@\S+\.\S+",
    r"(a|b)*c",  # the parser makes this a character class
    r"\d{1,5}(\.\d{1,2})?",
    r"[^0-9]*",
    r"(?i)jd\d{2}-[a-z]+",
    r"(\d{3}-){2}\d{4}",
]
SLOW = [r"(a|a)*b", r"(a+)+b", r"(\d+\s?)+x", r"(ab|a)*c", r"(a?){5,}b", r"(x|y)(a)\2", ".*.*.*.*x"]


@pytest.mark.parametrize("pattern", SAFE)
def test_ordinary_format_patterns_are_accepted(pattern):
    assert verdict(pattern) is None
    spec = normalise({"name": "code", "label_zh": "编号", "type": "text", "pattern": pattern})
    assert definition_errors([spec]) == {}


@pytest.mark.parametrize("pattern", SLOW)
def test_backtracking_prone_patterns_are_refused(pattern):
    spec = normalise({"name": "code", "label_zh": "编号", "type": "text", "pattern": pattern})
    assert list(definition_errors([spec])[0]) == ["pattern"]


def test_the_admin_refuses_a_slow_pattern(login, admin_of, world, make):
    admin = login(admin_of(world))
    fields = {0: {"name": "code", "label_zh": "编号", "type": "text", "pattern": "(a|a)*b"}}
    page = admin.post("/admin/item/new/", data=item_form(make.category(), world.street, fields))
    assert page.status_code == 200
    assert errors_of(page.text, "fields-0-pattern")[0].startswith("该格式检查可能耗时过长")
    assert CatalogueItem.objects(code="NEW1").count() == 0


def test_a_patterned_field_holds_at_most_200_characters(make):
    long = {"name": "code", "label_zh": "编号", "type": "textarea", "pattern": "[a-z]*"}
    assert list(definition_errors([normalise({**long, "max_length": 500})])[0]) == ["max_length"]
    spec = normalise(long)
    assert clean_value(spec, "a" * 200) == "a" * 200
    with pytest.raises(FieldError, match="200"):
        clean_value(spec, "a" * 201)  # refused before the pattern runs


def test_a_pattern_stored_before_vetting_is_never_run(client, world):
    """(a|a)*b on 40 characters would backtrack for hours; the value gets a message at once."""
    fields = [{"name": "code", "label_zh": "编号", "type": "text", "pattern": "(a|a)*b"}]
    CatalogueItem._get_collection().update_one({"_id": world.item.pk}, {"$set": {"fields": fields}})
    body = {
        "item": world.item.code,
        "community": world.community.code,
        "resident_name": "孙丽",
        "resident_phone": "13800138000",
        "description": "需要上门",
        "values": {"code": "a" * 40},
    }
    answer = client.post("/api/v1/demands", json=body, headers=world.auth)
    assert answer.status_code == 400
    assert answer.json["errors"] == {
        "values.code": ["该字段的格式规则无法检查，请联系管理员修改。"]
    }
    assert Demand.objects.count() == 0
