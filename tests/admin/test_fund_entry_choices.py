"""What a fund's entry forms offer: the available balance, and only the demands the fund may
pay for."""

import re

import pytest

from tests.admin.test_fund_entries import _form, build_world
from weimin.funds import ledger


@pytest.fixture
def world(make):
    return build_world(make)


def test_the_form_shows_the_available_balance(client, login, world):
    ledger.append(world["fund"], "contribution", "1234.5", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    text, _key = _form(client, world["fund"], "allocation")
    assert re.search(r'id="fund-available">可用余额：1,234.50<', text)


def test_only_demands_the_fund_may_serve_are_offered(client, login, world, make):
    street, community = world["street"], world["community"]
    elsewhere = make.demand(make.community(street), make.item("project", street_doc=street))
    affair = make.demand(community, make.item("affair", street_doc=street))
    wish = make.demand(community, make.item("wish", street_doc=street))
    fund = make.fund(street, community_doc=community, allowed_kinds=["project"], name="限项目")
    login(world["users"]["street_admin"])
    text, _key = _form(client, fund, "allocation")
    assert world["project"].ticket_no in text
    for other in (elsewhere, affair, wish):
        assert other.ticket_no not in text


def test_a_fund_for_some_categories_offers_their_demands_only(client, login, world, make):
    street, community = world["street"], world["community"]
    elder = make.category(name="助老", street_doc=street)
    other = make.demand(community, make.item("project", street_doc=street))
    mine = make.demand(community, make.item("project", street_doc=street, category=elder))
    fund = make.fund(street, community_doc=community, allowed_categories=[elder], name="助老金")
    login(world["users"]["street_admin"])
    text, _key = _form(client, fund, "allocation")
    assert mine.ticket_no in text and other.ticket_no not in text
