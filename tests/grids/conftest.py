"""Two streets; in street A two communities with grids, a grid worker, a worker without a
grid, and visits of each."""

from datetime import UTC, datetime, timedelta

import pytest

from models import Grid, Visit


def grid(community, code="G01", households=4, **kw):
    return Grid(
        community=community, code=code, name=kw.pop("name", f"{community.name}{code}网格"),
        households=households, buildings=kw.pop("buildings", 2), **kw,
    ).save()  # fmt: skip


def visit(grid_doc, worker, place="1栋101室", at=None, **kw):
    return Visit(
        grid=grid_doc, worker=worker, place=place, findings=kw.pop("findings", "家中一切正常"),
        visited_at=at or datetime.now(UTC) - timedelta(hours=1), **kw,
    ).save()  # fmt: skip


@pytest.fixture
def world(app, make):
    street, other_street = make.street(name="甲街道"), make.street(name="乙街道")
    home, next_door = make.community(street, name="幸福里"), make.community(street, name="和平里")
    far = make.community(other_street, name="远方社区")
    g1, g2 = grid(home, "G01"), grid(home, "G02")
    g3, g4 = grid(next_door, "G01"), grid(far, "G01")
    gridworker = make.user("community_worker", community_doc=home, name="赵网格")
    gridworker.grid = g1
    gridworker.save()
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "other_street_admin": make.user("street_admin", street_doc=other_street),
        "gridworker": gridworker,
        "worker": make.user("community_worker", community_doc=home, name="钱社工"),
        "next_door_worker": make.user("community_worker", community_doc=next_door),
        "volunteer": make.volunteer_user(home),
        "supervisor": make.user("supervisor"),
    }
    visits = {
        "own": visit(g1, gridworker, "1栋101室"),
        "colleague_in_my_grid": visit(g1, users["worker"], "1栋102室"),
        "colleague_other_grid": visit(g2, users["worker"], "5栋501室"),
        "next_door": visit(g3, users["next_door_worker"], "2栋201室"),
    }
    item = make.item(street_doc=street, name="居家养老服务")
    return {
        "street": street, "other_street": other_street, "home": home, "next_door": next_door,
        "far": far, "grids": {"g1": g1, "g2": g2, "g3": g3, "g4": g4}, "users": users,
        "visits": visits, "item": item,
    }  # fmt: skip
