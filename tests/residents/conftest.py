"""A community with an item that has its own fields, a wish item, and a way to post the form."""

from types import SimpleNamespace

import pytest

from weimin.residents import challenge

FIELDS = [
    {"name": "age", "label_zh": "年龄", "type": "integer", "required": True, "min_value": 0,
     "max_value": 120},
    {"name": "floor", "label_zh": "楼层", "type": "choice",
     "choices": [{"code": "1", "label_zh": "一楼"}, {"code": "2", "label_zh": "二楼"}]},
]  # fmt: skip


@pytest.fixture
def place(make):
    street = make.street()
    community = make.community(street, name="幸福里社区")
    item = make.item(street_doc=street, code="HELP", name="上门助老", fields=FIELDS)
    wish = make.item("wish", street_doc=street, code="WISH", name="微心愿")
    return SimpleNamespace(street=street, community=community, item=item, wish=wish)


def good_form(**changes):
    """A valid submission: the challenge 3 + 4 answered 7."""
    token, _question = challenge.issue(3, 4)
    data = {
        "description": "家里老人行动不便，想请人上门理发",
        "v_age": "82",
        "v_floor": "2",
        "resident_name": "王秀英",
        "resident_phone": "13912345678",
        "resident_address": "幸福里3幢2单元501室",
        "consent": "y",
        "challenge": token,
        "answer": "7",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def post(app, client, place):
    """POST the form for an item code; returns the response."""

    def _post(code="HELP", **changes):
        with app.test_request_context():
            data = good_form(**changes)
        return client.post(f"/r/{place.community.code}/{code}", data=data)

    return _post


@pytest.fixture(autouse=True)
def _in_app(app):
    """Follow tokens and challenges are signed with the app's key."""
    with app.app_context():
        yield
