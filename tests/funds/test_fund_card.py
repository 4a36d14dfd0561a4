"""The home page's 微基金 card: this year's money of the funds in the user's scope."""

from datetime import date
from decimal import Decimal

import pytest

from models.base import local_today
from weimin.funds import ledger
from weimin.funds.card import fund_card


@pytest.fixture
def funds(app, make):
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1 = make.community(a, name="甲一社区")
    project = make.demand(a1, make.item("project", street_doc=a))
    fiscal = make.fund(a, name="甲街道财政补助资金")
    crowd = make.fund(a, kind="crowd", community_doc=a1, vote_threshold=Decimal(10000))
    other = make.fund(b, kind="named", name="乙街道冠名基金")
    today = local_today()
    ledger.append(fiscal, "contribution", "100000", "w", donor="区财政", channel="budget")
    ledger.append(crowd, "contribution", "8000", "w", donor="居民", channel="wechat")
    ledger.append(other, "contribution", "2000", "w", donor="爱心商户", channel="bank")
    last_year = date(today.year - 1, 6, 1)
    ledger.append(fiscal, "contribution", "5000", "w", last_year, donor="区财政", channel="budget")
    allocation = ledger.append(crowd, "allocation", "3000", "a", demand=project)
    ledger.append(crowd, "disbursement", "3000", "a", allocation=allocation)
    ledger.append(fiscal, "disbursement", "9000", "a", demand=project)
    return {
        "district": make.user("district_admin"),
        "street": make.user("street_admin", street_doc=a),
        "worker": make.user("community_worker", community_doc=a1),
    }


def test_the_card_follows_the_scope_and_the_year(funds):
    today = local_today()
    street = fund_card(funds["street"], today)
    assert (street["received"], street["raised"]) == ("108,000.00", "8,000.00")
    assert street["paid"] == "12,000.00" and street["share"] == 0.25
    assert street["available"] == "101,000.00"  # last year's 5,000 still counts in the balance
    worker = fund_card(funds["worker"], today)
    assert (worker["received"], worker["paid"], worker["share"]) == ("8,000.00", "3,000.00", 1.0)
    district = fund_card(funds["district"], today)
    assert district["received"] == "110,000.00" and district["funds"] == 3
    assert district["named"] == 2


def test_the_home_page_shows_the_card(client, login, funds):
    login(funds["street"])
    page = client.get("/admin/").text
    assert 'id="fund-card"' in page and "108,000.00" in page and "25.0%" in page


@pytest.mark.parametrize(
    "embedded",
    [
        pytest.param(True, id="summed-in-place", marks=pytest.mark.embedded_store),
        pytest.param(False, id="aggregated"),
    ],
)
def test_the_years_money_is_what_the_ratings_count_per_community(funds, monkeypatch, embedded):
    # The card adds amounts up per fund and kind; the ratings read every entry (totals.moved).
    from functools import reduce

    from models import Fund, LedgerEntry
    from weimin.funds.totals import Moved, moved, total
    from weimin.store import db

    crowd = Fund.objects.get(kind="crowd")
    paid = LedgerEntry.objects.get(fund=crowd, kind="disbursement")
    given = ledger.append(crowd, "contribution", "500.50", "w", donor="居民", channel="wechat")
    ledger.reverse(paid, "a", "付错了")
    ledger.reverse(given, "a", "重复登记")
    monkeypatch.setattr(db, "embedded_store", lambda: embedded)
    year = local_today().year
    span = (date(year, 1, 1), date(year + 1, 1, 1))
    for entries in (LedgerEntry.objects, LedgerEntry.objects(fund=crowd)):
        expected = reduce(Moved.plus, moved(entries, *span).values(), Moved())
        assert total(entries, *span) == expected
    assert total(LedgerEntry.objects(fund=crowd), *span).paid == 0
    assert total(LedgerEntry.objects.none(), *span) == Moved()  # a scope that sees nothing
