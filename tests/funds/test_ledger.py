"""The ledger: entries, balances, reversals and the refusals that write nothing."""

import datetime
from decimal import Decimal

import pytest

from models import Fund, LedgerEntry
from weimin.funds import ledger
from weimin.funds.ledger import LedgerError


@pytest.fixture
def world(app, make):
    street = make.street()
    community = make.community(street)
    project = make.demand(community, make.item("project", street_doc=street))
    return street, community, project


def test_contribution_allocation_payment_and_balances(world, make):
    street, community, project = world
    fund = make.fund(street)
    given = ledger.append(fund, "contribution", "10000.50", "w", donor="区财政", channel="budget")
    assert given.seq == 1 and given.code
    allocation = ledger.append(fund, "allocation", "6000", "a", demand=project)
    ledger.append(fund, "disbursement", "2500.25", "a", allocation=allocation, demand=project)
    ledger.append(fund, "disbursement", "100", "a", purpose="宣传物料")
    fund.reload()
    assert fund.received == Decimal("10000.50")
    assert fund.earmarked == Decimal("3499.75")
    assert fund.paid == Decimal("2600.25")
    assert fund.available == Decimal("3900.50")
    kept, computed = ledger.check(fund)
    assert kept == computed and fund.seq == 4


def test_overdraw_is_refused_with_the_available_balance(world, make):
    street, _community, project = world
    fund = make.fund(street)
    ledger.append(fund, "contribution", "500", "w", donor="张三", channel="cash")
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "allocation", "500.01", "a", demand=project)
    assert "500.00" in str(refused.value.errors["amount"][0])
    assert LedgerEntry.objects(fund=fund).count() == 1
    assert Fund.objects.get(pk=fund.pk).seq == 1


@pytest.mark.parametrize(
    ("amount", "field"),
    [("-5", "amount"), ("0", "amount"), ("1.005", "amount"), ("abc", "amount"), ("1e9", "amount")],
)
def test_bad_amounts_write_nothing(world, make, amount, field):
    fund = make.fund(world[0])
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "contribution", amount, "w", donor="张三", channel="cash")
    assert field in refused.value.errors
    assert LedgerEntry.objects.count() == 0


def test_contribution_needs_donor_channel_and_a_past_date(world, make):
    fund = make.fund(world[0])
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "contribution", "10", "w", value_date=tomorrow)
    assert set(refused.value.errors) == {"donor", "channel", "value_date"}


def test_payment_cannot_exceed_what_is_left_of_its_allocation(world, make):
    street, _c, project = world
    fund = make.fund(street)
    ledger.append(fund, "contribution", "9000", "w", donor="区财政", channel="budget")
    allocation = ledger.append(fund, "allocation", "3000", "a", demand=project)
    ledger.append(fund, "disbursement", "2000", "a", allocation=allocation)
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "disbursement", "1000.01", "a", allocation=allocation)
    assert "1,000.00" in refused.value.errors["amount"][0]


def test_reversal_undoes_once_and_never_twice(world, make):
    street, _c, project = world
    fund = make.fund(street)
    given = ledger.append(fund, "contribution", "800", "w", donor="李四", channel="wechat")
    with pytest.raises(LedgerError) as refused:
        ledger.reverse(given, "a", note="")
    assert "note" in refused.value.errors
    ledger.reverse(given, "a", note="重复录入")
    fund.reload()
    assert fund.received == 0 and fund.available == 0
    with pytest.raises(LedgerError) as again:
        ledger.reverse(given, "a", note="再次")
    assert "reverses" in again.value.errors
    assert LedgerEntry.objects(fund=fund).count() == 2


def test_spent_money_cannot_be_reversed_away(world, make):
    street, _c, project = world
    fund = make.fund(street)
    given = ledger.append(fund, "contribution", "800", "w", donor="李四", channel="bank")
    allocation = ledger.append(fund, "allocation", "300", "a", demand=project)
    with pytest.raises(LedgerError) as refused:
        ledger.reverse(given, "a", note="退款")
    assert "amount" in refused.value.errors
    payment = ledger.append(fund, "disbursement", "300", "a", allocation=allocation)
    with pytest.raises(LedgerError) as paid:
        ledger.reverse(allocation, "a", note="取消")
    assert "reverses" in paid.value.errors
    ledger.reverse(payment, "a", note="退回")
    ledger.reverse(allocation, "a", note="取消")
    ledger.reverse(given, "a", note="退款")
    kept, computed = ledger.check(fund)
    assert kept == computed and computed.balance == 0


def test_a_retried_request_writes_once(world, make):
    fund = make.fund(world[0])
    first = ledger.append(fund, "contribution", "10", "w", donor="王五", channel="cash", key="k1")
    again = ledger.append(fund, "contribution", "10", "w", donor="王五", channel="cash", key="k1")
    assert first.pk == again.pk and LedgerEntry.objects.count() == 1


def test_frozen_and_closed_funds(world, make):
    street, _c, project = world
    fund = make.fund(street)
    ledger.append(fund, "contribution", "100", "w", donor="王五", channel="cash")
    fund.update(status="frozen")
    fund.reload()
    with pytest.raises(LedgerError) as frozen:
        ledger.append(fund, "allocation", "10", "a", demand=project)
    assert "fund" in frozen.value.errors
    ledger.append(fund, "contribution", "5", "w", donor="王五", channel="cash")
    fund.update(status="closed")
    fund.reload()
    with pytest.raises(LedgerError):
        ledger.append(fund, "contribution", "5", "w", donor="王五", channel="cash")


def test_community_fund_and_restrictions(world, make):
    street, community, project = world
    other = make.demand(make.community(street), project.item)
    fund = make.fund(street, community_doc=community, allowed_kinds=["wish"])
    ledger.append(fund, "contribution", "100", "w", donor="王五", channel="cash")
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "allocation", "10", "a", demand=other)
    assert "own community" in refused.value.errors["demand"][0]
    with pytest.raises(LedgerError) as kind:
        ledger.append(fund, "allocation", "10", "a", demand=project)
    assert "kind" in kind.value.errors["demand"][0]


def test_running_figures_are_repaired_from_the_ledger(world, make):
    fund = make.fund(world[0])
    ledger.append(fund, "contribution", "100", "w", donor="王五", channel="cash")
    Fund._get_collection().update_one({"_id": fund.pk}, {"$set": {"seq": 0}})  # a lost update
    ledger.append(fund, "contribution", "50", "w", donor="王五", channel="cash")
    kept, computed = ledger.check(fund)
    assert kept == computed and computed.received == Decimal(150)


def test_no_money_goes_to_a_rejected_demand(world, make):
    import datetime as dt

    street, community, project = world
    fund = make.fund(street)
    ledger.append(fund, "contribution", "900", "w", donor="区财政", channel="budget")
    rejected = make.demand(community, project.item, status="rejected", reject_reason="重复",
                           rejected_at=dt.datetime.now(dt.UTC))  # fmt: skip
    with pytest.raises(LedgerError) as refused:
        ledger.append(fund, "allocation", "100", "a", demand=rejected)
    assert "demand" in refused.value.errors
    assert LedgerEntry.objects(fund=fund, kind="allocation").count() == 0


def test_a_channel_not_offered_is_refused_in_the_users_words(world, make, app):
    fund = make.fund(world[0])
    with app.test_request_context():
        with pytest.raises(LedgerError) as refused:
            ledger.append(fund, "contribution", "10", "w", donor="王五", channel="transfer")
    assert refused.value.errors["channel"] == ["请从列出的选项中选择。"]
    assert LedgerEntry.objects.count() == 0


def test_what_is_left_of_allocations_agrees_with_the_ledgers_replay(world, make):
    from weimin.funds import checks

    street, _c, project = world
    fund = make.fund(street)
    ledger.append(fund, "contribution", "9000", "w", donor="区财政", channel="budget")
    first = ledger.append(fund, "allocation", "3000", "a", demand=project)
    second = ledger.append(fund, "allocation", "2000", "a", demand=project)
    third = ledger.append(fund, "allocation", "500", "a", demand=project)
    ledger.append(fund, "disbursement", "1000", "a", allocation=first)
    wrong = ledger.append(fund, "disbursement", "700", "a", allocation=first)
    ledger.reverse(wrong, "a", note="付错")
    ledger.append(fund, "disbursement", "2000", "a", allocation=second)
    ledger.reverse(third, "a", note="取消")
    left = checks.allocations_left([first, second, third])
    assert left == {first.pk: Decimal(2000), second.pk: Decimal(0), third.pk: Decimal(0)}
    _figures, _seq, replayed = ledger.replay(ledger.entries(fund.pk))
    assert replayed == left
