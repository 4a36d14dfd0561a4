"""Transition input keeps the model's limits on every channel, and a stale `rev` is a 409."""

import re

import pytest

from models import Demand
from weimin.demands.links import evaluation_token

LONG = "长" * 100_000


@pytest.fixture
def demand(make):
    return make.demand(make.community(), make.item(kind="affair"))


def api(client, make, demand, **body):
    _token, secret = make.api_token(demand.street, "demands:act")
    url = f"/api/v1/demands/{demand.ticket_no}/transitions"
    return client.post(url, json=body, headers={"Authorization": f"Bearer {secret}"})


def flashes(page):
    return [m.strip() for m in re.findall(r"alert-danger[^>]*>.*?</button>(.*?)</div>", page, re.S)]


def test_the_admin_refuses_a_long_reject_note_with_the_chinese_message(client, make, login, demand):
    login(make.user("street_admin", street_doc=demand.street))
    form = {"id": str(demand.pk), "rev": demand.rev, "action": "reject", "note": LONG}
    form["confirm"] = "yes"
    answer = client.post("/admin/demand/act/", data=form, follow_redirects=True)
    assert answer.status_code == 200
    assert flashes(answer.text) == ["无法执行该操作。 最多填写 500 个字。"]
    stored = Demand.objects.get(pk=demand.pk)
    assert stored.status == "received" and stored.reject_reason is None
    stored.validate()  # still editable


def test_the_api_refuses_a_long_note_under_its_field(client, make, demand):
    answer = api(client, make, demand, action="reject", rev=demand.rev, note=LONG)
    assert answer.status_code == 400
    assert answer.json["errors"] == {"note": ["最多填写 500 个字。"]}
    assert Demand.objects.get(pk=demand.pk).status == "received"


def test_the_api_refuses_a_long_evaluation_comment_under_its_field(client, make, demand):
    Demand.objects(pk=demand.pk).update(set__status="answered")
    evaluation = {"satisfaction": "satisfied", "resolved": True, "comment": "好" * 1001}
    answer = api(client, make, demand, action="evaluate", rev=demand.rev, evaluation=evaluation)
    assert answer.status_code == 400
    assert answer.json["errors"] == {"evaluation.comment": ["最多填写 1000 个字。"]}


def test_the_public_evaluation_page_shows_the_comment_limit(client, app, make):
    wish = make.demand(make.community(), make.item(kind="wish"), status="fulfilled")
    with app.app_context():
        link = f"/e/{evaluation_token(wish)}"
    form = {"satisfaction": "satisfied", "resolved": "yes", "comment": "好" * 1001}
    page = client.post(link, data=form)
    assert page.status_code == 200 and "最多填写 1000 个字。" in page.text
    assert Demand.objects.get(pk=wish.pk).evaluation is None


@pytest.mark.parametrize("action", ["assign", "start", "reject"])
def test_a_stale_rev_is_always_a_conflict(client, make, demand, action):
    """Whether or not the action is still allowed in the new status, a stale rev is a 409."""
    org = make.organisation(demand.street)
    seen = demand.rev
    moved = api(client, make, demand, action="assign", rev=seen, organisation_id=str(org.pk))
    assert moved.status_code == 200
    body = {"action": action, "rev": seen, "note": "重复", "organisation_id": str(org.pk)}
    answer = api(client, make, demand, **body)
    assert (
        answer.status_code == 409 and answer.json["message"] == "该记录已被他人修改，请刷新后重试。"
    )
    assert Demand.objects.get(pk=demand.pk).rev == moved.json["rev"]


def test_an_action_the_known_status_does_not_allow_is_a_400(client, make, demand):
    answer = api(client, make, demand, action="complete", rev=demand.rev)
    assert answer.status_code == 400 and list(answer.json["errors"]) == ["action"]
