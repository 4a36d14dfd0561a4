"""A 不满意 or 未解决 evaluation sends the demand back: a rework with its own deadline, which
the street may put under supervision (督办)."""

import pytest

from models import AuditEntry, Demand
from weimin.demands import transitions
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.links import evaluation_token


@pytest.fixture
def answered(make):
    """An affair handled to the point where the resident evaluates it."""
    community = make.community()
    demand = make.demand(community, make.item(street_doc=community.street))
    org = make.organisation(community.street)
    transitions.apply(demand, "assign", "worker", organisation=org)
    for action in ("start", "close", "answer"):
        transitions.apply(demand, action, "worker")
    return demand


def test_an_unhappy_evaluation_on_the_public_page_sends_it_back(app, client, answered):
    with app.app_context():
        link = f"/e/{evaluation_token(answered)}"
    client.post(link, data={"satisfaction": "basically", "resolved": "no"})
    sent = Demand.objects.get(pk=answered.pk)
    # The evaluation stays on the demand closed before, as RULES.md counts it.
    assert sent.status == "reopened" and sent.closed_at is not None
    assert not sent.evaluation.resolved
    assert [s.action for s in sent.timeline][-2:] == ["evaluate", "reopen"]
    rework = sent.follow_up
    assert rework.status == "reworking" and rework.follow_up_of == sent
    assert rework.received_at == sent.timeline[-1].at  # taken in when it was sent back
    rules = DeadlineRules.current(rework.street)
    assert rework.deadline_at == rules.work_deadline(rework.item, "routine", rework.received_at)
    assert rework.ticket_no in sent.timeline[-1].note
    assert sent.ticket_no in rework.timeline[0].note and rework.closed_at is None
    assert AuditEntry.objects(doc_id=str(sent.pk), summary="reopen").count() == 1
    assert AuditEntry.objects(doc_id=str(rework.pk), action="create").count() == 1
    assert rework.duplicate_of is None  # the earlier one is closed: not a duplicate


def test_a_satisfied_evaluation_ends_the_case(answered):
    from models.demand import Evaluation

    evaluation = Evaluation(satisfaction="satisfied", resolved=True)
    transitions.apply(answered, "evaluate", "resident", evaluation=evaluation)
    assert answered.status == "evaluated" and answered.follow_up is None
    assert Demand.objects.count() == 1


def test_the_street_supervises_a_rework_a_worker_cannot(client, make, login, answered):
    from models.demand import Evaluation

    evaluation = Evaluation(satisfaction="dissatisfied", resolved=False)
    transitions.apply(answered, "evaluate", "resident", evaluation=evaluation)
    rework = Demand.objects.get(follow_up_of=answered.pk)
    street, community = rework.street, rework.community
    details = f"/admin/demand/details/?id={rework.pk}"
    login(make.user("community_worker", street_doc=street, community_doc=community))
    page = client.get(details).text
    assert 'id="follow-up-of"' in page and 'data-action="supervise"' not in page
    form = {"id": str(rework.pk), "rev": rework.rev, "action": "supervise", "note": "限期三天"}
    assert client.post("/admin/demand/act/", data=form).status_code == 403
    client.post("/logout")
    login(make.user("street_admin", street_doc=street))
    assert 'data-action="supervise"' in client.get(details).text
    client.post("/admin/demand/act/", data=form)
    assert rework.reload().status == "supervised"
    assert rework.timeline[-1].note == "限期三天"
    for action in ("start", "close"):
        transitions.apply(rework, action, "worker")
    assert rework.closed_at is not None


def test_the_api_may_not_void_or_supervise(client, make, answered):
    from tests.demands.test_api_and_pages import token_for

    headers = token_for(answered.street, "demands:act")
    url = f"/api/v1/demands/{answered.ticket_no}/transitions"
    for action in ("void", "supervise", "merge"):
        body = {"action": action, "rev": answered.rev, "note": "x"}
        assert client.post(url, json=body, headers=headers).status_code == 400
    assert answered.reload().status == "answered"


def test_an_unhappy_wish_goes_back_to_the_wall(make):
    from models.demand import Evaluation
    from weimin.demands.wishes import wall_query

    community = make.community()
    wish = make.demand(community, make.item(kind="wish", street_doc=community.street))
    volunteer = make.volunteer(community)
    transitions.apply(wish, "claim", "v", volunteer=volunteer)
    transitions.apply(wish, "fulfil", "v")
    evaluation = Evaluation(satisfaction="satisfied", resolved=False)
    transitions.apply(wish, "evaluate", "resident", evaluation=evaluation)
    assert wish.status == "reopened"
    assert [w.follow_up_of for w in wall_query()] == [wish]
    assert wish.follow_up.timeline[0].action == "reopen"
