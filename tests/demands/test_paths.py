"""Each path's legal transitions, a refused illegal one, and what each step records."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from bson import Decimal128

from models import Demand
from models.base import utcnow
from models.demand import Evaluation
from weimin.demands import transitions
from weimin.demands.deadlines import DeadlineRules
from weimin.demands.intake import duplicates, find_duplicate, prepare_new
from weimin.demands.lifecycle import PATHS
from weimin.funds import ledger


@pytest.fixture
def new_demand(make):
    """Take in a demand of a kind through the shared intake."""

    def _new(kind="affair", community=None, **item_kw):
        item = make.item(kind=kind, **item_kw)
        return make.demand(community or make.community(), item, resident_phone="13912345678")

    return _new


def act(demand, action, **params):
    return transitions.apply(demand, action, "worker", params.pop("note", None), **params)


def evaluation(level="satisfied"):
    return Evaluation(satisfaction=level, resolved=True, comment="很好")


def test_affair_path_from_intake_to_evaluation(make, new_demand):
    demand = new_demand("affair")
    assert demand.status == "received" and demand.ticket_no.startswith(demand.street.code)
    org = make.organisation(demand.street)
    demand = act(demand, "assign", organisation=org)
    assert demand.status == "assigned" and demand.assigned_org == org
    assert demand.first_response_at is not None
    demand = act(demand, "start")
    demand = act(demand, "close", note="已修复")
    assert demand.status == "closed" and demand.closed_at is not None
    demand = act(demand, "answer", note="已电话告知居民")
    demand = act(demand, "evaluate", evaluation=evaluation())
    assert demand.status == "evaluated" and demand.evaluation.satisfaction == "satisfied"
    steps = [(s.action, s.from_status, s.to_status) for s in demand.timeline]
    assert steps == [
        ("intake", None, "received"),
        ("assign", "received", "assigned"),
        ("start", "assigned", "in_progress"),
        ("close", "in_progress", "closed"),
        ("answer", "closed", "answered"),
        ("evaluate", "answered", "evaluated"),
    ]
    assert all(s.actor == "worker" for s in demand.timeline[1:])


def test_affair_reject_transfer_and_escalate(make, new_demand):
    demand = new_demand("affair", level="routine")
    with pytest.raises(transitions.TransitionError) as exc:
        act(demand, "reject")
    assert "note" in exc.value.errors
    first_deadline = demand.deadline_at
    demand = act(demand, "escalate")
    assert demand.handling_level == "general" and demand.escalations == 1
    assert demand.deadline_at > first_deadline
    demand = act(demand, "escalate")
    assert demand.handling_level == "major"
    with pytest.raises(transitions.TransitionError):
        act(demand, "escalate")
    org_a, org_b = make.organisation(demand.street), make.organisation(demand.street)
    demand = act(demand, "assign", organisation=org_a)
    demand = act(demand, "transfer", organisation=org_b, note="不属于本组织业务")
    assert demand.assigned_org == org_b and demand.status == "assigned"
    rejected = act(new_demand("affair"), "reject", note="不属于社区事务")
    assert rejected.status == "rejected" and rejected.rejected_at and rejected.reject_reason


def test_wish_path_claim_release_fulfil(make, new_demand):
    wish = new_demand("wish")
    assert wish.status == "published"
    volunteer = make.volunteer(wish.community)
    wish = act(wish, "claim", volunteer=volunteer)
    assert wish.status == "claimed" and wish.assigned_volunteer == volunteer
    wish = act(wish, "release")
    assert wish.status == "published" and wish.assigned_volunteer is None
    wish = act(wish, "claim", volunteer=volunteer)
    wish = act(wish, "fulfil")
    assert wish.closed_at is not None
    wish = act(wish, "evaluate", evaluation=evaluation("basically"))
    assert wish.status == "evaluated"


def test_claim_limit_per_volunteer(make, new_demand):
    community = make.community()
    volunteer = make.volunteer(community)
    for _ in range(3):
        act(new_demand("wish", community=community), "claim", volunteer=volunteer)
    with pytest.raises(transitions.TransitionError) as exc:
        act(new_demand("wish", community=community), "claim", volunteer=volunteer)
    assert "At most 3 wishes" in str(exc.value.errors["volunteer"][0])


def test_the_claim_limit_holds_in_memory_as_in_the_store(make, new_demand):
    """replay() refuses the claim that apply() refuses, given the same count of held wishes."""
    community = make.community()
    volunteer = make.volunteer(community)
    wish = new_demand("wish", community=community)
    rules = DeadlineRules.current(wish.street)
    at = wish.received_at + timedelta(hours=1)
    with pytest.raises(transitions.TransitionError) as exc:
        transitions.replay(wish, "claim", "w", at=at, rules=rules, held=3, volunteer=volunteer)
    assert "volunteer" in exc.value.errors
    transitions.replay(wish, "claim", "w", at=at, rules=rules, held=2, volunteer=volunteer)
    assert wish.status == "claimed"
    with pytest.raises(ValueError):  # a volunteer's claim without the count is a programming error
        transitions.replay(
            new_demand("wish", community=community),
            "claim",
            "w",
            at=at,
            rules=rules,
            volunteer=volunteer,
        )


@pytest.mark.parametrize("action", ["assign", "claim"])
def test_the_assignee_must_work_in_the_demands_street(make, new_demand, action):
    demand = new_demand("wish" if action == "claim" else "affair")
    elsewhere = make.community()
    org, volunteer = make.organisation(elsewhere.street), make.volunteer(elsewhere)
    with pytest.raises(transitions.TransitionError) as exc:
        act(demand, action, organisation=org)
    assert list(exc.value.errors) == ["organisation"]
    assert "another street" in str(exc.value.errors["organisation"][0])
    with pytest.raises(transitions.TransitionError) as exc:
        act(demand, action, volunteer=volunteer)
    assert list(exc.value.errors) == ["volunteer"]
    # The same rule holds on the in-memory path the demo generator uses.
    rules = DeadlineRules.current(demand.street)
    with pytest.raises(transitions.TransitionError):
        transitions.replay(
            demand, action, "w", at=demand.received_at, rules=rules, held=0, organisation=org
        )
    assert Demand.objects.get(pk=demand.pk).assigned_org is None


def test_project_path_with_subsidy(make, new_demand):
    project = new_demand("project", subsidy_max=Decimal(50000))
    with pytest.raises(transitions.TransitionError) as exc:
        act(project, "approve", subsidy="60000")
    assert "subsidy" in exc.value.errors
    project = act(project, "approve", subsidy="30000")
    assert project.subsidy_amount == Decimal("30000")
    raw = Demand._get_collection().find_one({"_id": project.pk})
    assert isinstance(raw["subsidy_amount"], Decimal128)
    for name in ("implement", "inspect"):
        project = act(project, name)
    project = act(project, "fail", note="台账不全")
    assert project.status == "rectifying"
    project = act(project, "inspect")
    project = act(project, "pass")
    fiscal = make.fund(project.street)  # the subsidy is paid from the street's fiscal fund
    ledger.append(fiscal, "contribution", "100000", "w", donor="区财政", channel="budget")
    project = act(project, "release_subsidy", subsidy="30000")
    assert project.subsidy_released == Decimal("30000")
    assert fiscal.reload().paid == Decimal("30000")
    project = act(project, "complete")
    assert project.status == "completed" and project.closed_at is not None


@pytest.mark.parametrize("kind", sorted(PATHS))
def test_an_illegal_transition_is_refused_and_writes_nothing(new_demand, kind):
    demand = new_demand(kind)
    before = Demand._get_collection().find_one({"_id": demand.pk})
    with pytest.raises(transitions.TransitionError):
        act(demand, "complete" if kind != "project" else "close")
    assert Demand._get_collection().find_one({"_id": demand.pk}) == before


def test_evaluation_only_once(new_demand):
    wish = new_demand("wish")
    Demand.objects(id=wish.id).update(set__status="fulfilled")
    wish.reload()
    wish = act(wish, "evaluate", evaluation=evaluation())
    Demand.objects(id=wish.id).update(set__status="fulfilled")
    wish.reload()
    with pytest.raises(transitions.TransitionError):
        act(wish, "evaluate", evaluation=evaluation("dissatisfied"))
    assert wish.reload().evaluation.satisfaction == "satisfied"


def test_stale_revision_is_a_conflict(new_demand):
    demand = new_demand("affair")
    stale = Demand.objects.get(id=demand.id)
    act(demand, "escalate")
    with pytest.raises(transitions.Conflict):
        act(stale, "escalate")
    assert Demand.objects.get(id=demand.id).escalations == 1


def test_threaded_race_has_exactly_one_winner(app, make, new_demand):
    demand = new_demand("affair")
    orgs = [make.organisation(demand.street) for _ in range(8)]
    results = []
    barrier = threading.Barrier(len(orgs))

    def worker(org):
        copy = Demand.objects.get(id=demand.id)
        barrier.wait()
        try:
            act(copy, "assign", organisation=org)
            results.append(("won", org.id))
        except transitions.Conflict:
            results.append(("conflict", org.id))

    threads = [threading.Thread(target=worker, args=(org,)) for org in orgs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [org for outcome, org in results if outcome == "won"]
    assert len(winners) == 1 and len(results) == len(orgs)
    final = Demand.objects.get(id=demand.id)
    assert final.assigned_org.id == winners[0]
    assert [s.action for s in final.timeline].count("assign") == 1


def test_duplicate_open_demand_is_linked(new_demand, make):
    first = new_demand("affair")
    second = Demand(
        item=first.item,
        street=first.street,
        community=first.community,
        resident_name="赵敏",
        resident_phone="139 1234 5678",
        channel="hotline",
        description="又打电话来",
    )
    prepare_new(second, "worker")
    assert second.save().duplicate_of == first


@pytest.mark.parametrize(
    ("ended", "expected"), [(None, True), ("closed", False), ("rejected", False), ("later", True)]
)
def test_the_store_and_the_demo_find_the_same_duplicate(new_demand, ended, expected):
    """find_duplicate (store) and the predicate the demo uses in memory agree."""
    first = new_demand("affair")
    came_in = first.received_at + timedelta(days=2)
    if ended in ("closed", "rejected"):
        Demand.objects(pk=first.pk).update_one(**{f"set__{ended}_at": came_in - timedelta(hours=1)})
    elif ended == "later":  # closed after the second demand came in: it was open then
        Demand.objects(pk=first.pk).update_one(set__closed_at=came_in + timedelta(hours=1))
    twin = Demand(item=first.item, street=first.street, community=first.community,
                  resident_name="赵敏", resident_phone="139 1234 5678", channel="hotline",
                  description="又打电话来", received_at=came_in)  # fmt: skip
    stored = find_duplicate(twin)
    in_memory = duplicates(twin, Demand.objects.get(pk=first.pk))
    assert (stored == first, in_memory) == (expected, expected)


def test_the_earliest_duplicate_wins_and_ties_go_to_the_lower_id(make):
    community, item = make.community(), make.item()
    at = utcnow() - timedelta(days=1)
    ids = sorted(
        make.demand(community, item, resident_phone="13912345678", received_at=at).pk
        for _ in range(3)
    )
    twin = Demand(item=item, resident_phone="13912345678", received_at=utcnow())
    assert find_duplicate(twin).pk == ids[0]


def test_parallel_claims_never_pass_the_claim_limit(app, make, new_demand, monkeypatch):
    """Ten claims at once by one volunteer: three win, the rest are told the limit."""
    community = make.community()
    volunteer = make.volunteer(community)
    wishes = [new_demand("wish", community=community) for _ in range(10)]
    outcomes, barrier = [], threading.Barrier(len(wishes), timeout=30)
    checked = threading.Barrier(len(wishes), timeout=30)
    plan = transitions.plan

    def plan_then_wait(*args, **kwargs):
        planned = plan(*args, **kwargs)
        checked.wait()  # the worst case: every claim has passed its checks before any writes
        return planned

    monkeypatch.setattr(transitions, "plan", plan_then_wait)

    def claim(wish):
        copy = Demand.objects.get(id=wish.id)
        barrier.wait()
        try:
            act(copy, "claim", volunteer=volunteer)
            outcomes.append("claimed")
        except transitions.TransitionError as exc:
            outcomes.append(str(exc.errors["volunteer"][0]))

    threads = [threading.Thread(target=claim, args=(wish,)) for wish in wishes]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("claimed") == 3 and len(outcomes) == 10
    assert set(outcomes) - {"claimed"} == {"At most 3 wishes may be claimed at once."}
    assert Demand.objects(status="claimed", assigned_volunteer=volunteer).count() == 3


def test_fulfilling_releasing_and_expiring_give_a_claim_back(make, new_demand):
    community = make.community()
    volunteer = make.volunteer(community)
    held = [act(new_demand("wish", community=community), "claim", volunteer=volunteer)]
    held += [act(new_demand("wish", community=community), "claim", volunteer=volunteer)]
    held += [act(new_demand("wish", community=community), "claim", volunteer=volunteer)]
    more = new_demand("wish", community=community)
    for ending, wish in zip(("fulfil", "release"), held, strict=False):
        with pytest.raises(transitions.TransitionError):
            act(more, "claim", volunteer=volunteer)
        act(wish, ending)
        more = act(more, "claim", volunteer=volunteer)
        assert more.status == "claimed"
        more = new_demand("wish", community=community)
    # A claim that loses its race gives its slot back at once.
    act(held[2], "release")
    stale = Demand.objects.get(id=more.id)
    act(more, "claim", volunteer=make.volunteer(community, id_number=make.VALID_IDS[1]))
    with pytest.raises(transitions.Conflict):
        act(stale, "claim", volunteer=volunteer)
    assert act(new_demand("wish", community=community), "claim", volunteer=volunteer)


@pytest.mark.parametrize(
    ("action", "length", "limit"), [("reject", 501, 500), ("reject", 100_000, 500)]
)
def test_a_note_longer_than_the_model_keeps_is_refused_under_its_field(
    new_demand, action, length, limit
):
    demand = new_demand("affair")
    before = Demand._get_collection().find_one({"_id": demand.pk})
    with pytest.raises(transitions.TransitionError) as exc:
        act(demand, action, note="长" * length)
    assert [str(m) for m in exc.value.errors["note"]] == [f"Enter at most {limit} characters."]
    assert Demand._get_collection().find_one({"_id": demand.pk}) == before
    rejected = act(demand, action, note="长" * limit)
    rejected.validate()  # the stored demand can still be edited and saved
    assert rejected.reject_reason == "长" * limit


def test_a_timeline_note_and_an_evaluation_comment_keep_the_models_limits(new_demand):
    demand = act(new_demand("affair"), "escalate", note="记" * 1000)
    with pytest.raises(transitions.TransitionError) as exc:
        act(demand, "escalate", note="记" * 1001)
    assert list(exc.value.errors) == ["note"]
    wish = new_demand("wish")
    Demand.objects(id=wish.id).update(set__status="fulfilled")
    wish.reload()
    long = Evaluation(satisfaction="satisfied", resolved=True, comment="好" * 1001)
    with pytest.raises(transitions.TransitionError) as exc:
        act(wish, "evaluate", evaluation=long)
    assert list(exc.value.errors) == ["comment"]
    odd = Evaluation(satisfaction="ecstatic", resolved=True)
    with pytest.raises(transitions.TransitionError) as exc:
        act(wish, "evaluate", evaluation=odd)
    assert list(exc.value.errors) == ["evaluation"] and wish.reload().evaluation is None


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-0", "12.345", "1e12", "十万", None])
def test_a_subsidy_must_be_a_positive_amount_in_yuan_and_fen(new_demand, amount):
    project = new_demand("project", subsidy_max=Decimal(50000))
    with pytest.raises(transitions.TransitionError) as exc:
        act(project, "approve", subsidy=amount)
    assert list(exc.value.errors) == ["subsidy"]
    assert Demand.objects.get(id=project.id).status == "applied"


def test_a_stale_revision_is_a_conflict_even_when_the_action_is_no_longer_allowed(make, new_demand):
    demand = new_demand("affair")
    seen = demand.rev
    org = make.organisation(demand.street)
    act(Demand.objects.get(id=demand.id), "assign", organisation=org)
    current = Demand.objects.get(id=demand.id)  # now "assigned": assign is no longer offered
    with pytest.raises(transitions.Conflict):
        transitions.apply(current, "assign", "worker", rev=seen, organisation=org)
    with pytest.raises(transitions.TransitionError):  # the current rev: a plain refusal
        transitions.apply(current, "assign", "worker", rev=current.rev, organisation=org)


def test_only_a_demand_that_validates_takes_a_ticket_number(make):
    from mongoengine import ValidationError

    from models import Counter
    from weimin.core.errors import field_errors

    street, elsewhere = make.street(), make.community()
    item = make.item(street_doc=street)
    bad = Demand(item=item, street=street, community=elsewhere, resident_name="赵敏",
                 resident_phone="13912345678", channel="window", description="灯坏了")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        prepare_new(bad, "worker")
    assert list(field_errors(exc.value)) == ["community"]
    assert Counter.objects.count() == 0
    good = make.demand(make.community(street), item)
    assert good.ticket_no.endswith("-0001")
