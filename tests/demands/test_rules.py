"""Each demand rule has one definition: the rule set read once, the item's values only where set."""

from datetime import UTC, datetime, timedelta

import pytest
from mongoengine import ValidationError

from models import RuleSet
from models.rule_defaults import DEADLINE
from weimin.core.errors import field_errors
from weimin.demands import transitions
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.importer import check_rows

RECEIVED = datetime(2026, 3, 2, 2, tzinfo=UTC)  # a Monday, 10:00 in Shanghai


def deadline_rules(street=None, **changes):
    params = {**DEADLINE, **changes}
    return RuleSet(kind="deadline", code="local", name="时限", street=street, params=params).save()


def take_in(make, community, item, when=RECEIVED):
    return make.demand(community, item, received_at=when)


def test_the_rule_sets_response_hours_apply_when_the_item_sets_none(make):
    community = make.community()
    levels = {"general": {"deadline_days": 15, "response_hours": 6}}
    deadline_rules(community.street, levels=levels)
    item = make.item(level="general")
    assert item.response_hours is None  # no built-in default hides the rule set's value
    demand = take_in(make, community, item)
    assert demand.response_due_at == RECEIVED + timedelta(hours=6)


def test_an_items_own_response_hours_win_over_the_rule_set(make):
    community = make.community()
    deadline_rules(community.street, levels={"routine": {"response_hours": 6}})
    item = make.item(level="routine", response_hours=48)
    assert take_in(make, community, item).response_due_at == RECEIVED + timedelta(hours=48)


def test_a_wish_without_its_own_window_uses_the_rule_sets(make):
    community = make.community()
    deadline_rules(community.street, wish={"claim_window_days": 4, "fulfil_working_days": 15})
    wish = take_in(make, community, make.item(kind="wish"))
    assert wish.deadline_at == RECEIVED + timedelta(days=4)


def test_the_escalation_order_is_read_from_the_rule_set(make):
    community = make.community()
    deadline_rules(community.street, escalation=["routine", "major"])
    demand = take_in(make, community, make.item(level="routine"))
    demand = transitions.apply(demand, "escalate", "system")
    assert demand.handling_level == "major"
    rules = DeadlineRules.current(community.street)
    assert rules.next_level("major") == "major" and rules.below_top() == ["routine"]


def test_the_claim_limit_is_read_from_the_rule_set(make):
    community = make.community()
    deadline_rules(community.street, wish={"claim_limit": 1})
    volunteer = make.volunteer(community)
    first, second = (take_in(make, community, make.item(kind="wish")) for _ in range(2))
    transitions.apply(first, "claim", "vol", volunteer=volunteer)
    with pytest.raises(transitions.TransitionError) as refused:
        transitions.apply(second, "claim", "vol", volunteer=volunteer)
    assert "volunteer" in refused.value.errors


def test_a_claim_by_an_organisation_gets_the_fulfilment_deadline(make):
    community = make.community()
    wish = take_in(make, community, make.item(kind="wish"))
    org = make.organisation(community.street)
    claimed_at = RECEIVED + timedelta(hours=3)
    wish = transitions.apply(wish, "claim", "org", organisation=org, at=claimed_at)
    rules = DeadlineRules.current(community.street)
    assert wish.deadline_at.replace(tzinfo=UTC) == rules.fulfil_deadline(claimed_at)


def test_bad_deadline_parameters_are_refused(make):
    with pytest.raises(ValidationError, match="escalation"):
        deadline_rules(escalation=["routine", "urgent"])
    with pytest.raises(ValidationError, match="deadline_days"):
        deadline_rules(levels={"routine": {"deadline_days": 0}})


def test_an_item_of_another_streets_catalogue_is_refused_by_the_demand(make):
    community = make.community()
    foreign = make.item(street_doc=make.street())
    with pytest.raises(ValidationError) as refused:
        take_in(make, community, foreign)
    assert "item" in field_errors(refused.value)
    assert take_in(make, community, make.item(street_doc=community.street)).pk
    assert take_in(make, community, make.item()).pk  # a district template


def test_the_import_offers_only_what_the_rows_street_offers(make):
    mine, theirs = make.community(), make.community()
    template = make.item()
    template.adopt(theirs.street)  # that street works with its own copy now
    table = [
        ["社区编码", "居民姓名", "居民电话", "受理渠道", "诉求描述"],
        [mine.code, "王芳", "13800138000", "window", "需要探访"],
        [theirs.code, "李强", "13912345678", "window", "需要探访"],
    ]
    communities = {c.code: c for c in (mine, theirs)}
    result = check_rows(template, table, communities, "worker")
    assert [(row, column) for row, column, _message in result.errors] == [(3, "社区编码")]
