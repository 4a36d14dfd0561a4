"""The demo's topics: every step in every street, linked to demands and funds, all valid."""

from decimal import Decimal

import pytest

from models import Street, Topic
from models.references import ref_id
from models.topic_choices import TOPIC_STATUSES
from seeds import seed_all
from weimin.topics import steps


@pytest.fixture
def seeded(app):
    return seed_all(demo=True, size="small")


def test_every_street_has_topics_at_every_step_linked_to_demands_and_funds(seeded):
    assert seeded["topics"] == Topic.objects.count() > 0
    for street in Street.objects:
        found = set(Topic.objects(street=street).scalar("status"))
        assert found == {code for code, _label in TOPIC_STATUSES}, street.name
    for topic in Topic.objects:
        topic.validate()
        assert topic.timeline[-1].to_status == topic.status
        for demand in topic.demands:
            assert demand.kind in ("project", "affair")
            assert ref_id(demand, "community") == topic.community.pk
        for pledge in topic.pledges:
            if pledge.fund:
                assert Decimal(0) < pledge.amount <= pledge.fund.available
    assert Topic.objects(source="demand", demand__ne=None).count() > 0
    assert Topic.objects(status="evaluated", demands__0__exists=True).count() > 0


def test_a_demo_topic_moves_on_through_the_state_machine(seeded):
    topic = Topic.objects(status="proposed").first()
    steps.apply(topic, "accept", "demo")
    assert Topic.objects.get(pk=topic.pk).status == "raised"
