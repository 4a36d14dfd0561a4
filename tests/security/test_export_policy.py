"""The report exports answer per role as the hand-written table says."""

import pytest

from models import AuditEntry
from models.base import utcnow
from tests.security.permissions import ROLES, may


@pytest.fixture
def world(make):
    a = make.street(name="甲街道")
    a1 = make.community(a, name="甲一社区")
    AuditEntry(
        at=utcnow(),
        actor_kind="user",
        actor="审计样本",
        action="update",
        collection="demands",
        street=a.id,
    ).save()
    return {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=a),
        "community_worker": make.user("community_worker", community_doc=a1),
        "volunteer": make.user("volunteer", volunteer_doc=make.volunteer(a1)),
        "supervisor": make.user("supervisor"),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_audit_export_answers_per_role(login, world, role):
    response = login(world[role]).get("/admin/audit/export/csv/")
    if may("audit", role, "X"):
        assert response.status_code == 200, role
        assert response.mimetype == "text/csv" and "审计样本" in response.text, role
    else:
        assert response.status_code == 403, role
        assert "审计样本" not in response.text, role
