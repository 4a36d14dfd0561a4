"""The public topic board: no personal data, one support per phone, rate-limited, raising."""

import pytest

from models import AuditEntry, Topic, TopicSupport
from tests.conftest import make_app
from tests.topics.conftest import meeting
from weimin.store.db import database
from weimin.topics import steps

PRIVATE = ("赵敏", "13900001234", "1234", "王书记", "张经理", "安居物业出资")


@pytest.fixture
def shown(place, make, walk):
    """A raised topic with a private raiser, and a decided one with a meeting and pledges."""
    raised = make.topic(place["community"], title="小区停车难", raiser_name="赵敏",
                        raiser_phone="13900001234", source="resident")  # fmt: skip
    done = walk("evaluated")
    proposed = make.topic(place["community"], title="路灯太暗", status="proposed")
    return raised, done, proposed


def test_the_board_shows_steps_and_outcomes_without_personal_data(client, place, shown):
    raised, done, proposed = shown
    done.pledges[0].text = "安居物业出资"
    done.save()
    page = client.get(f"/topics/{place['community'].code}/")
    assert page.status_code == 200
    text = page.text
    assert "小区停车难" in text and "说·已提出" in text and "评·已评议" in text
    assert "同意加装，费用按楼层分摊" in text and "满意 20" in text
    assert "党组织" in text and "甲一社区众筹基金" in text and "1,200.00" in text
    assert done.demands[0].ticket_no in text
    assert proposed.title not in text  # waits for the community
    for private in PRIVATE:
        assert private not in text, private
    assert client.get("/topics/").status_code == 200 and "甲一社区" in client.get("/topics/").text


def test_one_support_per_phone_kept_as_a_keyed_hash(client, place, shown):
    raised = shown[0]
    url = f"/topics/support/{raised.pk}"
    first = client.post(url, data={"phone": "139 0000 5678"}, follow_redirects=True)
    assert "感谢支持" in first.text and "1 位居民" in first.text
    again = client.post(url, data={"phone": "+86 13900005678"}, follow_redirects=True)
    assert "已支持过此议题" in again.text
    bad = client.post(url, data={"phone": "12345"}, follow_redirects=True)
    assert "请输入有效的手机" in bad.text
    assert Topic.objects.get(pk=raised.pk).supporters == 1
    stored = TopicSupport.objects.get(topic=raised)
    assert "5678" not in stored.phone_hash and len(stored.phone_hash) == 64
    raw = str(database()["topic_supports"].find_one()) + str(list(database()["audit"].find()))
    assert "13900005678" not in raw
    assert AuditEntry.objects(collection="topic_supports").count() == 1


def test_only_raised_topics_take_support(client, shown):
    _raised, done, proposed = shown
    response = client.post(f"/topics/support/{done.pk}", data={"phone": "13900005678"},
                           follow_redirects=True)  # fmt: skip
    assert "不再征集支持" in response.text
    assert client.post(f"/topics/support/{proposed.pk}", data={"phone": "1"}).status_code == 404
    assert client.post("/topics/support/nothing", data={"phone": "1"}).status_code == 404


def test_support_is_rate_limited_per_address():
    app = make_app(RATELIMIT_ENABLED=True)
    try:
        from tests import factories

        topic = factories.topic()
        client = app.test_client()
        codes = [
            client.post(
                f"/topics/support/{topic.pk}", data={"phone": f"1390000{n:04d}"}
            ).status_code
            for n in range(6)
        ]
        assert codes[:5] == [302] * 5 and codes[5] == 429
        assert Topic.objects.get(pk=topic.pk).supporters == 5
    finally:
        database().client.drop_database(database().name)


def test_a_resident_raises_a_topic_that_waits_for_the_community(client, place, make):
    url = f"/topics/{place['community'].code}/raise"
    assert "您的姓名和电话只有社区工作人员可见" in client.get(url).text
    bad = client.post(url, data={"title": "", "description": "", "name": "", "phone": "12"})
    assert bad.status_code == 200 and "请给议题起一个简短的标题" in bad.text
    assert "请输入有效" in bad.text or "电话" in bad.text
    assert Topic.objects.count() == 0
    good = client.post(url, data={"title": "垃圾分类点太远", "description": "希望增设一处分类点",
                                  "name": "钱多多", "phone": "13700001111"})  # fmt: skip
    assert good.status_code == 302
    topic = Topic.objects.get(title="垃圾分类点太远")
    assert topic.status == "proposed" and topic.source == "board"
    assert "垃圾分类点太远" not in client.get(f"/topics/{place['community'].code}/").text
    steps.apply(topic, "accept", "王社工")
    assert "垃圾分类点太远" in client.get(f"/topics/{place['community'].code}/").text
    steps.apply(topic, "deliberate", "王社工", meeting())
