"""Late is a fact about a moment: figures of a month do not move when the watch runs later."""

from datetime import timedelta

from jobs.clearance import run_clearance
from jobs.sla import run_sla
from models import ClearanceReport, Demand
from tests.jobs.conftest import TZ, local
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.overdue_history import backfill_overdue_at
from weimin.demands.transitions import apply

COUNTS = ("carried_in", "received", "closed", "closed_on_time", "rejected", "open_at_end",
          "overdue_open", "clearance_rate", "response_rate", "composite")  # fmt: skip


def figures(month, community):
    run_clearance(month)
    report = ClearanceReport.objects.get(month=month, community=community)
    return {name: getattr(report, name) for name in COUNTS}


def assign(demand, org, at):
    return apply(demand, "assign", "站长", at=at, organisation=org)


def test_a_past_month_is_the_same_before_and_after_the_watch_flags(make, seeded):
    # A 联席 affair received 2 January, due in February, flagged by the watch a day late,
    # closed 1 March: January never counts it overdue, February always does.
    community = make.community()
    item = make.item(level="major")
    demand = make.demand(community, item, received_at=local(1, 2))
    due = demand.deadline_at
    assert due.astimezone(TZ).month == 2
    before = {month: figures(month, community) for month in ("2026-01", "2026-02")}
    run_sla(now=due + timedelta(days=1))
    demand.reload()
    assert demand.overdue and demand.overdue_at == due  # the deadline, not the watch's hour
    assign(demand, make.organisation(community.street), local(2, 25))
    apply(demand.reload(), "close", "站长", at=local(3, 1))
    after = {month: figures(month, community) for month in ("2026-01", "2026-02")}
    assert after == before
    assert before["2026-01"]["overdue_open"] == 0 and before["2026-02"]["overdue_open"] == 1


def test_closing_in_the_last_half_second_of_the_due_day_is_on_time(make, seeded):
    community = make.community()
    org = make.organisation(community.street)
    item = make.item(level="routine")
    on_time = make.demand(community, item, received_at=local(3, 2))
    late = make.demand(community, item, received_at=local(3, 2))
    due = on_time.deadline_at.astimezone(TZ)
    assert (due.hour, due.minute, due.second) == (0, 0, 0)  # 00:00 of the day after the due day
    assign(on_time, org, local(3, 2, 11))
    apply(on_time.reload(), "close", "站长", at=due - timedelta(milliseconds=500))
    assign(late, org, local(3, 2, 11))
    apply(late.reload(), "close", "站长", at=due)
    counts = figures("2026-03", community)
    assert (counts["closed"], counts["closed_on_time"]) == (2, 1)


def test_escalation_gives_a_new_deadline_but_does_not_make_it_on_time(make, seeded):
    community = make.community()
    demand = make.demand(community, make.item(level="routine"), received_at=local(3, 2))
    first = demand.deadline_at
    run_sla(now=first + timedelta(hours=5))
    demand.reload()
    assert demand.handling_level == "general" and demand.deadline_at > first
    assert demand.overdue_at == first
    assert [s.deadline_at for s in demand.timeline] == [first, demand.deadline_at]
    assign(demand, make.organisation(community.street), first + timedelta(hours=6))
    apply(demand.reload(), "close", "站长", at=first + timedelta(days=1))
    counts = figures("2026-03", community)
    assert (counts["closed"], counts["closed_on_time"]) == (1, 0)


def test_a_wish_claimed_before_the_watch_noticed_its_window_closed_is_late(make, seeded):
    community = make.community()
    wish = make.demand(community, make.item(kind="wish"), received_at=local(3, 2))
    window_end = wish.deadline_at
    volunteer = make.volunteer(community)
    apply(wish, "claim", "志愿者", at=window_end + timedelta(minutes=3), volunteer=volunteer)
    wish.reload()
    assert wish.overdue and wish.overdue_at == window_end
    assert figures("2026-03", community)["overdue_open"] == 1


def test_a_wish_claimed_in_time_is_not_late(make, seeded):
    community = make.community()
    wish = make.demand(community, make.item(kind="wish"), received_at=local(3, 2))
    volunteer = make.volunteer(community)
    apply(wish, "claim", "志愿者", at=wish.deadline_at - timedelta(minutes=1), volunteer=volunteer)
    wish.reload()
    assert not wish.overdue and wish.overdue_at is None


def old_shape(demand, **fields):
    """Store `demand` as records were kept before overdue instants and step deadlines."""
    collection = Demand._get_collection()
    doc = collection.find_one({"_id": demand.pk})
    doc.pop("overdue_at", None)
    for step in doc["timeline"]:
        step.pop("deadline_at", None)
    collection.replace_one({"_id": demand.pk}, {**doc, **fields})


def test_the_backfill_replays_the_deadlines_an_old_record_lost(make, seeded):
    community = make.community()
    item = make.item(level="routine")
    escalated = make.demand(community, item, received_at=local(3, 2))
    first = escalated.deadline_at
    run_sla(now=first + timedelta(days=2))
    flagged_only = make.demand(community, make.item(level="major"), received_at=local(3, 2))
    run_sla(now=flagged_only.deadline_at + timedelta(hours=1))
    on_time = make.demand(community, item, received_at=local(3, 20))
    for demand in (escalated, flagged_only, on_time):
        old_shape(demand)
    rules = DeadlineRules.current(community.street)
    assert rules.params.escalation[0] == "routine"
    assert backfill_overdue_at() == {"set": 2, "fallback": 0}
    assert escalated.reload().overdue_at == first
    assert flagged_only.reload().overdue_at == flagged_only.deadline_at
    assert on_time.reload().overdue_at is None
    assert backfill_overdue_at() == {"set": 0, "fallback": 0}  # idempotent
