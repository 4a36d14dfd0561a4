"""The resident page: the item's fields, consent, challenge, limits and duplicates."""

import re

from models import Demand


def test_community_page_lists_items_and_wishes(client, place):
    page = client.get(f"/r/{place.community.code}").get_data(as_text=True)
    assert "幸福里社区" in page and "上门助老" in page and "微心愿" in page
    assert client.get("/r/NOPE").status_code == 404


def test_form_shows_the_items_own_fields_and_the_consent_text(client, place):
    page = client.get(f"/r/{place.community.code}/HELP").get_data(as_text=True)
    assert 'name="v_age"' in page and "二楼" in page
    assert "保存三年" in page or "三年" in page
    assert re.search(r"\d+ 加 \d+ 等于多少", page)
    assert client.get(f"/r/{place.community.code}/NOPE").status_code == 404


def test_a_valid_request_enters_through_intake_with_its_consent(post, place):
    response = post()
    assert response.status_code == 302 and "/f/" in response.headers["Location"]
    demand = Demand.objects.get()
    assert demand.channel == "resident" and demand.status == "received"
    assert demand.ticket_no and demand.deadline_at is not None
    assert demand.values == {"age": 82, "floor": "2"}
    assert demand.timeline[0].action == "intake" and demand.timeline[0].note == "resident"
    assert demand.consent.version and demand.consent.at is not None


def test_consent_is_required(post):
    response = post(consent=None)
    assert response.status_code == 200
    assert "不能在此受理" in response.get_data(as_text=True)
    assert Demand.objects.count() == 0


def test_a_wrong_answer_fails_and_asks_a_new_question(post):
    response = post(answer="8")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "答案不对" in page
    assert Demand.objects.count() == 0


def test_a_forged_challenge_fails(post):
    assert "答案不对" in post(challenge="forged", answer="7").get_data(as_text=True)
    assert Demand.objects.count() == 0


def test_the_items_fields_are_checked_as_at_the_counter(post):
    page = post(v_age="200").get_data(as_text=True)
    assert 'data-field="v_age"' in page
    assert Demand.objects.count() == 0


def test_a_bad_phone_is_refused_on_its_field(post):
    page = post(resident_phone="123").get_data(as_text=True)
    assert 'data-field="resident_phone"' in page and Demand.objects.count() == 0


def test_a_second_request_for_the_same_item_is_linked_as_a_duplicate(post, client):
    post()
    second = post(description="再次申请")
    assert second.status_code == 302
    first, again = Demand.objects.order_by("received_at")
    assert again.duplicate_of == first and again.duplicate_state is None
    page = client.get(second.headers["Location"]).get_data(as_text=True)
    assert 'id="duplicate"' in page and first.ticket_no not in page  # no other ticket leaks


def test_a_phone_may_send_three_requests_a_day(post):
    for n in range(3):
        assert post(resident_address=f"幸福里{n}幢").status_code == 302
    refused = post(resident_address="幸福里9幢")
    assert refused.status_code == 200
    assert 'data-field="resident_phone"' in refused.get_data(as_text=True)
    assert Demand.objects.count() == 3


def test_an_address_may_send_five_requests_a_day(post):
    for n in range(5):
        assert post(resident_phone=f"1391234{n:04d}").status_code == 302
    refused = post(resident_phone="13912349999", resident_address=" 幸福里3幢2单元501室 ")
    assert 'data-field="resident_address"' in refused.get_data(as_text=True)
    assert Demand.objects.count() == 5


def test_a_wish_can_be_posted(post, place):
    assert post(code="WISH").status_code == 302
    assert Demand.objects.get().kind == "wish"


def test_micro_projects_and_other_streets_items_are_not_offered(client, make, place):
    make.item("project", street_doc=place.street, code="PROJ")
    make.item(street_doc=make.street(), code="ELSE")
    assert client.get(f"/r/{place.community.code}/PROJ").status_code == 404
    assert client.get(f"/r/{place.community.code}/ELSE").status_code == 404


def test_sending_is_limited_per_address_of_the_sender(make):
    from tests.conftest import make_app

    app = make_app(RATELIMIT_ENABLED=True)
    with app.app_context():
        community = make.community(make.street())
        make.item(street_doc=community.street, code="HELP")
    client = app.test_client()
    url = f"/r/{community.code}/HELP"
    answers = [client.post(url, data={"description": "x"}).status_code for _ in range(21)]
    assert answers[:20] == [200] * 20 and answers[20] == 429
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_with_csrf_on_the_page_posts_its_own_token(csrf_app, make):
    import re as _re

    from tests.residents.conftest import good_form

    with csrf_app.app_context():
        community = make.community(make.street())
        make.item(street_doc=community.street, code="HELP", fields=[])
        data = good_form(v_age=None, v_floor=None)
    client = csrf_app.test_client()
    url = f"/r/{community.code}/HELP"
    assert client.post(url, data=data).status_code == 400  # no token: refused
    token = _re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).text)
    assert client.post(url, data={**data, "csrf_token": token[1]}).status_code == 302
