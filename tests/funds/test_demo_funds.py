"""The demo's funds: every street has its fiscal and named funds, the ledgers agree with the
running figures, and every released subsidy was paid from the street's fiscal fund."""

from collections import Counter
from decimal import Decimal

import pytest

from models import Demand, Fund, LedgerEntry, Street
from seeds import seed_all
from weimin.core.money import decimal
from weimin.funds import ledger


@pytest.fixture
def seeded(app):
    return seed_all(demo=True, size="small")


def test_every_fund_agrees_with_its_ledger(seeded):
    assert seeded["funds"] == Fund.objects.count() > 0
    for fund in Fund.objects:
        kept, computed = ledger.check(fund)
        assert kept == computed, fund.name
        assert computed.available >= 0 and computed.earmarked >= 0
        seqs = [e.seq for e in LedgerEntry.objects(fund=fund).order_by("seq")]
        assert seqs == list(range(1, fund.seq + 1))
        dates = [e.value_date for e in LedgerEntry.objects(fund=fund).order_by("seq")]
        assert dates == sorted(dates), fund.name  # entered in the order the money moved


def test_every_street_has_its_funds_and_the_story_has_every_kind_of_entry(seeded):
    for street in Street.objects:
        kinds = Counter(f.kind for f in Fund.objects(street=street))
        assert kinds["fiscal"] == 1 and 1 <= kinds["named"] <= 3
    assert Fund.objects(kind="crowd").count() >= 1
    for crowd in Fund.objects(kind="crowd"):
        assert 5 <= len(crowd.board) <= 7
    entries = Counter(LedgerEntry.objects.scalar("kind"))
    assert set(entries) == {"contribution", "pledge", "allocation", "disbursement", "reversal"}


def test_released_subsidies_were_paid_from_the_fiscal_fund(seeded):
    released = Demand.objects(kind="project", subsidy_released_at__ne=None)
    assert released.count() > 0
    for project in released:
        fiscal = Fund.objects.get(street=project.street, kind="fiscal")
        payments = LedgerEntry.objects(fund=fiscal, demand=project, kind="disbursement")
        undone = {e.reverses.pk for e in LedgerEntry.objects(reverses__in=list(payments))}
        net = sum((decimal(p.amount) for p in payments if p.pk not in undone), Decimal(0))
        assert net == project.subsidy_released, project.ticket_no


def test_every_crowdfunded_fund_has_a_year_of_board_motions(seeded):
    from models import FundMotion
    from weimin.funds import board

    for crowd in Fund.objects(kind="crowd"):
        motions = list(FundMotion.objects(fund=crowd))
        assert {m.kind for m in motions} == {"rule", "allocation"}
        assert any(m.status == "open" for m in motions)
        for motion in motions:
            if motion.status == "executed":
                entry = LedgerEntry.objects.get(motion=motion)
                assert entry.pk == motion.allocation.pk and entry.amount == motion.amount
                assert entry.amount > crowd.vote_threshold
            if motion.status in ("passed", "executed"):
                assert board.outcome(crowd, board.tally(crowd, motion.votes)) == "passed"
    assert FundMotion.objects(status="executed").count() >= 1
