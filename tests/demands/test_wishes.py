"""Claims past their fulfilment deadline come back to the wall, flagged."""

from datetime import timedelta

import pytest

from models import Demand
from models.base import utcnow
from weimin.demands import transitions
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.intake import prepare_new
from weimin.demands.wishes import expire_claims, wall_query


def test_expired_claim_returns_to_the_wall(make):
    community = make.community()
    item = make.item(kind="wish")
    wish = Demand(
        item=item,
        street=community.street,
        community=community,
        resident_name="李",
        resident_phone="13912345678",
        channel="wish_wall",
        description="想要一个书包",
    )
    prepare_new(wish, "worker")
    wish.save()
    volunteer = make.volunteer(community)
    wish = transitions.apply(wish, "claim", "vol", volunteer=volunteer)
    assert expire_claims() == 0
    later = wish.deadline_at + timedelta(minutes=1)
    assert expire_claims(now=later) == 1
    back = Demand.objects.get(id=wish.id)
    assert back.status == "published" and back.assigned_volunteer is None
    assert back.claim_expiries == 1 and back.timeline[-1].actor == "system"
    assert back.deadline_at > later
    assert back in list(wall_query())
    assert expire_claims(now=later) == 0  # running again changes nothing
    assert utcnow() < back.deadline_at


def test_a_release_counts_an_expiry_only_past_the_deadline_in_store_and_memory(make):
    community = make.community()
    volunteer = make.volunteer(community)
    rules = DeadlineRules.current(community.street)
    counts = {}
    for when in ("before", "after"):
        stored = make.demand(community, make.item(kind="wish"))
        stored = transitions.apply(stored, "claim", "vol", volunteer=volunteer)
        memory = Demand.objects.get(pk=stored.pk)
        at = stored.deadline_at + timedelta(minutes=-1 if when == "before" else 1)
        transitions.replay(memory, "release", "system", at=at, rules=rules)
        stored = transitions.apply(stored, "release", "system", at=at, rules=rules)
        counts[when] = (stored.claim_expiries, memory.claim_expiries)
    assert counts == {"before": (0, 0), "after": (1, 1)}


def test_an_expired_claim_frees_the_volunteers_slot(make):
    community = make.community()
    volunteer = make.volunteer(community)
    claimed = [
        transitions.apply(make.demand(community, make.item(kind="wish")), "claim", "vol",
                          volunteer=volunteer)
        for _ in range(3)
    ]  # fmt: skip
    waiting = make.demand(community, make.item(kind="wish"))
    with pytest.raises(transitions.TransitionError):
        transitions.apply(waiting, "claim", "vol", volunteer=volunteer)
    assert expire_claims(now=claimed[0].deadline_at + timedelta(minutes=1)) == 3
    assert transitions.apply(waiting, "claim", "vol", volunteer=volunteer).status == "claimed"
