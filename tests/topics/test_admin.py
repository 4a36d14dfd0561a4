"""The admin's topic list and pages, per role and scope; every step through real requests."""

from datetime import timedelta

import pytest

from models import AuditEntry, Topic
from models.base import local_today


@pytest.fixture
def staff(place, make):
    other_street = make.street(name="乙街道")
    return {
        "worker": make.user("community_worker", community_doc=place["community"]),
        "street_admin": make.user("street_admin", street_doc=place["street"]),
        "supervisor": make.user("supervisor"),
        "other_worker": make.user("community_worker",
                                  community_doc=make.community(place["street"])),
        "other_admin": make.user("street_admin", street_doc=other_street),
    }  # fmt: skip


def test_a_worker_raises_a_topic_and_takes_it_through_the_meeting(client, login, staff, place):
    login(staff["worker"])
    response = client.post("/admin/topic/new/", data={
        "community": str(place["community"].pk), "title": "小区停车难",
        "description": "晚上车位不足", "source": "resident", "supporters": "12",
        "raiser_name": "赵敏", "raiser_phone": "13900001234"})  # fmt: skip
    assert response.status_code == 302
    topic = Topic.objects.get(title="小区停车难")
    assert topic.status == "raised" and topic.street.pk == place["street"].pk
    assert AuditEntry.objects(collection="topics", action="create").count() == 1
    page = client.get(f"/admin/topic/details/?id={topic.pk}").text
    assert "do-deliberate" in page and "提出议题" in page
    url = f"/admin/topic/step/?id={topic.pk}&do=deliberate"
    assert "物业公司" in client.get(url).text
    bad = client.post(url, data={"minutes": "", "party_party": "王书记"})
    assert bad.status_code == 200 and "至少需要两方" in bad.text and "请填写会议纪要" in bad.text
    assert Topic.objects.get(pk=topic.pk).status == "raised"
    good = client.post(url, data={
        "date": str(local_today() - timedelta(days=2)), "party_party": "王书记",
        "party_owners": "业委会李主任", "minutes": "讨论错时停车", "mode": "consensus",
        "option_0": "错时停车", "outcome": "adopted",
        "decision": "与周边单位签订错时停车协议"})  # fmt: skip
    assert good.status_code == 302
    topic.reload()
    assert topic.status == "deliberated" and topic.meeting.decision.startswith("与周边")
    assert AuditEntry.objects(collection="topics", action="update").count() >= 1


def test_the_demand_page_raises_a_topic_from_the_demand(client, login, staff, place, make):
    demand = make.demand(place["community"])
    login(staff["worker"])
    page = client.get(f"/admin/demand/details/?id={demand.pk}").text
    assert f"/admin/topic/new/?demand={demand.pk}" in page
    form = client.get(f"/admin/topic/new/?demand={demand.pk}").text
    assert demand.description in form
    response = client.post(f"/admin/topic/new/?demand={demand.pk}", data={
        "community": str(place["community"].pk), "title": "楼道照明", "description": "多栋楼道灯坏",
        "source": "demand", "supporters": "0", "demand": str(demand.pk)})  # fmt: skip
    assert response.status_code == 302
    topic = Topic.objects.get(title="楼道照明")
    assert topic.source == "demand" and topic.demand.pk == demand.pk
    assert "楼道照明" in client.get(f"/admin/demand/details/?id={demand.pk}").text


def test_scope_other_streets_and_communities_do_not_see_the_topic(client, login, staff, place,
                                                                  make):  # fmt: skip
    topic = make.topic(place["community"])
    for who in ("other_worker", "other_admin"):
        login(staff[who])
        assert client.get(f"/admin/topic/details/?id={topic.pk}").status_code == 404
        assert client.get(f"/admin/topic/step/?id={topic.pk}&do=close").status_code == 404
        assert topic.title not in client.get("/admin/topic/").text
        client.post("/logout")
    login(staff["street_admin"])
    assert topic.title in client.get("/admin/topic/").text


def test_supervisors_read_but_take_no_step(client, login, staff, place, make):
    topic = make.topic(place["community"], raiser_name="赵敏", raiser_phone="13900001234")
    login(staff["supervisor"])
    page = client.get(f"/admin/topic/details/?id={topic.pk}").text
    assert topic.title in page and "do-close" not in page
    assert "139****1234" in page and "13900001234" not in page
    url = f"/admin/topic/step/?id={topic.pk}&do=close"
    assert client.post(url, data={"reason": "无"}).status_code == 403
    assert client.get("/admin/topic/new/").status_code in (302, 403)
    assert Topic.objects.get(pk=topic.pk).status == "raised"


def test_a_step_the_status_does_not_allow_is_refused_with_a_message(client, login, staff, make,
                                                                    place):  # fmt: skip
    topic = make.topic(place["community"])
    login(staff["worker"])
    response = client.get(f"/admin/topic/step/?id={topic.pk}&do=evaluate", follow_redirects=True)
    assert "居民在议题实施后才能评议" in response.text
    assert client.get(f"/admin/topic/step/?id={topic.pk}&do=nothing").status_code == 404


def test_the_home_page_counts_the_scopes_topics_by_step(client, login, staff, place, make):
    make.topic(place["community"])
    make.topic(place["community"], status="evaluated")
    make.topic(make.community(make.street()))  # another street's
    login(staff["worker"])
    page = client.get("/admin/").text
    assert 'id="topic-card"' in page and "共 2 个" in page
    assert 'data-topics="raised">1<' in page and 'data-topics="evaluated">1<' in page


def test_a_topic_from_a_demand_needs_the_demand(client, login, staff, place):
    login(staff["worker"])
    response = client.post("/admin/topic/new/", data={
        "community": str(place["community"].pk), "title": "楼道照明", "description": "灯坏",
        "source": "demand", "supporters": "0"})  # fmt: skip
    assert response.status_code == 200 and "请选择议题所来自的诉求" in response.text
    assert not Topic.objects(title="楼道照明").first()


def test_pledge_carry_out_and_evaluate_through_the_pages(client, login, staff, place, walk):
    topic = walk("deliberated")
    login(staff["street_admin"])
    url = f"/admin/topic/step/?id={topic.pk}&do="
    form = client.get(url + "pledge").text
    assert "甲一社区众筹基金（可用 5,000.00 元）" in form
    over = client.post(
        url + "pledge",
        data={
            "kind": "money",
            "text": "众筹基金出资",
            "fund": str(place["fund"].pk),
            "amount": "9000",
        },
    )
    assert over.status_code == 200 and "可用余额为 5,000.00 元" in over.text
    ok = client.post(
        url + "pledge",
        data={
            "kind": "money",
            "text": "众筹基金出资",
            "fund": str(place["fund"].pk),
            "amount": "800",
        },
    )
    assert ok.status_code == 302
    page = client.get(f"/admin/topic/details/?id={topic.pk}").text
    assert "800.00" in page and "当前可用 5,000.00 元" in page
    assert str(place["project"].pk) in client.get(url + "carry_out").text
    done = client.post(url + "carry_out", data={
        "item": str(place["project"].pk), "description": "加装电梯工程",
        "resident_name": "赵敏", "resident_phone": "13900001234"})  # fmt: skip
    assert done.status_code == 302
    demand = Topic.objects.get(pk=topic.pk).demands[0]
    assert "加装电梯议事" in client.get(f"/admin/demand/details/?id={demand.pk}").text
    rated = client.post(
        url + "evaluate",
        data={"satisfied": "9", "basically": "1", "dissatisfied": "0", "comments": "满意"},
    )
    assert rated.status_code == 302 and Topic.objects.get(pk=topic.pk).status == "evaluated"
