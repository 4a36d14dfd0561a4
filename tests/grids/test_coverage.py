"""Coverage per grid per month on a hand-built world: distinct households against the grid's
households, visits per worker, needs → demands → closed, months in Asia/Shanghai."""

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from models import Demand
from tests.grids.conftest import grid, visit
from weimin.grids.coverage import coverage, coverage_by_community, totals

MARCH = "2026-03"


@pytest.fixture
def march(app, make):
    street = make.street()
    home, other = make.community(street, name="幸福里"), make.community(street, name="和平里")
    a, b = grid(home, "G01", households=4), grid(home, "G02", households=0)
    c = grid(other, "G01", households=10)
    zhao = make.user("community_worker", community_doc=home, name="赵网格")
    qian = make.user("community_worker", community_doc=home, name="钱社工")
    at = datetime(2026, 3, 10, 2, tzinfo=UTC)
    visit(a, zhao, "1栋101室", at)
    visit(a, zhao, "1栋 101室", at)  # the same household, written with a space
    visit(a, qian, "1栋102室", at, follow_up=True)
    visit(a, zhao, "小区南门菜场", at, place_kind="place")
    # 00:30 on 1 March in Beijing is still February in UTC: it counts in March.
    visit(a, zhao, "2栋201室", datetime(2026, 2, 28, 16, 30, tzinfo=UTC))
    # 00:30 on 1 April in Beijing is still March in UTC: it does not count in March.
    visit(a, zhao, "2栋202室", datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
    taken = make.demand(home, received_at=at)
    closed = make.demand(home, received_at=at, status="closed", closed_at=at)
    voided = make.demand(home, received_at=at, status="voided", closed_at=at, void_reason="误录")
    for demand in (taken, closed, voided):
        visit(a, qian, f"3栋{demand.pk}", at, demand=demand)
    visit(c, make.user("community_worker", community_doc=other), "9栋901室", at)
    return {"street": street, "home": home, "other": other, "grids": (a, b, c)}


def test_one_grids_month(march):
    a = march["grids"][0]
    (row,) = [r for r in coverage([MARCH], community=march["home"].pk) if r.grid == a.pk]
    assert row.visits == 8  # 101 twice, 102, the market, 201 on 1 March, 3 with demands
    assert row.visited == 6  # 101 (twice), 102, 201, and the three households with demands
    assert row.places == 1
    assert row.coverage == Fraction(1)  # 6 households visited of 4: capped at the whole grid
    assert row.needs == 4  # one flagged, three taken in as demands
    assert (row.demands, row.closed) == (3, 1)  # the voided one is not closed work
    assert row.workers == {"赵网格": 4, "钱社工": 4}
    assert (row.code, row.community_name, row.households) == ("G01", "幸福里", 4)


def test_a_grid_without_households_has_no_rate_and_months_are_rows(march):
    rows = coverage(["2026-02", MARCH, "2026-04"], street=march["street"].pk)
    assert [r.month for r in rows] == ["2026-02"] * 3 + [MARCH] * 3 + ["2026-04"] * 3
    b = next(r for r in rows if r.grid == march["grids"][1].pk and r.month == MARCH)
    assert b.visits == 0 and b.coverage is None
    april = next(r for r in rows if r.grid == march["grids"][0].pk and r.month == "2026-04")
    assert april.visits == 1 and april.visited == 1 and april.coverage == Fraction(1, 4)
    february = [r for r in rows if r.month == "2026-02"]
    assert sum(r.visits for r in february) == 0


def test_scope_narrows_the_grids(march):
    rows = coverage([MARCH], community=march["other"].pk)
    assert [r.grid for r in rows] == [march["grids"][2].pk]
    assert rows[0].visited == 1 and rows[0].coverage == Fraction(1, 10)


def test_totals_add_up_capping_each_grid(march):
    total = totals(coverage([MARCH], street=march["street"].pk))
    assert total["grids"] == 3 and total["households"] == 14 and total["visits"] == 9
    assert total["coverage"] == Fraction(4 + 1, 14)  # grid A counts at most its 4 households
    assert (total["demands"], total["closed"]) == (3, 1)


def test_coverage_by_community_averages_the_months(march):
    shares = coverage_by_community([MARCH, "2026-04"], street__in=[march["street"].pk])
    # 幸福里: A has 4 of 4 in March, 1 of 4 in April; B has no households.
    assert shares[march["home"].pk] == Fraction(5, 8)
    assert shares[march["other"].pk] == Fraction(1, 20)


def test_no_months_no_rows(march):
    assert coverage([]) == [] and Demand.objects.count() == 3
