"""Calls: weights add up to 100, deadlines and objection periods on working days, the states."""

from datetime import UTC, datetime, timedelta

import pytest
from mongoengine import ValidationError

from models.purchase_call import Criterion
from tests.purchase.conftest import MONDAY
from weimin.demands.errors import TransitionError
from weimin.purchase import calls


def test_weights_must_add_up_to_100(world):
    call = world["call"]
    call.criteria = [Criterion(name="方案", weight=60), Criterion(name="经验", weight=30)]
    with pytest.raises(ValidationError) as caught:
        call.validate()
    assert "criteria" in str(caught.value) and "add up to 90" in str(caught.value)


def test_the_budget_cap_stays_within_the_items_subsidy_cap(world):
    call = world["call"]
    call.budget_cap = 150000
    with pytest.raises(ValidationError) as caught:
        call.validate()
    assert "budget_cap" in str(caught.value)


def test_the_deadline_is_the_end_of_the_fifth_working_day(world):
    call = calls.advance(world["call"], "publish", MONDAY)
    # Mon 3 March 2025 + 5 working days = Mon 10 March, ends 00:00 Tue 11 March Shanghai.
    assert calls.aware(call.deadline) == datetime(2025, 3, 10, 16, 0, tzinfo=UTC)
    assert calls.is_open(call, calls.aware(call.deadline) - timedelta(seconds=1))
    assert not calls.is_open(call, calls.aware(call.deadline))


def test_the_deadline_skips_the_national_day_holidays(world):
    # Published Mon 29 Sep 2025: 1–8 Oct are holidays, Sat 11 Oct is a make-up working day.
    published = datetime(2025, 9, 29, 2, 0, tzinfo=UTC)
    assert calls.application_deadline(published, 2) == datetime(2025, 10, 9, 16, 0, tzinfo=UTC)
    assert calls.objection_end(published, 3) == datetime(2025, 10, 10, 16, 0, tzinfo=UTC)


def test_a_call_closes_only_after_its_deadline(world):
    call = calls.advance(world["call"], "publish", MONDAY)
    with pytest.raises(TransitionError):
        calls.advance(call, "close", MONDAY + timedelta(days=1))
    calls.advance(call, "close", calls.aware(call.deadline))
    assert call.reload().status == "closed"


def test_actions_follow_the_states(world):
    call = world["call"]
    with pytest.raises(TransitionError):
        calls.advance(call, "award", MONDAY)
    with pytest.raises(TransitionError):
        calls.advance(call, "cancel", MONDAY, note="")
    calls.advance(call, "cancel", MONDAY, note="预算调整")
    assert call.reload().status == "cancelled" and call.cancel_reason == "预算调整"


def test_a_call_links_the_topics_and_demands_of_its_own_street_only(world, make, login):
    call, street = world["call"], world["street"]
    mine = make.topic(world["community"], title="老年食堂议事")
    elsewhere = make.topic(make.community(make.street()), title="别处的议题")
    call.topics = [mine, elsewhere]
    with pytest.raises(ValidationError) as caught:
        call.validate()
    assert "topics" in str(caught.value) and "Link only records of this street" in str(caught.value)
    call.topics = [mine]
    call.save()
    client = login(make.user("street_admin", street_doc=street))
    form = client.get(f"/admin/purchase_call/edit/?id={call.pk}").text
    assert f'name="topics" type="hidden" value="{mine.pk}"' in form
    found = client.get("/admin/purchase_call/ajax/lookup/?name=topics&query=议").get_json()
    assert [title for _pk, title in found] == ["老年食堂议事"]
