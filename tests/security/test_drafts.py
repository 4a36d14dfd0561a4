"""Draft months: only those who may publish a street's month see it before it is published.

The hand-written DRAFTS table (tests/security/permissions.py) says whose drafts each role sees;
the report list, its export, the street board and the clearance export all follow it.
"""

import pytest

from models import ClearanceReport
from tests.security.permissions import DRAFTS, ROLES
from weimin.access import report_visibility
from weimin.access.scope import draft_streets

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


def _months_expected(role):
    """The months a role sees in its own scope, by the DRAFTS table."""
    sees = DRAFTS.get(role)
    months = {"2026-09"}
    if sees:
        months.add("2026-10")
    if sees == "every street":
        months.add("2026-11")
    return months


@pytest.mark.parametrize("role", ROLES)
def test_draft_streets_follow_the_table(app, world, role):
    a, _b = world["streets"]
    expected = {"every street": None, "own street": (a.id,)}.get(DRAFTS.get(role), ())
    assert draft_streets(world["users"][role]) == expected


@pytest.mark.parametrize("role", ROLES)
def test_report_visibility_per_role(app, world, role):
    visible = ClearanceReport.objects(level="street", **report_visibility(world["users"][role]))
    months = {r.month for r in visible}
    a_months = _months_expected(role)
    if DRAFTS.get(role) == "own street":
        # A street admin sees its own drafts, not another street's (the list scope does the rest).
        assert months == a_months
    else:
        assert months == a_months | ({"2026-11"} if role == "district_admin" else set())


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
    assert ("2026-10" in page) is bool(DRAFTS.get(role)), role


@pytest.mark.parametrize("role", STAFF)
def test_the_clearance_export_hides_drafts_per_role(login, world, role):
    client = login(world["users"][role])
    index = client.get("/admin/exports/").text
    assert ("2026-10" in index) is bool(DRAFTS.get(role)), role
    response = client.get("/admin/exports/clearance?format=csv&month=2026-10")
    assert response.status_code == 200, role
    assert ("甲一社区" in response.text) is bool(DRAFTS.get(role)), role
