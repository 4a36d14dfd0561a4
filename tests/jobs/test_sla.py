"""The deadline watch flags overdue demands and escalates them one level, once."""

from datetime import timedelta

from jobs.sla import run_sla
from models import Demand
from models.base import utcnow


def test_the_watch_flags_and_escalates_once(make, seeded):
    community = make.community()
    now = utcnow()
    past, future = now - timedelta(hours=1), now + timedelta(days=2)
    routine = make.demand(community, make.item(level="routine"), handling_level="routine",
                          deadline_at=past)  # fmt: skip
    major = make.demand(community, make.item(level="major"), handling_level="major",
                        deadline_at=past)  # fmt: skip
    wish = make.demand(community, make.item(kind="wish"), status="published", deadline_at=past)
    fine = make.demand(community, make.item(), handling_level="routine", deadline_at=future)
    closed = make.demand(community, make.item(), deadline_at=past, closed_at=past)

    counts = run_sla()
    assert counts == {
        "checked": 3,
        "flagged": 3,
        "escalated": 1,
        "conflict": 0,
        "claims_returned": 0,
        "claims_warned": 0,
    }
    routine.reload()
    assert (routine.overdue, routine.handling_level, routine.escalations) == (True, "general", 1)
    assert routine.deadline_at > now  # the general level's deadline, counted from now
    step = routine.timeline[-1]
    assert (step.action, step.actor) == ("escalate", "system")
    major.reload()
    assert (major.overdue, major.handling_level, major.escalations) == (True, "major", 0)
    assert wish.reload().overdue and wish.escalations == 0
    assert not fine.reload().overdue and not closed.reload().overdue

    # every few minutes: nothing more happens until the new deadline passes
    assert run_sla() == {
        "checked": 0,
        "flagged": 0,
        "escalated": 0,
        "conflict": 0,
        "claims_returned": 0,
        "claims_warned": 0,
    }
    assert Demand.objects.get(pk=routine.pk).escalations == 1
    later = routine.deadline_at + timedelta(minutes=1)
    assert run_sla(now=later)["escalated"] == 2  # this one again, and the one due in 2 days
    assert Demand.objects.get(pk=routine.pk).handling_level == "major"
    assert fine.reload().handling_level == "general"
    assert run_sla(now=later + timedelta(days=90))["escalated"] == 1  # only `fine` goes up
    assert Demand.objects.get(pk=routine.pk).escalations == 2  # 联席 is the top


def test_the_watch_keeps_to_a_street(make, seeded):
    mine, other = make.community(), make.community()
    past = utcnow() - timedelta(hours=1)
    make.demand(mine, make.item(), handling_level="routine", deadline_at=past)
    theirs = make.demand(other, make.item(), handling_level="routine", deadline_at=past)
    assert run_sla(street_id=str(mine.street.pk))["flagged"] == 1
    assert not theirs.reload().overdue


def test_the_watch_returns_expired_claims_to_the_wall(make, seeded):
    community = make.community()
    wish = make.demand(community, make.item(kind="wish"), status="claimed",
                       deadline_at=utcnow() - timedelta(hours=1))  # fmt: skip
    assert run_sla()["claims_returned"] == 1
    back = wish.reload()
    assert back.status == "published" and back.claim_expiries == 1
    assert run_sla()["claims_returned"] == 0


def test_each_street_escalates_along_its_own_rule_sets_order(make, seeded):
    from models import RuleSet
    from models.rule_defaults import DEADLINE

    short, usual = make.community(), make.community()
    params = {**DEADLINE, "escalation": ["routine", "general"]}
    RuleSet(kind="deadline", code="short", name="两级", street=short.street, params=params).save()
    past = utcnow() - timedelta(hours=1)
    mine = make.demand(short, make.item(level="general"), handling_level="general",
                       deadline_at=past)  # fmt: skip
    theirs = make.demand(usual, make.item(level="general"), handling_level="general",
                         deadline_at=past)  # fmt: skip
    counts = run_sla()
    assert (counts["checked"], counts["flagged"], counts["escalated"]) == (2, 2, 1)
    assert mine.reload().handling_level == "general"  # the top of its street's order
    assert theirs.reload().handling_level == "major"
