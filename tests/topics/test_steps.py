"""The five steps as a state machine: every valid move, every invalid one refused clearly."""

from decimal import Decimal

import pytest

from models import Demand, Topic
from tests.topics.conftest import carry, meeting
from weimin.topics import steps
from weimin.topics.errors import Conflict, TopicError

STATUSES = ["proposed", "raised", "deliberated", "resourced", "in_action", "evaluated",
            "not_adopted"]  # fmt: skip
ALLOWED = {
    "proposed": {"accept", "close"},
    "raised": {"deliberate", "close"},
    "deliberated": {"pledge", "close"},
    "resourced": {"pledge", "carry_out", "close"},
    "in_action": {"carry_out", "evaluate"},
    "evaluated": set(),
    "not_adopted": set(),
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(steps.STEPS))
def test_each_move_from_each_status(make, place, status, action):
    topic = make.topic(place["community"], status=status)
    if action in ALLOWED[status]:
        steps.check(topic, action)
        assert action in steps.available(topic)
    else:
        with pytest.raises(TopicError) as refused:
            steps.check(topic, action)
        assert "：" in refused.value.message or ":" in refused.value.message
        assert action not in steps.available(topic)


def test_the_five_steps_in_order_leave_a_timeline(walk, place):
    topic = walk("evaluated")
    topic = Topic.objects.get(pk=topic.pk)
    assert [s.action for s in topic.timeline] == ["raise", "deliberate", "pledge", "carry_out",
                                                  "evaluate"]  # fmt: skip
    assert [s.to_status for s in topic.timeline][-1] == "evaluated"
    assert topic.meeting.options[0].votes == 18
    assert {p.party for p in topic.meeting.participants} == {"party", "property"}
    assert topic.pledges[0].amount == Decimal("1200.00")
    assert topic.evaluation.total == 24 and topic.rev == 4


def test_carrying_out_takes_a_demand_in_through_intake_linked_both_ways(walk, place):
    topic = walk("in_action")
    demand = topic.demands[0]
    assert demand.kind == "project" and demand.channel == "meeting"
    assert demand.ticket_no and demand.timeline[0].action == "intake"
    assert Topic.objects(demands=demand).get().pk == topic.pk
    # a second demand while it is carried out
    affair = steps.apply(topic, "carry_out", "王社工", carry(place["project"]))
    assert len(affair.demands) == 2


def test_a_meeting_that_does_not_adopt_closes_the_topic(make, place):
    topic = make.topic(place["community"])
    steps.apply(
        topic, "deliberate", "王社工", meeting(outcome="rejected", decision="居民意见分歧大")
    )
    assert topic.status == "not_adopted" and topic.close_reason == "居民意见分歧大"


def test_closing_needs_a_reason(make, place):
    topic = make.topic(place["community"])
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "close", "王社工", {"reason": " "})
    assert "reason" in refused.value.errors
    steps.apply(topic, "close", "王社工", {"reason": "已由物业自行解决"})
    assert Topic.objects.get(pk=topic.pk).status == "not_adopted"


@pytest.mark.parametrize(
    "over, field",
    [({"date": None}, "date"), ({"participants": {"party": "王书记"}}, "participants"),
     ({"minutes": ""}, "minutes"), ({"options": [("加装", 3)]}, "options"),
     ({"options": [("加装", None), ("暂缓", 1)]}, "options"), ({"mode": "x"}, "mode"),
     ({"outcome": ""}, "outcome"), ({"decision": ""}, "decision")],
)  # fmt: skip
def test_bad_meeting_data_is_refused_per_field_and_nothing_changes(make, place, over, field):
    topic = make.topic(place["community"])
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "deliberate", "王社工", meeting(**over))
    assert field in refused.value.errors
    assert Topic.objects.get(pk=topic.pk).status == "raised"


def test_a_consensus_needs_no_counts(make, place):
    topic = make.topic(place["community"])
    steps.apply(topic, "deliberate", "王社工", meeting(mode="consensus", options=[("加装", None)]))
    assert topic.meeting.options[0].votes is None


def test_money_pledged_stays_within_the_funds_available_balance(walk, place, make):
    topic = walk("deliberated")
    data = {"kind": "money", "text": "众筹基金", "fund": place["fund"], "amount": "6000"}
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "pledge", "王社工", data)
    assert "5,000.00" in " ".join(refused.value.errors["amount"])
    other = make.fund(make.street(), "crowd")
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "pledge", "王社工", {**data, "fund": other, "amount": "10"})
    assert "fund" in refused.value.errors
    place["fund"].reload()
    assert place["fund"].available == Decimal("5000")  # a pledge moves no money


def test_a_bad_demand_is_refused_and_nothing_is_taken_in(walk, place):
    topic = walk("resourced")
    before = Demand.objects.count()
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "carry_out", "王社工", carry(place["project"], resident_phone="123"))
    assert "resident_phone" in refused.value.errors
    assert Demand.objects.count() == before and topic.reload().status == "resourced"


def test_an_evaluation_needs_counts(walk):
    topic = walk("in_action")
    with pytest.raises(TopicError) as refused:
        steps.apply(topic, "evaluate", "王社工", {"satisfied": 0, "basically": 0,
                                                 "dissatisfied": 0})  # fmt: skip
    assert "satisfied" in refused.value.errors


def test_a_step_taken_meanwhile_by_someone_else_is_a_conflict(make, place):
    topic = make.topic(place["community"])
    stale = Topic.objects.get(pk=topic.pk)
    steps.apply(topic, "close", "甲", {"reason": "重复议题"})
    with pytest.raises((Conflict, TopicError)):
        steps.apply(stale, "deliberate", "乙", meeting())
    assert Topic.objects.get(pk=topic.pk).status == "not_adopted"


def test_a_stale_page_takes_no_demand_in(walk, place):
    topic = walk("resourced")
    stale = Topic.objects.get(pk=topic.pk)
    steps.apply(topic, "pledge", "甲", {"kind": "other", "text": "物业提供水电"})
    before = Demand.objects.count()
    with pytest.raises(Conflict):
        steps.apply(stale, "carry_out", "乙", carry(place["project"]))
    assert Demand.objects.count() == before
