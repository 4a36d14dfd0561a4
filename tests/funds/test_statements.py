"""Statements from the ledger: closing = opening + in − out every month, chained month to
month, and the last month closes on the fund's balance, for any ledger."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import Fund, LedgerEntry
from models.base import local_today
from weimin.core.periods import month_text
from weimin.funds import ledger
from weimin.funds.ledger import LedgerError
from weimin.funds.statements import entries_of, months_of, period_dates, statement, statements

DONORS = ("张三", "李四", "王五")
amounts = st.integers(min_value=1, max_value=500_000).map(lambda fen: Decimal(fen) / 100)
days = st.integers(min_value=0, max_value=150)
steps = st.one_of(
    st.tuples(st.just("contribution"), amounts, days, st.sampled_from(DONORS), st.booleans()),
    st.tuples(st.just("allocation"), amounts, days),
    st.tuples(st.just("disbursement"), amounts, days, st.integers(min_value=-1, max_value=5)),
    st.tuples(st.just("reversal"), st.integers(min_value=0, max_value=30), days),
)


@pytest.fixture
def place(app, make):
    street = make.street()
    community = make.community(street)
    project = make.demand(community, make.item("project", street_doc=street))
    return street, project


def _apply(fund, step, project, written):
    """Write one random step through ledger.append; refusals write nothing and are skipped."""
    kind, day = step[0], local_today() - datetime.timedelta(days=step[2])
    try:
        if kind == "contribution":
            return ledger.append(fund, kind, step[1], "w", day, donor=step[3],
                                 donor_public=step[4], channel="cash")  # fmt: skip
        if kind == "allocation":
            return ledger.append(fund, kind, step[1], "a", day, demand=project)
        if kind == "disbursement":
            allocations = [e for e in written if e.kind == "allocation"]
            if step[3] >= 0 and allocations:
                allocation = allocations[step[3] % len(allocations)]
                return ledger.append(fund, kind, step[1], "a", day, allocation=allocation)
            return ledger.append(fund, kind, step[1], "a", day, purpose="宣传物料")
        if written:
            target = written[step[1] % len(written)]
            return ledger.reverse(target, "a", note="录错", value_date=max(day, target.value_date))
    except LedgerError:
        return None
    return None


def _net_contributions(fund):
    reversed_ids = {e.reverses.pk for e in LedgerEntry.objects(fund=fund, kind="reversal")}
    given = LedgerEntry.objects(fund=fund, kind="contribution")
    return sum((e.amount for e in given if e.pk not in reversed_ids), Decimal(0))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(steps, max_size=25))
def test_statements_add_up_for_any_ledger(place, make, plan):
    street, project = place
    fund = make.fund(street)
    written = []
    for step in plan:
        entry = _apply(fund, step, project, written)
        if entry is not None and entry.kind != "reversal":
            written.append(entry)
    fund.reload()
    records = entries_of([fund.pk])[fund.pk]
    months = months_of({fund.pk: records})[::-1]  # oldest first
    previous, total_in = Decimal(0), Decimal(0)
    for month in months:
        s = statement(fund, records, *period_dates(month))
        assert s.opening_balance == previous
        assert s.closing_balance == s.opening_balance + s.money_in - s.money_out
        assert sum((a for _n, a in s.named_donors()), s.anonymous) == s.money_in
        assert sum((p.amount for p in s.paid_for), Decimal(0)) == s.money_out
        previous, total_in = s.closing_balance, total_in + s.money_in
    assert previous == fund.balance
    # Value dates may precede the money (a back-dated allocation), so only the last month's
    # figures are bound to be the fund's own.
    assert (s.available, s.earmarked) == (fund.available, fund.earmarked)
    assert s.available >= 0 and s.earmarked >= 0
    assert total_in == _net_contributions(fund)
    year = str(local_today().year)
    year_stmt = statement(fund, records, *period_dates(year))
    in_year = [statement(fund, records, *period_dates(m)) for m in months if m.startswith(year)]
    assert year_stmt.money_in == sum((m.money_in for m in in_year), Decimal(0))


def test_a_month_statement_names_only_public_donors(place, make):
    street, project = place
    fund = make.fund(street, kind="named", sponsor="海天商行", name="海天助学基金")
    today = local_today()
    ledger.append(fund, "contribution", "2000", "w", donor="海天商行", donor_public=True,
                  channel="bank")  # fmt: skip
    hidden = ledger.append(fund, "contribution", "300.50", "w", donor="赵六", channel="cash")
    ledger.append(fund, "contribution", "99.50", "w", donor="钱七", channel="cash")
    allocation = ledger.append(fund, "allocation", "1000", "a", demand=project)
    paid = ledger.append(fund, "disbursement", "400", "a", allocation=allocation)
    ledger.reverse(hidden, "a", note="退回")
    ledger.reverse(paid, "a", note="付错")
    ((_f, s),) = statements([fund], month_text(today.year, today.month))
    assert s.named_donors() == [("海天商行", Decimal("2000.00"))]
    assert s.anonymous == Decimal("99.50")
    assert s.money_in == Decimal("2099.50") and s.money_out == 0
    assert [(p.amount, p.reversal) for p in s.paid_for] == [(400, False), (-400, True)]
    assert project.ticket_no in s.paid_for[0].label
    assert s.allocations == Decimal("1000") and s.earmarked == Decimal("1000")
    assert s.sponsors == ["海天商行"]
    assert s.closing_balance == Decimal("2099.50") == Fund.objects.get(pk=fund.pk).balance


def test_periods_are_months_and_years_in_shanghai():
    assert period_dates("2026-02") == (datetime.date(2026, 2, 1), datetime.date(2026, 3, 1))
    assert period_dates("2025") == (datetime.date(2025, 1, 1), datetime.date(2026, 1, 1))
    with pytest.raises(ValueError):
        period_dates("2026-13")
