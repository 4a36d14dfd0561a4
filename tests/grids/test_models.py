"""Grids, visits, grid workers and demands' grids: what the documents refuse and fill in."""

from datetime import UTC, datetime, timedelta

import pytest
from mongoengine import NotUniqueError, ValidationError

from models import Grid, Visit
from tests.grids.conftest import grid, visit
from weimin.core.errors import field_errors


def test_a_grid_takes_its_communitys_street_and_codes_are_unique_per_community(world):
    g = Grid(community=world["home"], code=" G09 ", name="新网格", households=10).save()
    assert g.street == world["street"] and g.code == "G09"
    grid(world["next_door"], "G09")  # the same code in another community is fine
    with pytest.raises(NotUniqueError):
        grid(world["home"], "G09")
    with pytest.raises(ValidationError) as exc:
        Grid(community=world["far"], street=world["street"], code="X", name="错街道").save()
    assert "community" in field_errors(exc.value)


def test_households_and_buildings_are_not_negative(world):
    with pytest.raises(ValidationError) as exc:
        Grid(community=world["home"], code="N", name="负数", households=-1).save()
    assert "households" in field_errors(exc.value)


def test_only_a_community_worker_of_the_grids_community_is_its_grid_worker(world, make):
    admin = world["users"]["street_admin"]
    admin.grid = world["grids"]["g1"]
    with pytest.raises(ValidationError) as exc:
        admin.save()
    assert "grid" in field_errors(exc.value)
    worker = world["users"]["next_door_worker"]
    worker.grid = world["grids"]["g1"]
    with pytest.raises(ValidationError) as exc:
        worker.save()
    assert "grid" in field_errors(exc.value)
    worker.grid = world["grids"]["g3"]
    worker.save()


def test_a_visit_follows_its_grid_and_counts_a_household_once(world):
    v = visit(world["grids"]["g3"], world["users"]["worker"], "  3栋 2单元　401室 ")
    assert v.community == world["next_door"] and v.street == world["street"]
    assert v.place == "3栋 2单元　401室" and v.place_key == "3栋2单元401室"
    assert v.worker_name == "钱社工" and not v.follow_up


def test_a_visit_refuses_the_future_a_bad_phone_and_blanks(world):
    worker, g1 = world["users"]["gridworker"], world["grids"]["g1"]
    for bad, field in (
        ({"at": datetime.now(UTC) + timedelta(hours=2)}, "visited_at"),
        ({"met_phone": "12345"}, "met_phone"),
        ({"findings": "  "}, "findings"),
        ({"tags": ["nonsense"]}, "tags"),
    ):
        with pytest.raises(ValidationError) as exc:
            visit(g1, worker, **bad)
        assert field in field_errors(exc.value), field
    ok = visit(g1, worker, met_phone="139 1234 5678", tags=["safety", "safety"])
    assert ok.met_phone == "13912345678" and ok.tags == ["safety"]


def test_a_demands_grid_lies_in_its_community(world, make):
    demand = make.demand(world["home"], world["item"])
    demand.grid = world["grids"]["g3"]
    with pytest.raises(ValidationError) as exc:
        demand.save()
    assert "grid" in field_errors(exc.value)
    demand.grid = world["grids"]["g1"]
    demand.save()


def test_a_visit_with_a_demand_needed_a_follow_up(world, make):
    demand = make.demand(world["home"], world["item"])
    v = visit(world["grids"]["g1"], world["users"]["gridworker"], demand=demand)
    assert v.follow_up and Visit.objects(demand=demand).count() == 1
