"""Many people paying from one fund at once never overdraw it, directly or by the subsidy step."""

import threading
from decimal import Decimal

import pytest

from models import Demand, LedgerEntry
from weimin.demands import transitions
from weimin.funds import ledger
from weimin.funds.ledger import LedgerError

THREADS = 20


def at_once(work, count=THREADS):
    """Run work(i) in `count` threads released together; returns their outcomes in order."""
    barrier, outcomes = threading.Barrier(count), [None] * count

    def run(i):
        barrier.wait()
        try:
            outcomes[i] = work(i)
        except (LedgerError, transitions.TransitionError) as exc:
            outcomes[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def consistent(fund):
    fund.reload()
    kept, computed = ledger.check(fund)
    assert kept == computed
    assert computed.available >= 0 and computed.earmarked >= 0
    assert computed.paid <= computed.received
    seqs = [e.seq for e in LedgerEntry.objects(fund=fund).order_by("seq")]
    assert seqs == list(range(1, len(seqs) + 1))  # numbered without gaps
    return computed


@pytest.fixture
def fund(app, make):
    fund = make.fund(make.street())
    ledger.append(fund, "contribution", "10000", "w", donor="区财政", channel="budget")
    return fund


def test_twenty_payments_at_once_pay_only_what_came_in(fund):
    outcomes = at_once(
        lambda i: ledger.append(fund, "disbursement", "700", f"a{i}", purpose="社区活动")
    )
    paid = [o for o in outcomes if isinstance(o, LedgerEntry)]
    refused = [o for o in outcomes if isinstance(o, LedgerError)]
    assert len(paid) == 14 and len(refused) == 6  # 14 × 700 ≤ 10,000 < 15 × 700
    assert all("amount" in r.errors for r in refused)
    figures = consistent(fund)
    assert figures.paid == Decimal(9800) and figures.available == Decimal(200)


def test_money_coming_in_while_others_pay(fund):
    def work(i):
        if i % 2:
            return ledger.append(fund, "contribution", "100", "w", donor="居民", channel="wechat")
        return ledger.append(fund, "disbursement", "1100", "a", purpose="社区活动")

    outcomes = at_once(work)
    figures = consistent(fund)
    assert figures.received == Decimal(11000)  # every contribution went in
    payments = sum(1 for i, o in enumerate(outcomes) if not i % 2 and isinstance(o, LedgerEntry))
    assert figures.paid == payments * Decimal(1100) and payments <= 10


def test_payments_against_one_allocation_at_once_keep_within_it(fund, make):
    project = make.demand(make.community(fund.street), make.item("project", street_doc=fund.street))
    allocation = ledger.append(fund, "allocation", "1000", "a", demand=project)
    outcomes = at_once(
        lambda i: ledger.append(fund, "disbursement", "150", "a", allocation=allocation)
    )
    assert sum(isinstance(o, LedgerEntry) for o in outcomes) == 6  # 6 × 150 ≤ 1,000
    figures = consistent(fund)
    assert figures.earmarked == Decimal(100) and figures.available == Decimal(9000)


def test_subsidies_of_twenty_projects_at_once_never_overdraw(fund, make):
    community = make.community(fund.street)
    item = make.item("project", street_doc=fund.street)
    projects = []
    for _ in range(THREADS):
        demand = make.demand(community, item)
        Demand.objects(pk=demand.pk).update(
            set__status="accepted", set__subsidy_amount=Decimal(800)
        )
        projects.append(demand.reload())

    def work(i):
        project = projects[i]
        return transitions.apply(project, "release_subsidy", "a", rev=project.rev, subsidy="800")

    outcomes = at_once(work)
    released = [o for o in outcomes if isinstance(o, Demand)]
    refused = [o for o in outcomes if isinstance(o, transitions.TransitionError)]
    assert len(released) == 12 and len(refused) == 8  # 12 × 800 ≤ 10,000 < 13 × 800
    assert all(list(r.errors) == ["subsidy"] for r in refused)
    figures = consistent(fund)
    assert figures.paid == Decimal(9600)
    subsidised = Demand.objects(pk__in=[p.pk for p in projects], status="subsidised").count()
    assert subsidised == 12  # money and status agree
