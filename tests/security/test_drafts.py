"""Draft months: those who may publish a street's month see it before it is published; a
community worker sees their own community's draft figures, never another's or the ranking.

The hand-written DRAFTS and RANKING_DRAFTS tables (tests/security/permissions.py) say whose
drafts each role sees; the report list, its export, the street board, the clearance export and
the home page all follow them.
"""

from datetime import datetime

import pytest

from admin.dashboard_data import trends
from models import ClearanceReport
from tests.security.permissions import DRAFTS, RANKING_DRAFTS, ROLES
from weimin.access import draft_streets, ranking_visibility, report_visibility
from weimin.core.periods import previous_month
from weimin.core.workdays import TZ

STAFF = [role for role in ROLES if role != "volunteer"]


@pytest.fixture
def world(make):
    """Street 甲: 2026-09 published, 2026-10 a draft; street 乙: 2026-11 a draft."""
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, b1 = make.community(a, name="甲一社区"), make.community(b, name="乙一社区")
    for street, community, month, published in (
        (a, a1, "2026-09", True),
        (a, a1, "2026-10", False),
        (b, b1, "2026-11", False),
    ):
        for level in ("community", "street"):
            ClearanceReport(
                month=month,
                level=level,
                street=street,
                community=community if level == "community" else None,
                rank=1 if level == "community" else None,
                published=published,
            ).save()
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=a),
        "community_worker": make.user("community_worker", community_doc=a1),
        "volunteer": make.user("volunteer", volunteer_doc=make.volunteer(a1)),
        "supervisor": make.user("supervisor"),
    }
    return {"streets": (a, b), "users": users}


def _months_expected(role, table=DRAFTS):
    """The months a role sees in its own scope, by a drafts table."""
    sees = table.get(role)
    months = {"2026-09"}
    if sees:
        months.add("2026-10")
    if sees == "every street":
        months.add("2026-11")
    return months


@pytest.mark.parametrize("role", ROLES)
def test_draft_streets_follow_the_table(app, world, role):
    a, _b = world["streets"]
    expected = {"every street": None, "own street": (a.id,)}.get(RANKING_DRAFTS.get(role), ())
    assert draft_streets(world["users"][role]) == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("level", "visibility", "table"),
    [("community", report_visibility, DRAFTS), ("street", ranking_visibility, RANKING_DRAFTS)],
)
def test_visibility_per_role(app, world, role, level, visibility, table):
    visible = ClearanceReport.objects(level=level, **visibility(world["users"][role]))
    months = {r.month for r in visible}
    # Other streets' drafts (2026-11) only for the district admin; the list scope does the rest.
    assert months == _months_expected(role, table) | (
        {"2026-11"} if role == "district_admin" else set()
    )


def test_a_worker_sees_no_other_communitys_draft(app, world, make):
    a, _b = world["streets"]
    other = make.community(a, name="甲二社区")
    ClearanceReport(month="2026-10", level="community", street=a, community=other).save()
    worker = world["users"]["community_worker"]
    visible = ClearanceReport.objects(month="2026-10", **report_visibility(worker))
    assert {str(r.community) for r in visible} == {"甲一社区"}


@pytest.mark.parametrize("role", STAFF)
def test_the_report_list_shows_drafts_per_role(login, world, role):
    page = login(world["users"][role]).get("/admin/clearance_report/?page_size=100").text
    shown = {m for m in ("2026-09", "2026-10", "2026-11") if m in page}
    assert shown == _months_expected(role), role


@pytest.mark.parametrize("role", ["district_admin", "street_admin", "supervisor"])
def test_the_report_list_export_hides_drafts_per_role(login, world, role):
    response = login(world["users"][role]).get("/admin/clearance_report/export/csv/")
    assert response.status_code == 200, role
    shown = {m for m in ("2026-09", "2026-10", "2026-11") if m in response.text}
    assert shown == _months_expected(role), role


@pytest.mark.parametrize("role", STAFF)
def test_the_board_lists_draft_months_per_role(login, world, role):
    a, _b = world["streets"]
    page = login(world["users"][role]).get(f"/admin/clearance_report/board/?street={a.pk}").text
    assert ("2026-09" in page) is True, role
    assert ("2026-10" in page) is bool(RANKING_DRAFTS.get(role)), role


@pytest.mark.parametrize("role", STAFF)
def test_the_clearance_export_hides_drafts_per_role(login, world, role):
    client = login(world["users"][role])
    index = client.get("/admin/exports/").text
    assert ("2026-10" in index) is bool(DRAFTS.get(role)), role
    response = client.get("/admin/exports/clearance?format=csv&month=2026-10")
    assert response.status_code == 200, role
    assert ("甲一社区" in response.text) is bool(DRAFTS.get(role)), role


@pytest.mark.parametrize("role", STAFF)
def test_the_home_page_trend_shows_drafts_per_role(app, world, role):
    """Each role's roll-up (district, street, community) on the trend: drafts only by DRAFTS."""
    a, _b = world["streets"]
    now = datetime.now(TZ)
    month = previous_month(now)
    a1 = world["users"]["community_worker"].community
    for level, community in (("district", None), ("street", None), ("community", a1)):
        street = None if level == "district" else a
        ClearanceReport(month=month, level=level, street=street, community=community,
                        clearance_rate=0.5, published=False).save()  # fmt: skip
    chart = trends(world["users"][role], now)
    shown = chart["clearance"][chart["months"].index(month)]
    assert (shown == 50.0) is bool(DRAFTS.get(role)), role


def test_a_workers_board_and_lists_show_no_draft_ranking(login, world):
    """The worker's own community draft is red: not on the home page's list nor the board."""
    a, _b = world["streets"]
    ClearanceReport.objects(month="2026-10", level="community").update(set__honour="red")
    ClearanceReport.objects(month="2026-09", level="community").update(set__honour="black")
    client = login(world["users"]["community_worker"])
    lists = client.get("/admin/").text.split('id="honour-lists"')[1]
    assert "2026-09" in lists and "2026-10" not in lists
    board = client.get(f"/admin/clearance_report/board/?street={a.pk}&month=2026-10").text
    assert 'value="2026-10"' not in board
