"""Any sequence of ledger entries, good or bad, keeps the fund's identities (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models import LedgerEntry
from weimin.funds import ledger
from weimin.funds.ledger import LedgerError

GOOD = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(1000), places=2)
BAD = st.sampled_from(["-5", "0", "0.001", "12.345", "abc", "", "1e9", "-0.01"])
AMOUNT = st.one_of(GOOD.map(str), GOOD, BAD)
STEP = st.one_of(
    st.tuples(st.just("contribution"), AMOUNT),
    st.tuples(st.just("pledge"), AMOUNT),
    st.tuples(st.just("allocation"), AMOUNT, st.integers(0, 1)),
    st.tuples(st.just("disbursement"), AMOUNT, st.integers(-1, 5)),  # -1: no allocation
    st.tuples(st.just("reversal"), st.integers(0, 30)),
)


@pytest.fixture
def projects(app, make):
    street = make.street()
    community = make.community(street)
    item = make.item("project", street_doc=street)
    return street, [make.demand(community, item) for _ in range(2)]


def write(fund, step, projects, written, allocations):
    kind = step[0]
    if kind in ("contribution", "pledge"):
        year = {"pledge_year": 2026} if kind == "pledge" else {"channel": "cash"}
        return ledger.append(fund, kind, step[1], "w", donor="居民", **year)
    if kind == "allocation":
        return ledger.append(fund, kind, step[1], "a", demand=projects[step[2]])
    if kind == "disbursement":
        if step[2] < 0 or not allocations:
            return ledger.append(fund, kind, step[1], "a", purpose="社区活动")
        allocation = allocations[step[2] % len(allocations)]
        return ledger.append(fund, kind, step[1], "a", allocation=allocation)
    if not written:
        return None
    return ledger.reverse(written[step[1] % len(written)], "a", note="录入有误")


def holds(fund, before):
    """The identities after one step; `before` is the entry count when it began."""
    kept, computed = ledger.check(fund)
    assert kept == computed
    assert computed.available >= 0 and computed.earmarked >= 0
    figures, seq, left = ledger.replay(ledger.entries(fund.pk))
    assert figures == computed and all(v >= 0 for v in left.values())
    return seq


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["fiscal", "named", "crowd"]),
    opening=st.one_of(st.none(), st.decimals(Decimal(1000), Decimal(20000), places=2)),
    steps=st.lists(STEP, min_size=3, max_size=25),
)
def test_any_sequence_of_entries_keeps_the_identities(make, projects, kind, opening, steps):
    street, demands = projects
    fund = make.fund(street, kind=kind, vote_threshold=Decimal(10**6))
    written, allocations = [], []
    if opening is not None:  # money in first, so that more of what follows can be paid
        steps = [("contribution", opening), *steps]
    for step in steps:
        before = LedgerEntry.objects(fund=fund).count()
        try:
            entry = write(fund, step, demands, written, allocations)
        except LedgerError as exc:
            assert exc.errors  # refused with field messages …
            event(f"refused {step[0]} {sorted(exc.errors)}")
            assert LedgerEntry.objects(fund=fund).count() == before  # … writing nothing
            entry = None
        if entry is not None:
            written.append(entry)
            event(f"wrote {entry.kind}")
            if entry.kind == "allocation":
                allocations.append(entry)
        assert holds(fund, before) == LedgerEntry.objects(fund=fund).count()
