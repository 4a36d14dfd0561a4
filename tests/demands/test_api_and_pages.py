"""Residents' status look-up, integrations' actions, the evaluation link and the wish wall."""

import re

import pytest

from models import ApiToken, Demand, User
from weimin.demands import claims, transitions
from weimin.demands.intake import prepare_new
from weimin.demands.links import evaluation_token


@pytest.fixture
def take_in(make):
    def _take_in(kind="affair", community=None, **kw):
        community = community or make.community()
        demand = Demand(
            item=make.item(kind=kind),
            street=community.street,
            community=community,
            resident_name="赵敏",
            resident_phone=kw.pop("phone", "13912345678"),
            channel="hotline",
            description="楼道灯坏了，晚上很黑",
        )
        prepare_new(demand, "worker")
        return demand.save()

    return _take_in


def token_for(street, *scopes):
    token = ApiToken(name="热线平台", street=street, scopes=list(scopes))
    secret = token.issue()
    token.save()
    return {"Authorization": f"Bearer {secret}"}


def test_status_lookup_needs_the_right_phone_suffix(client, take_in):
    demand = take_in()
    ok = client.get(f"/api/v1/demands/{demand.ticket_no}?phone4=5678")
    assert ok.status_code == 200
    body = ok.json
    assert body["ticket_no"] == demand.ticket_no and body["status"] == "received"
    text = ok.get_data(as_text=True)
    assert "赵敏" not in text and "13912345678" not in text
    for bad in ("0000", "567", "", "56788"):
        wrong = client.get(f"/api/v1/demands/{demand.ticket_no}?phone4={bad}")
        assert wrong.status_code == 404 and wrong.json["message"]
    unknown = client.get("/api/v1/demands/NOPE-1?phone4=5678")
    assert unknown.status_code == 404 and unknown.json == wrong.json


def test_integration_acts_with_a_scoped_token(client, make, take_in):
    demand = take_in()
    org = make.organisation(demand.street)
    headers = token_for(demand.street, "demands:act")
    url = f"/api/v1/demands/{demand.ticket_no}/transitions"
    body = {"action": "assign", "rev": demand.rev, "organisation_id": str(org.id)}
    response = client.post(url, json=body, headers=headers)
    assert response.status_code == 200, response.json
    assert response.json["status"] == "assigned"
    stale = client.post(url, json={**body, "action": "start"}, headers=headers)
    assert stale.status_code == 409 and stale.json["message"]
    illegal = client.post(
        url, json={"action": "complete", "rev": response.json["rev"]}, headers=headers
    )
    assert illegal.status_code == 400 and "action" in illegal.json["errors"]
    invalid = client.post(url, json={"action": "fly"}, headers=headers)
    assert invalid.status_code == 400 and set(invalid.json["errors"]) >= {"action", "rev"}


def test_the_api_refuses_an_organisation_of_another_street_under_its_field(client, make, take_in):
    demand = take_in()
    elsewhere = make.organisation(make.street())
    headers = token_for(demand.street, "demands:act")
    url = f"/api/v1/demands/{demand.ticket_no}/transitions"
    body = {"action": "assign", "rev": demand.rev, "organisation_id": str(elsewhere.id)}
    response = client.post(url, json=body, headers=headers)
    assert response.status_code == 400 and list(response.json["errors"]) == ["organisation_id"]
    assert Demand.objects.get(pk=demand.pk).assigned_org is None
    unknown = client.post(url, json={**body, "organisation_id": "0" * 24}, headers=headers)
    assert unknown.status_code == 400 and "organisation_id" in unknown.json["errors"]


def test_the_details_form_refuses_an_assignee_of_another_street(client, make, login, take_in):
    street = make.street()
    demand = take_in(community=make.community(street))
    elsewhere = make.organisation(make.street())
    login(make.user("street_admin", street_doc=street))
    client.post(
        "/admin/demand/act/",
        data={"id": str(demand.pk), "rev": demand.rev, "action": "assign",
              "organisation": str(elsewhere.pk)},
    )  # fmt: skip
    assert Demand.objects.get(pk=demand.pk).assigned_org is None


def test_tokens_are_scoped_by_street_and_operation(client, make, take_in):
    demand = take_in()
    url = f"/api/v1/demands/{demand.ticket_no}/transitions"
    body = {"action": "escalate", "rev": 0}
    assert client.post(url, json=body).status_code == 401
    assert (
        client.post(url, json=body, headers={"Authorization": "Bearer wm_x_y"}).status_code == 401
    )
    read_only = token_for(demand.street, "demands:read")
    assert client.post(url, json=body, headers=read_only).status_code == 403
    other_street = token_for(make.street(), "demands:act")
    assert client.post(url, json=body, headers=other_street).status_code == 404
    revoked = token_for(demand.street, "demands:act")
    ApiToken.objects.update(set__active=False)
    assert client.post(url, json=body, headers=revoked).status_code == 401
    assert Demand.objects.get(id=demand.id).escalations == 0


def test_errors_follow_accept_language(client, take_in):
    demand = take_in()
    zh = client.get(f"/api/v1/demands/{demand.ticket_no}?phone4=0000")
    en = client.get(
        f"/api/v1/demands/{demand.ticket_no}?phone4=0000", headers={"Accept-Language": "en"}
    )
    assert zh.json["message"] == "未找到。" and en.json["message"] == "Not found."


def test_resident_evaluates_once_through_the_link(app, client, take_in):
    demand = take_in("wish")
    Demand.objects(id=demand.id).update(set__status="fulfilled")
    with app.app_context():
        link = f"/e/{evaluation_token(demand)}"
    page = client.get(link)
    assert page.status_code == 200 and demand.ticket_no in page.text
    bad = client.post(link, data={"satisfaction": "", "resolved": ""})
    assert "请选择" in bad.text or "Choose" in bad.text
    assert Demand.objects.get(id=demand.id).evaluation is None
    done = client.post(link, data={"satisfaction": "basically", "resolved": "yes", "comment": "好"})
    assert 'id="thanks"' in done.text
    stored = Demand.objects.get(id=demand.id)
    assert stored.status == "evaluated" and stored.evaluation.satisfaction == "basically"
    client.post(link, data={"satisfaction": "dissatisfied", "resolved": "no"})
    assert Demand.objects.get(id=demand.id).evaluation.satisfaction == "basically"
    assert client.get("/e/forged-token").status_code == 404


def test_wish_wall_shows_no_personal_data_and_volunteer_claims(client, make, take_in, login):
    wish = take_in("wish", phone="13700001111")
    wall = client.get("/wall/")
    assert wall.status_code == 200 and wish.ticket_no in wall.text
    assert "赵敏" not in wall.text and "13700001111" not in wall.text
    assert "csrf_token" not in wall.text  # no claim button for anonymous visitors
    volunteer = make.volunteer(wish.community)
    user = make.user("volunteer", volunteer_doc=volunteer)
    login(user)
    wall = client.get("/wall/")
    assert re.search(r"/wall/[0-9a-f]{24}/claim", wall.text)
    client.post(f"/wall/{wish.id}/claim")  # not confirmed: nothing happens
    assert Demand.objects.get(id=wish.id).status == "published"
    answer = client.post(f"/wall/{wish.id}/claim", data={"confirm": "yes"})
    assert answer.headers["Location"].endswith("/me/")
    claimed = Demand.objects.get(id=wish.id)
    assert claimed.status == "claimed" and claimed.assigned_volunteer == volunteer
    assert f'data-ticket="{wish.ticket_no}"' not in client.get("/wall/").text
    assert User.objects.get(id=user.id).role == "volunteer"
    assert claims.held(volunteer) == 1
    # /me/ lists it with its deadline; releasing it needs the box ticked, then frees the slot.
    home = client.get("/me/").text
    assert f'data-ticket="{wish.ticket_no}"' in home and "24:00" in home
    client.post(f"/me/wishes/{wish.id}/release")
    assert Demand.objects.get(id=wish.id).status == "claimed"
    client.post(f"/me/wishes/{wish.id}/release", data={"confirm": "yes"})
    released = Demand.objects.get(id=wish.id)
    assert released.status == "published" and released.assigned_volunteer is None
    assert claims.held(volunteer) == 0
    assert 'id="no-wishes"' in client.get("/me/").text
    # Someone else's claim is not theirs to release.
    other = take_in("wish", phone="13700002222")
    other_volunteer = make.volunteer(other.community, id_number=make.VALID_IDS[1])
    transitions.apply(other, "claim", "x", volunteer=other_volunteer)
    assert client.post(f"/me/wishes/{other.id}/release", data={"confirm": "yes"}).status_code == 404


def test_worker_runs_a_micro_affair_through_the_admin(client, make, login, take_in):
    street = make.street()
    community = make.community(street)
    demand = take_in(community=community)
    org = make.organisation(street)
    login(make.user("community_worker", community_doc=community))
    details = f"/admin/demand/details/?id={demand.id}"
    page = client.get(details).text
    assert 'data-action="assign"' in page and 'id="timeline"' in page

    def act(action, **data):
        current = Demand.objects.get(id=demand.id)
        form = {"id": str(demand.id), "rev": current.rev, "action": action, **data}
        assert client.post("/admin/demand/act/", data=form).status_code == 302

    act("assign", organisation=str(org.id))
    act("start")
    act("close", note="已修复")
    act("answer", note="已回访告知")
    assert 'id="evaluation-link"' in client.get(details).text
    act("evaluate", satisfaction="satisfied", resolved="yes")
    final = Demand.objects.get(id=demand.id)
    assert final.status == "evaluated"
    assert [s.action for s in final.timeline] == [
        "intake",
        "assign",
        "start",
        "close",
        "answer",
        "evaluate",
    ]
    page = client.get(details).text
    assert "办结" in page or "Close" in page


def test_bulk_close_reports_what_was_skipped(client, make, login, take_in):
    street = make.street()
    community = make.community(street)
    ready, fresh = take_in(community=community), take_in(community=community)
    org = make.organisation(street)
    from weimin.demands import transitions

    transitions.apply(ready, "assign", "w", organisation=org)
    login(make.user("street_admin", street_doc=street))
    response = client.post(
        "/admin/demand/action/",
        data={"action": "close", "rowid": [str(ready.id), str(fresh.id)]},
        follow_redirects=True,
    )
    assert Demand.objects.get(id=ready.id).status == "closed"
    assert Demand.objects.get(id=fresh.id).status == "received"
    assert fresh.ticket_no in response.text
