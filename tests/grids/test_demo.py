"""The demo's grids: 3–6 in every community with a grid worker each, a year of valid visit
logs, some behind the grid and home-visit demands (linked both ways)."""

from collections import Counter

import pytest

from models import Community, Demand, Grid, User, Visit
from seeds import seed_all
from seeds.accounts import DEMO_PASSWORD


@pytest.fixture
def seeded(app):
    return seed_all(demo=True, size="small")


def test_every_community_has_grids_with_their_workers(seeded):
    per_community = Counter(g.community.pk for g in Grid.objects)
    assert set(per_community) == {c.pk for c in Community.objects}
    assert all(3 <= n <= 6 for n in per_community.values())
    for g in Grid.objects:
        workers = list(User.objects(grid=g.pk))
        assert len(workers) == 1 and workers[0].community == g.community
    demo = User.objects.get(username="gridworker")
    assert demo.check_password(DEMO_PASSWORD) and demo.grid.community.code == "JD01C01"


def test_a_year_of_valid_visits_some_taken_in_as_demands(seeded):
    visits = list(Visit.objects)
    assert len(visits) > 12 * Grid.objects.count() * 3  # at least 4 a month per grid worker
    for visit in visits[:: max(1, len(visits) // 300)]:
        visit.validate()
    months = {v.visited_at.strftime("%Y-%m") for v in visits}
    assert len(months) >= 12
    linked = [v for v in visits if v.demand is not None]
    assert linked
    for visit in linked[:50]:
        demand = Demand.objects.get(pk=visit.demand.pk)
        assert demand.visit.pk == visit.pk and demand.grid.pk == visit.grid.pk
        assert demand.channel in ("grid", "visit") and visit.visited_at < demand.received_at
