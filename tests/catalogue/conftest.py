"""A street with an item that has one field of every type, its admin, and an API token."""

import re
from types import SimpleNamespace

import pytest

CHOICES = [
    {"code": "1", "label_zh": "一楼", "label_en": "Ground"},
    {"code": "2", "label_zh": "二楼"},
]
NEEDS = [{"code": "meal", "label_zh": "助餐"}, {"code": "clean", "label_zh": "保洁"}]

# One field of every type; `age` is required.
FIELDS = [
    {"name": "note", "label_zh": "备注", "type": "text", "max_length": 10, "pattern": r"[^0-9]*"},
    {"name": "detail", "label_zh": "详情", "type": "textarea"},
    {
        "name": "age",
        "label_zh": "年龄",
        "label_en": "Age",
        "type": "integer",
        "required": True,
        "min_value": 0,
        "max_value": 120,
    },
    {"name": "amount", "label_zh": "金额", "type": "decimal", "min_value": 0},
    {"name": "visit_date", "label_zh": "走访日期", "type": "date"},
    {"name": "visit_at", "label_zh": "上门时间", "type": "datetime"},
    {"name": "floor", "label_zh": "楼层", "type": "choice", "choices": CHOICES},
    {"name": "needs", "label_zh": "需要", "type": "multi_choice", "choices": NEEDS},
    {"name": "alone", "label_zh": "独居", "type": "yes_no"},
    {"name": "contact", "label_zh": "联系电话", "type": "phone"},
    {"name": "id_no", "label_zh": "身份证号", "type": "id_number"},
    {"name": "addr", "label_zh": "上门地址", "type": "address"},
]


@pytest.fixture
def world(make):
    """Street, community, item with FIELDS and a token of the street (world.admin: see below)."""
    street = make.street()
    community = make.community(street)
    item = make.item(street_doc=street, code="FW01", name="上门服务", fields=FIELDS)
    _token, secret = make.api_token(street, "demands:create", "catalogue:read")
    return SimpleNamespace(
        street=street,
        community=community,
        item=item,
        auth={"Authorization": f"Bearer {secret}"},
    )


@pytest.fixture
def admin_of(make):
    """The street admin of a world (made on demand: hashing a password takes a while)."""
    return lambda world: make.user("street_admin", street_doc=world.street)


def demand_form(world, **values):
    """The admin create form's data for a demand of world.item with the given runtime values."""
    data = {
        "item": str(world.item.pk),
        "street": str(world.street.pk),
        "community": str(world.community.pk),
        "resident_name": "赵敏",
        "resident_phone": "13912345678",
        "channel": "window",
        "description": "需要上门",
    }
    data.update({f"v_{name}": value for name, value in values.items()})
    return data


def errors_of(html, field_id):
    """The messages shown under one form field."""
    for group in html.split('<div class="form-group')[1:]:
        if f'for="{field_id}"' in group:
            return re.findall(r"<li>([^<]*)</li>", group)
    raise AssertionError(f"no field {field_id} on the page")
