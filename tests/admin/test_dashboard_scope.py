"""The home page's figures and red/black lists follow the user's scope and publication."""

from datetime import datetime
from decimal import Decimal

import pytest

from admin import dashboard_data
from admin.dashboard import demand_counts
from models import ClearanceReport, StarRating
from weimin.core.workdays import TZ


def _listed(street, community, month, honour, published):
    return ClearanceReport(
        month=month,
        level="community",
        street=street,
        community=community,
        honour=honour,
        rank=1,
        published=published,
    ).save()


@pytest.fixture
def world(make):
    a, b = make.street(name="甲街道"), make.street(name="乙街道")
    a1, a2 = make.community(a, name="甲一社区"), make.community(a, name="甲二社区")
    b1 = make.community(b, name="乙一社区")
    # 甲: September published, October a draft; 乙: October published.
    _listed(a, a1, "2026-09", "red", True)
    _listed(a, a2, "2026-09", "black", True)
    _listed(a, a2, "2026-10", "red", False)
    _listed(b, b1, "2026-10", "red", True)
    make.demand(a1)
    make.demand(a2)
    make.demand(b1)
    for community, stars in ((a1, 4), (b1, 2)):
        StarRating(period="2026", subject_type="community", community=community,
                   street=community.street, subject_name=community.name, stars=stars,
                   score=Decimal(800), sort_score=800, published=True).save()  # fmt: skip
    return {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=a),
        "community_worker": make.user("community_worker", community_doc=a1),
        "supervisor": make.user("supervisor"),
    }


def _honours(user):
    groups = dashboard_data.honour_lists(user, datetime.now(TZ))
    return {
        g["street"].name: (
            g["month"],
            g["draft"],
            {key: [r.community.name for r in g[key]] for key in ("red", "black")},
        )
        for g in groups
    }


A_SEPT = ("2026-09", False, {"red": ["甲一社区"], "black": ["甲二社区"]})
A_OCT_DRAFT = ("2026-10", True, {"red": ["甲二社区"], "black": []})
B_OCT = ("2026-10", False, {"red": ["乙一社区"], "black": []})


@pytest.mark.parametrize(
    ("role", "groups"),
    [
        # Who may publish every street's months sees every draft, marked as a draft; each
        # street its own latest month, numbered on its own.
        ("district_admin", {"甲街道": A_OCT_DRAFT, "乙街道": B_OCT}),
        # Read-only for the district: published lists only.
        ("supervisor", {"甲街道": A_SEPT, "乙街道": B_OCT}),
        # A street admin publishes its own street's months, so sees its own street's draft.
        ("street_admin", {"甲街道": A_OCT_DRAFT}),
        # A community worker: its own street's published lists only.
        ("community_worker", {"甲街道": A_SEPT}),
    ],
)
def test_red_and_black_lists_per_street_and_role(app, world, role, groups):
    with app.app_context():
        assert _honours(world[role]) == groups


def test_the_community_workers_home_page_shows_its_streets_published_lists(login, world):
    page = login(world["community_worker"]).get("/admin/").text
    honours = page[page.index('id="honour-lists"') :]
    assert "甲一社区" in honours and "2026-09" in honours
    assert "乙一社区" not in honours and "2026-10" not in honours


@pytest.mark.parametrize(
    ("role", "open_now", "stars"),
    [
        ("district_admin", 3, [0, 0, 1, 0, 1, 0]),
        ("supervisor", 3, [0, 0, 1, 0, 1, 0]),
        ("street_admin", 2, [0, 0, 0, 0, 1, 0]),
        ("community_worker", 1, [0, 0, 0, 0, 1, 0]),
    ],
)
def test_figures_per_role(app, world, role, open_now, stars):
    user = world[role]
    with app.app_context():
        now = datetime.now(TZ)
        assert demand_counts(user, now)["open"] == open_now
        assert demand_counts(user, now)["received_month"] == open_now
        assert sum(row["value"] for row in dashboard_data.breakdown(user, now)["channel"]) == (
            open_now
        )
        assert dashboard_data.rating_distribution(user)["stars"] == stars


def test_the_warm_up_computes_the_home_page_of_those_who_may_open_it(app, world, make):
    import threading

    from admin.dashboard import warm_up
    from weimin.access import area_key

    volunteer = make.user(
        "volunteer", volunteer_doc=make.volunteer(world["community_worker"].community)
    )
    with app.app_context():
        warm_up(app)
        for thread in threading.enumerate():
            if thread.name == "dashboard-warm-up":
                thread.join(30)
        cache = app.extensions["dashboard_cache"]
        assert set(cache) == {area_key(user) for user in world.values()}
        assert area_key(volunteer) not in cache


def test_draft_ratings_are_counted_only_for_those_who_publish_them(app, world):
    a2 = ClearanceReport.objects(month="2026-09", honour="black").first().community
    StarRating(period="2026", subject_type="community", community=a2, street=a2.street,
               subject_name=a2.name, stars=5, score=Decimal(950),
               sort_score=950).save()  # a draft  # fmt: skip
    with app.app_context():
        fives = {role: dashboard_data.rating_distribution(user)["stars"][5]
                 for role, user in world.items()}  # fmt: skip
    assert fives == {"district_admin": 1, "street_admin": 1, "community_worker": 0,
                     "supervisor": 0}  # fmt: skip


@pytest.mark.embedded_store
def test_the_home_page_asks_as_much_for_one_listed_street_as_for_many(app, world, make, login):
    from tests.admin.test_list_queries import counted

    client = login(world["district_admin"])

    def calls():
        app.extensions.get("dashboard_cache", {}).clear()
        with counted() as seen:
            assert client.get("/admin/").status_code == 200
        return len(seen)

    before = calls()
    for n in range(3):  # three more streets, each with a red and a black list
        street = make.street(name=f"丙{n}街道")
        for honour in ("red", "black"):
            _listed(street, make.community(street), "2026-10", honour, True)
    assert calls() == before
