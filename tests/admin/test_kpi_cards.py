"""Each headline card of the home page opens the demand list of exactly the demands it counts."""

import re
from datetime import datetime, timedelta

import pytest

from models.base import utcnow
from tests.factories import PASSWORD
from weimin.core.periods import current_bounds
from weimin.core.workdays import TZ
from weimin.demands.kpis import KPI_CODES


@pytest.fixture
def world(make):
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, a2 = make.community(a, name="甲一社区"), make.community(a, name="甲二社区")
    b1 = make.community(b, name="乙一社区")
    now = utcnow()
    start, _end = current_bounds(datetime.now(TZ))
    before = start - timedelta(days=3)
    for community in (a1, a2, b1, a1):
        make.demand(community)  # received now, open
    # Open, received last month, past its deadline: overdue.
    make.demand(a1, received_at=before, deadline_at=before + timedelta(days=1))
    make.demand(b1, received_at=before, deadline_at=before + timedelta(days=1))
    # Flagged overdue by the watch.
    make.demand(a2, overdue_at=now - timedelta(hours=1))
    # Closed this month; rejected this month (neither open).
    make.demand(a1, status="closed", closed_at=now)
    make.demand(b1, status="closed", closed_at=now)
    make.demand(a2, status="rejected", rejected_at=now, reject_reason="重复")
    return {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=a),
        "community_worker": make.user("community_worker", community_doc=a1),
        "supervisor": make.user("supervisor"),
    }


def _cards(page):
    counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', page))
    links = dict(re.findall(r'href="([^"]+)" data-card="(\w+)"', page))
    return {code: int(n) for code, n in counts.items()}, {v: k for k, v in links.items()}


@pytest.mark.parametrize("role", ["district_admin", "street_admin", "community_worker",
                                  "supervisor"])  # fmt: skip
def test_every_card_opens_a_list_with_its_count(app, world, login, role):
    client = login(world[role])
    counts, links = _cards(client.get("/admin/").text)
    assert set(counts) == set(KPI_CODES) == set(links)
    assert counts["overdue"] > 0 and counts["closed_month"] > 0
    for code in KPI_CODES:
        page = client.get(links[code].replace("&amp;", "&")).text
        total = re.search(r'id="list-total" data-total="(\d+)"', page)
        assert total and int(total.group(1)) == counts[code], (code, links[code])


def test_the_figures_per_role(app, world):
    expected = {
        # received this month, closed this month, open, overdue
        "district_admin": (8, 2, 7, 3),
        "street_admin": (6, 1, 5, 2),
        "community_worker": (3, 1, 3, 1),
        "supervisor": (8, 2, 7, 3),
    }
    for role, figures in expected.items():
        client = app.test_client()
        client.post("/login", data={"username": world[role].username, "password": PASSWORD})
        counts, _links = _cards(client.get("/admin/").text)
        assert tuple(counts[c] for c in KPI_CODES) == figures, role


def test_a_junk_card_filter_is_ignored(app, world, login):
    client = login(world["district_admin"])
    _counts, links = _cards(client.get("/admin/").text)
    arg = links["open"].split("?")[1].split("=")[0]
    assert client.get(f"/admin/demand/?{arg}=nonsense").status_code == 200


def test_a_card_filtered_list_exports_the_same_rows(app, world, login):
    client = login(world["district_admin"])
    counts, links = _cards(client.get("/admin/").text)
    query = links["overdue"].replace("&amp;", "&").split("?")[1]
    body = client.get(f"/admin/demand/export/csv/?{query}").data.decode("utf-8-sig")
    assert len(body.strip().splitlines()) == 1 + counts["overdue"]


def test_the_district_admin_compares_the_streets_from_stored_reports(app, world, login):
    from models import ClearanceReport, Street

    a, b = Street.objects.order_by("name")  # 乙街道, 甲街道 by code order of creation
    for street, published in ((a, True), (b, False)):
        ClearanceReport(month="2026-10", level="street", street=street, received=40, closed=30,
                        closed_on_time=24, overdue_open=3, clearance_rate=0.75,
                        satisfaction_rate=0.9, published=published).save()  # fmt: skip
    page = login(world["district_admin"]).get("/admin/").text
    table = page[page.index('id="street-comparison"') : page.index('id="honour-lists"')]
    assert "2026-10" in table and table.count("<tr data-street=") == 2
    assert "80.0%" in table and "75.0%" in table and "90.0%" in table  # on time 24/30
    assert table.count("data-draft") == 1
    supervisor = app.test_client()
    supervisor.post("/login", data={"username": world["supervisor"].username,
                                    "password": PASSWORD})  # fmt: skip
    seen = supervisor.get("/admin/").text
    seen = seen[seen.index('id="street-comparison"') : seen.index('id="honour-lists"')]
    assert "data-draft" not in seen and "尚未计算" in seen  # the draft street waits
    worker = app.test_client()
    worker.post("/login", data={"username": world["community_worker"].username,
                                "password": PASSWORD})  # fmt: skip
    assert 'id="street-comparison"' not in worker.get("/admin/").text
