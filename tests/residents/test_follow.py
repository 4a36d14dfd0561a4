"""The receipt, the private follow page with its evaluation, and the look-up by ticket."""

from models import Demand
from tests.conftest import make_app
from weimin.demands import transitions
from weimin.demands.links import follow_token


def _sent(post, client):
    response = post()
    receipt = client.get(response.headers["Location"])
    return Demand.objects.get(), receipt.get_data(as_text=True)


def _finish(demand, make, street):
    """Staff assign, close and answer the demand, with notes residents must not see."""
    org = make.organisation(street, name="阳光为老服务社")
    note = "内部备注：派给阳光为老服务社"
    transitions.apply(demand, "assign", "worker_li", note, organisation=org)
    for action in ("start", "close", "answer"):
        demand = transitions.apply(Demand.objects.get(pk=demand.pk), action, "worker_li",
                                   f"内部备注：{action}")  # fmt: skip
    return demand


def test_the_receipt_shows_the_ticket_and_the_follow_link_with_its_qr(post, client):
    demand, page = _sent(post, client)
    token = follow_token(demand)
    assert demand.ticket_no in page and f"/f/{token}" in page
    assert "<svg" in page.split('id="follow-qr"')[1][:200]


def test_the_follow_page_shows_status_steps_and_due_date_without_personal_data(
    post, client, make, place
):
    demand, _ = _sent(post, client)
    demand = _finish(demand, make, place.street)
    page = client.get(f"/f/{follow_token(demand)}").get_data(as_text=True)
    assert demand.ticket_no in page and "已受理" in page and "正在办理" in page
    for secret in ("王秀英", "13912345678", "5678", "幸福里3幢", "内部备注", "worker_li",
                   "阳光为老服务社"):  # fmt: skip
        assert secret not in page, secret


def test_the_evaluation_form_appears_when_the_demand_can_be_evaluated(post, client, make, place):
    demand, _ = _sent(post, client)
    url = f"/f/{follow_token(demand)}"
    assert 'name="satisfaction"' not in client.get(url).get_data(as_text=True)
    _finish(demand, make, place.street)
    assert 'name="satisfaction"' in client.get(url).get_data(as_text=True)
    missing = client.post(url, data={"resolved": "yes"}).get_data(as_text=True)
    assert "请选择" in missing or 'name="satisfaction"' in missing
    client.post(url, data={"satisfaction": "satisfied", "resolved": "yes"})
    evaluated = Demand.objects.get(pk=demand.pk)
    assert evaluated.status == "evaluated" and evaluated.evaluation.by == "resident"
    assert 'id="thanks"' in client.get(url).get_data(as_text=True)


def test_a_forged_follow_token_is_not_found(client, post):
    _sent(post, client)
    assert client.get("/f/forged-token").status_code == 404
    assert client.get("/f/forged-token/receipt").status_code == 404
    assert client.post("/f/forged-token", data={"satisfaction": "satisfied"}).status_code == 404


def test_look_up_by_ticket_and_the_phones_last_four_digits(post, client):
    demand, _ = _sent(post, client)
    right = client.get("/f/", query_string={"ticket": demand.ticket_no, "phone4": "5678"})
    page = right.get_data(as_text=True)
    assert 'id="status-card"' in page and "/f/" + follow_token(demand) not in page
    assert 'name="satisfaction"' not in page and "王秀英" not in page
    wrong = client.get("/f/", query_string={"ticket": demand.ticket_no, "phone4": "1234"})
    assert 'id="lookup-error"' in wrong.get_data(as_text=True)
    assert 'id="status-card"' not in wrong.get_data(as_text=True)


def test_look_ups_are_rate_limited():
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    answers = [client.get("/f/", query_string={"ticket": "JD-X", "phone4": f"{n:04d}"}).status_code
               for n in range(12)]  # fmt: skip
    assert answers[:10] == [200] * 10 and answers[10] == 429


def test_one_ticket_cannot_be_tried_from_many_addresses():
    """Guessing the four digits from many addresses still meets the per-ticket limit."""
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    answers = [
        client.get(
            "/f/",
            query_string={"ticket": "JD-Y", "phone4": f"{n:04d}"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n}"},
        ).status_code
        for n in range(22)
    ]
    assert answers[:20] == [200] * 20 and answers[20] == 429


def test_the_follow_page_lists_the_messages_sent_to_the_resident(post, client, make, place):
    demand, _ = _sent(post, client)
    demand = _finish(demand, make, place.street)
    page = client.get(f"/f/{follow_token(demand)}").get_data(as_text=True)
    shown = page.split('id="my-messages"')[1]
    assert "发给您的消息" in page and demand.ticket_no in shown
    assert shown.count("data-event=") == 2  # received, then answered with the evaluation link
