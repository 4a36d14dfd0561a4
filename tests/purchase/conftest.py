"""A street with a 微项目 item, two organisations and a draft call with a three-member panel."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models import PurchaseCall
from models.purchase_call import Criterion
from weimin.funds import ledger

# A Monday in a year the official calendar knows; publication at 10:00 Shanghai time.
MONDAY = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


@pytest.fixture
def world(app, make):
    street = make.street()
    community = make.community(street)
    other = make.community(street)
    item = make.item("project", street_doc=street, subsidy_max=Decimal(100000))
    orgs = [
        make.organisation(street, name="乐龄社工服务中心", org_type="filed", community=community),
        make.organisation(street, name="邻里互助会", org_type="filed", community=community),
    ]
    panel = [make.user("street_admin", street_doc=street, username=f"judge{n}") for n in range(3)]
    call = PurchaseCall(
        title="2025年助老服务项目", street=street, category=item.category, item=item,
        need="独居老人上门探访", budget_cap=Decimal(80000),
        service_start=datetime(2025, 4, 1, tzinfo=UTC),
        service_end=datetime(2025, 12, 31, tzinfo=UTC),
        org_kinds=["filed", "registered"], communities=[community],
        required_documents=["服务方案"], application_days=5, objection_days=5,
        criteria=[Criterion(name="服务方案", weight=60), Criterion(name="团队经验", weight=40,
                                                                 max_score=10)],
        panel=panel, contact_name="王科长", contact_phone="13800001111",
    ).save()  # fmt: skip
    return {"street": street, "community": community, "other": other, "item": item,
            "orgs": orgs, "panel": panel, "call": call}  # fmt: skip


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def form(budget="60000"):
    return {"proposal": "每周上门探访独居老人两次", "budget": budget, "team": "社工3名、志愿者10名"}


def plan():
    return [("服务方案", "方案.pdf", PDF)]


def funded(make, street, amount="200000"):
    fund = make.fund(street)
    ledger.append(fund, "contribution", amount, "w", donor="区财政", channel="budget")
    return fund.reload()


def announced(world, awarded_at, marks=((90, 9), (70, 7))):
    """The world's call published, applied to by both organisations, scored by the whole panel
    (the first organisation first) and awarded at `awarded_at`; returns (call, applications)."""
    from weimin.purchase import applications, award, calls, review

    call = calls.advance(world["call"], "publish", MONDAY)
    apps = [applications.submit(call, org, form(budget), plan(), "测试", MONDAY)
            for org, budget in zip(world["orgs"], ("60000", "50000"), strict=True)]  # fmt: skip
    deadline = calls.aware(call.deadline)
    applications.close(call, deadline)
    calls.advance(call, "review", deadline)
    for member in world["panel"]:
        for app, (plan_mark, team_mark) in zip(apps, marks, strict=True):
            review.score(call, app, member, {"服务方案": plan_mark, "团队经验": team_mark})
    award.award(call, [], "科长", awarded_at)
    return call, apps
