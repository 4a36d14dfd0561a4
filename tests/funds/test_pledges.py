"""Pledges against payments per fund and year; unpaid pledges past due become reminders."""

from datetime import date
from decimal import Decimal

import pytest

from weimin.funds import ledger, pledges


@pytest.fixture
def world(app, make):
    street, other = make.street(), make.street()
    community = make.community(street)
    fund = make.fund(street, kind="named", community_doc=community, sponsor="爱心商户")
    users = {
        "street_admin": make.user("street_admin", street_doc=street),
        "other_admin": make.user("street_admin", street_doc=other),
        "community_worker": make.user("community_worker", community_doc=community),
        "supervisor": make.user("supervisor"),
    }
    return fund, users


def _pledge(fund, year, amount="2000"):
    return ledger.append(fund, "pledge", amount, "w", date(year, 1, 10), donor="爱心商户",
                         pledge_year=year)  # fmt: skip


def _pay(fund, pledge, amount, day):
    return ledger.append(fund, "contribution", amount, "w", day, donor="爱心商户",
                         channel="bank", pledge=pledge)  # fmt: skip


def test_pledged_and_paid_per_year(world):
    fund, _users = world
    p24, p25 = _pledge(fund, 2024), _pledge(fund, 2025, "3000")
    _pay(fund, p24, "2000", date(2024, 6, 1))
    _pay(fund, p25, "1000", date(2025, 6, 1))
    assert pledges.by_year(fund) == [
        (2024, Decimal("2000"), Decimal("2000"), Decimal("0")),
        (2025, Decimal("3000"), Decimal("1000"), Decimal("2000")),
    ]


def test_an_unpaid_pledge_becomes_a_reminder_after_its_years_end(world):
    fund, users = world
    pledge = _pledge(fund, 2025)
    _pay(fund, pledge, "500", date(2025, 6, 1))
    admin = users["street_admin"]
    assert pledges.reminders(admin, today=date(2025, 12, 31)) == []
    (due,) = pledges.reminders(admin, today=date(2026, 1, 1))
    assert due.pledge.pk == pledge.pk and due.unpaid == Decimal("1500")
    assert due.due == date(2025, 12, 31)


def test_the_due_day_is_configurable(app, world):
    fund, users = world
    _pledge(fund, 2025)
    app.config["FUND_PLEDGE_DUE"] = "06-30"
    with app.app_context():
        assert len(pledges.reminders(users["street_admin"], today=date(2025, 7, 1))) == 1
        assert pledges.reminders(users["street_admin"], today=date(2025, 6, 30)) == []


def test_paid_or_cancelled_pledges_are_no_reminders(world):
    fund, users = world
    paid, cancelled = _pledge(fund, 2024), _pledge(fund, 2024, "100")
    _pay(fund, paid, "2000", date(2024, 5, 1))
    ledger.reverse(cancelled, "a", "认捐人撤回")
    assert pledges.reminders(users["street_admin"], today=date(2026, 1, 1)) == []


def test_a_reversed_payment_leaves_the_pledge_unpaid(world):
    fund, users = world
    pledge = _pledge(fund, 2024)
    payment = _pay(fund, pledge, "2000", date(2024, 5, 1))
    ledger.reverse(payment, "a", "退款")
    (due,) = pledges.reminders(users["street_admin"], today=date(2026, 1, 1))
    assert due.unpaid == Decimal("2000")


def test_reminders_follow_the_users_scope(world):
    fund, users = world
    _pledge(fund, 2024)
    today = date(2026, 1, 1)
    for role in ("street_admin", "community_worker", "supervisor"):
        assert len(pledges.reminders(users[role], today=today)) == 1, role
    assert pledges.reminders(users["other_admin"], today=today) == []


def test_the_home_page_counts_them_for_the_staff_only(client, login, world, make):
    fund, users = world
    _pledge(fund, 2024)
    login(users["community_worker"])
    page = client.get("/admin/").text
    assert 'id="pledge-reminders-card"' in page and 'data-count="pledges_due">1<' in page
    client.post("/logout")
    login(users["supervisor"])
    assert 'id="pledge-reminders-card"' not in client.get("/admin/").text
