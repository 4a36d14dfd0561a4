"""The subsidy step (拨付补助) pays from a fund: choices, caps, one payment, reversals."""

import threading
from decimal import Decimal

import pytest

from models import Demand, Fund, LedgerEntry
from weimin.demands import transitions
from weimin.funds import ledger, subsidy


@pytest.fixture
def world(app, make):
    street = make.street()
    community = make.community(street)
    return street, community


@pytest.fixture
def accepted(make, world):
    """A 微项目 whose acceptance passed, with an approved subsidy of 30,000 yuan."""

    def _new(community=None, approved="30000"):
        community = community or world[1]
        item = make.item("project", street_doc=community.street)
        demand = make.demand(community, item)
        Demand.objects(pk=demand.pk).update(
            set__status="accepted", set__subsidy_amount=Decimal(approved)
        )
        return demand.reload()

    return _new


def funded(make, street, amount="100000", **kw):
    fund = make.fund(street, **kw)
    ledger.append(fund, "contribution", amount, "w", donor="区财政", channel="budget")
    return fund.reload()


def release(demand, **params):
    return transitions.apply(demand, "release_subsidy", "admin", rev=demand.rev, **params)


def test_the_fiscal_fund_is_the_default_the_communitys_before_the_streets(make, world, accepted):
    street, community = world
    street_fiscal = funded(make, street)
    named = funded(make, street, kind="named", name="张阿姨助学基金")
    project = accepted()
    assert subsidy.default(subsidy.choices(project)).fund == street_fiscal
    own = funded(make, street, community_doc=community)
    options = subsidy.choices(project)
    assert subsidy.default(options).fund == own
    assert {c.fund.pk for c in options} == {street_fiscal.pk, named.pk, own.pk}
    project = release(project, subsidy="30000")
    assert project.status == "subsidised"
    payment = LedgerEntry.objects.get(kind="disbursement")
    assert payment.fund.pk == own.pk and payment.demand.pk == project.pk
    assert own.reload().paid == Decimal(30000) and own.available == Decimal(70000)


def test_funds_that_may_not_pay_are_not_offered(make, world, accepted):
    street, community = world
    funded(make, make.street(), name="别的街道")
    funded(make, street, community_doc=make.community(street), name="别的社区")
    funded(make, street, name="只助微心愿", allowed_kinds=["wish"])
    frozen = funded(make, street, name="冻结")
    frozen.update(status="frozen")
    make.fund(street, kind="crowd", name="众筹无安排")
    project = accepted()
    assert subsidy.choices(project) == []
    with pytest.raises(transitions.TransitionError) as refused:
        release(project, subsidy="100")
    assert list(refused.value.errors) == ["fund"]
    assert Demand.objects.get(pk=project.pk).status == "accepted"
    elsewhere = Fund.objects.get(name="别的社区")
    with pytest.raises(transitions.TransitionError) as other:
        release(project, subsidy="100", fund=elsewhere)
    assert list(other.value.errors) == ["fund"]
    assert LedgerEntry.objects(kind="disbursement").count() == 0


def test_the_amount_is_capped_by_the_approval_and_the_funds_balance(make, world, accepted):
    fund = funded(make, world[0], amount="20000")
    project = accepted()
    with pytest.raises(transitions.TransitionError) as above_approval:
        release(project, subsidy="30000.01")
    assert list(above_approval.value.errors) == ["subsidy"]
    with pytest.raises(transitions.TransitionError) as above_balance:
        release(project, subsidy="25000")
    assert list(above_balance.value.errors) == ["subsidy"]
    assert "20,000.00" in str(above_balance.value.errors["subsidy"][0])
    for bad in ("-1", "0", "1.001", "abc"):
        with pytest.raises(transitions.TransitionError) as refused:
            release(project, subsidy=bad)
        assert list(refused.value.errors) == ["subsidy"]
    assert LedgerEntry.objects(kind="disbursement").count() == 0
    assert fund.reload().paid == 0 and Demand.objects.get(pk=project.pk).status == "accepted"


def test_a_crowdfunded_fund_pays_what_is_left_of_the_projects_allocation(make, world, accepted):
    street, community = world
    crowd = funded(make, street, kind="crowd", community_doc=community, vote_threshold=50000)
    project = accepted()
    allocation = ledger.append(crowd, "allocation", "12000", "a", demand=project)
    ledger.append(crowd, "disbursement", "2000", "a", allocation=allocation, demand=project)
    (choice,) = [c for c in subsidy.choices(project) if c.fund.pk == crowd.pk]
    assert choice.allocation.pk == allocation.pk and choice.limit == Decimal(10000)
    with pytest.raises(transitions.TransitionError) as refused:
        release(project, subsidy="10000.01", fund=crowd)
    assert "10,000.00" in str(refused.value.errors["subsidy"][0])
    release(project, subsidy="10000", fund=crowd)
    crowd.reload()
    assert crowd.earmarked == 0 and crowd.paid == Decimal(12000)


def test_a_retried_payment_for_one_revision_is_written_once(make, world, accepted):
    fund = funded(make, world[0])
    project = accepted()
    at = project.received_at
    first = subsidy.pay(project, None, Decimal(30000), "admin", at)
    again = subsidy.pay(project, None, Decimal(30000), "admin", at)
    assert first.pk == again.pk and fund.reload().paid == Decimal(30000)
    release(project, subsidy="30000")  # the release that follows uses that payment
    assert LedgerEntry.objects(kind="disbursement").count() == 1


def test_when_the_demand_moves_on_meanwhile_the_payment_is_reversed(make, world, accepted):
    fund = funded(make, world[0])
    project = accepted()
    paid = subsidy.pay

    def pay_then_lose(*args):
        entry = paid(*args)
        Demand.objects(pk=project.pk).update(inc__rev=1)  # someone else changed it first
        return entry

    subsidy.pay = pay_then_lose
    try:
        with pytest.raises(transitions.Conflict):
            release(project, subsidy="30000")
    finally:
        subsidy.pay = paid
    fund.reload()
    assert fund.paid == 0 and fund.available == Decimal(100000)
    assert [e.kind for e in LedgerEntry.objects(fund=fund).order_by("seq")] == [
        "contribution", "disbursement", "reversal",
    ]  # fmt: skip
    assert Demand.objects.get(pk=project.pk).status == "accepted"
    kept, computed = ledger.check(fund)
    assert kept == computed


def test_concurrent_releases_of_one_project_pay_once(make, world, accepted):
    fund = funded(make, world[0])
    project = accepted()
    barrier, results = threading.Barrier(8), []

    def worker():
        copy = Demand.objects.get(pk=project.pk)
        barrier.wait()
        try:
            release(copy, subsidy="30000")
            results.append("won")
        except transitions.Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("won") == 1 and len(results) == 8
    fund.reload()
    assert fund.paid == Decimal(30000)
    assert Demand.objects.get(pk=project.pk).subsidy_released == Decimal(30000)
    kept, computed = ledger.check(fund)
    assert kept == computed


def test_replay_writes_no_ledger_entry(make, world, accepted):
    project = accepted()
    transitions.replay(project, "release_subsidy", "demo", at=project.received_at, rules=None)
    assert project.status == "subsidised" and LedgerEntry.objects.count() == 0
