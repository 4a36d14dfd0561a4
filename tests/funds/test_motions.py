"""Motions: what they need, and carrying out a passed allocation in the ledger exactly once."""

import datetime
from decimal import Decimal

import pytest
from mongoengine import ValidationError

from models import FundMotion, LedgerEntry
from weimin.funds import board, ledger, motions
from weimin.funds.board import BoardError
from weimin.funds.ledger import LedgerError

YESTERDAY = datetime.date.today() - datetime.timedelta(days=1)
ALL_YES = [("王芳", "yes"), ("李强", "yes"), ("陈静", "yes")]


@pytest.fixture
def world(app, make):
    street = make.street()
    community = make.community(street)
    project = make.demand(community, make.item("project", street_doc=street))
    fund = make.fund(street, "crowd")
    ledger.append(fund, "contribution", "5000", "w", donor="居民众筹", channel="wechat")
    return fund, project


def _motion(fund, project, amount="3000", **kw):
    motion = FundMotion(fund=fund, kind="allocation", title="资助助老项目", amount=amount,
                        demand=project, **kw)  # fmt: skip
    motions.prepare(motion, "w", True)
    return motion.save()


def _passed(fund, project, amount="3000"):
    motion = _motion(fund, project, amount)
    board.record_meeting(motion, "w", YESTERDAY, "同意", ALL_YES)
    board.decide(motion, "w")
    return motion


def test_execute_appends_one_allocation_even_when_run_twice(world):
    fund, project = world
    motion = _passed(fund, project)
    entry = motions.execute(motion, "a")
    again = motions.execute(FundMotion.objects.get(pk=motion.pk), "a")
    stale = FundMotion.objects.get(pk=motion.pk)
    stale.status, stale.allocation = "passed", None  # as if the first run stopped half-way
    motions.execute(stale, "a")
    assert LedgerEntry.objects(kind="allocation").count() == 1
    assert again.pk == entry.pk and entry.amount == Decimal("3000")
    stored = FundMotion.objects.get(pk=motion.pk)
    assert stored.status == "executed" and stored.allocation.pk == entry.pk
    assert ledger.check(fund)[0] == ledger.check(fund)[1]
    fund.reload()
    assert fund.available == Decimal("2000")


def test_execute_over_the_balance_says_so_and_writes_nothing(world):
    fund, project = world
    motion = _passed(fund, project, "5000.01")
    with pytest.raises(LedgerError) as refused:
        motions.execute(motion, "a")
    assert "5,000.00" in str(refused.value.errors["amount"][0])
    assert LedgerEntry.objects(kind="allocation").count() == 0
    assert FundMotion.objects.get(pk=motion.pk).status == "passed"


def test_only_passed_allocation_motions_are_carried_out(world):
    fund, project = world
    motion = _motion(fund, project)
    with pytest.raises(BoardError):
        motions.execute(motion, "a")
    rule = FundMotion(fund=fund, kind="rule", title="规则", text="助老优先")
    motions.prepare(rule, "w", True)
    rule.save()
    board.record_meeting(rule, "w", YESTERDAY, "", ALL_YES)
    board.decide(rule, "w")
    with pytest.raises(BoardError):
        motions.execute(rule, "a")
    assert LedgerEntry.objects(kind="allocation").count() == 0


def test_allocations_above_the_threshold_wait_for_the_vote(world):
    fund, project = world
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "allocation", "3000", "a", demand=project)
    assert "motion" in refused.value.errors


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"amount": "-1"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"demand": None}, "demand"),
    ],
)
def test_bad_allocation_motions_get_field_messages(world, change, field):
    fund, project = world
    motion = FundMotion(fund=fund, kind="allocation", title="资助", amount="100", demand=project)
    for name, value in change.items():
        setattr(motion, name, value)
    with pytest.raises(ValidationError) as refused:
        motions.prepare(motion, "w", True)
    assert field in refused.value.errors


def test_motions_are_for_crowdfunded_funds_and_their_own_street(world, make):
    fund, project = world
    fiscal = make.fund(fund.street)
    with pytest.raises(ValidationError) as refused:
        motions.prepare(FundMotion(fund=fiscal, kind="rule", title="规则", text="x"), "w", True)
    assert "fund" in refused.value.errors
    elsewhere = make.demand(make.community(), make.item("project"))
    motion = FundMotion(fund=fund, kind="allocation", title="资助", amount="100", demand=elsewhere)
    with pytest.raises(ValidationError) as refused:
        motions.prepare(motion, "w", True)
    assert "demand" in refused.value.errors


def test_a_motion_voted_on_cannot_be_changed(world):
    fund, project = world
    motion = _motion(fund, project)
    board.record_meeting(motion, "w", YESTERDAY, "", [("王芳", "yes")])
    motion.amount = "4000"
    with pytest.raises(ValidationError):
        motions.prepare(motion, "w", False)


def test_two_people_carrying_out_one_motion_at_once_write_one_entry(app, world):
    import threading

    fund, project = world
    motion = _passed(fund, project)
    barrier, results = threading.Barrier(4), []

    def run():
        with app.app_context():
            copy = FundMotion.objects.get(pk=motion.pk)  # each loaded it while it was passed
            barrier.wait()
            results.append(motions.execute(copy, "a").pk)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and len(set(results)) == 1
    assert LedgerEntry.objects(kind="allocation").count() == 1
    assert FundMotion.objects.get(pk=motion.pk).allocation.pk == results[0]
