"""The public bulletin shows published months only, and no personal data."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from jobs.clearance import run_clearance
from jobs.publication import publish_month
from jobs.rating_publication import publish_ratings, reopen_ratings
from weimin.demands import transitions

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def street_with_months(make):
    street = make.street(code="JD09", name="示范街道")
    community = make.community(street, name="阳光社区")
    org = make.organisation(street)
    for month in (9, 10):
        received = datetime(2026, month, 10, 9, tzinfo=TZ)
        demand = make.demand(
            community, resident_name="孙悄悄", resident_phone="13512345678", received_at=received
        )
        transitions.apply(demand, "assign", "w", organisation=org, at=received)
        transitions.apply(demand, "close", "w", at=datetime(2026, month, 11, 9, tzinfo=TZ))
    run_clearance("2026-09")
    run_clearance("2026-10")
    publish_month(street, "2026-09", "street-admin")
    return street


def test_only_published_months_appear(client, street_with_months):
    page = client.get("/bulletin/JD09/")
    assert page.status_code == 200
    assert "2026-09" in page.text and "2026-10" not in page.text
    assert "阳光社区" in page.text
    assert client.get("/bulletin/JD09/?month=2026-10").status_code == 404
    assert client.get("/bulletin/JD09/?month=2026-09").status_code == 200


def test_bulletin_shows_no_personal_data_and_needs_no_login(client, street_with_months):
    page = client.get("/bulletin/JD09/").text
    assert "孙悄悄" not in page and "13512345678" not in page
    assert "示范街道" in client.get("/bulletin/").text


def test_street_without_published_months(client, make):
    make.street(code="JD10")
    assert 'id="no-months"' in client.get("/bulletin/JD10/").text
    assert client.get("/bulletin/NOPE/").status_code == 404


def test_each_table_says_which_rules_made_it_and_when(client, street_with_months):
    from datetime import UTC

    from jobs.ratings import run_ratings
    from models import ClearanceMonth, ClearanceReport, StarRating
    from seeds.reference import seed_rule_sets

    ClearanceReport.objects(month="2026-09").update(
        set__computed_at=datetime(2026, 9, 30, 18, 0, tzinfo=UTC)
    )
    ClearanceMonth.objects(month="2026-09").update(
        set__published_at=datetime(2026, 10, 8, 1, 0, tzinfo=UTC)
    )
    seed_rule_sets()  # after the months were computed: they used the built-in defaults
    run_ratings("2026")
    publish_ratings(street_with_months, "2026", "street-admin")
    StarRating.objects.update(
        set__rule_set_code="rating-default",
        set__rule_set_version=3,
        set__computed_at=datetime(2025, 12, 31, 18, 0, tzinfo=UTC),
    )
    page = client.get("/bulletin/JD09/").text
    ranking = page[page.index('id="ranking"') : page.index('id="ratings"')]
    assert "内置默认规则 · 计算于 2026-10-01 02:00" in ranking
    assert "公布于 2026-10-08 09:00" in page
    ratings = page[page.index('id="ratings"') :]
    assert "规则版本 rating-default v3 · 计算于 2026-01-01 02:00" in ratings


def test_ratings_reach_the_bulletin_only_once_published(client, make, street_with_months):
    from jobs.ratings import run_ratings
    from models import AuditEntry, ObjectionContact, RatingPeriod
    from seeds.reference import seed_rule_sets

    seed_rule_sets()
    run_ratings("2026")
    assert 'id="ratings"' not in client.get("/bulletin/JD09/").text  # a draft is not public
    ObjectionContact(
        street=street_with_months, office="示范街道社会事务办", phone="0574 8688 1234",
        address="人民路1号", hours="工作日 9:00–17:00",
    ).save()  # fmt: skip
    state = publish_ratings(street_with_months, "2026", "street-admin")
    assert state.objection_days == 7  # the rule set's default
    assert (state.objection_until - state.published_at).days == 7
    page = client.get("/bulletin/JD09/").text
    assert 'id="ratings"' in page and "阳光社区" in page[page.index('id="ratings"') :]
    notice = page[page.index('id="objection-notice"') :]
    assert "公示 7 天" in notice and "示范街道社会事务办" in notice and "057486881234" in notice
    assert "人民路1号" in notice and "工作日 9:00–17:00" in notice
    assert AuditEntry.objects(collection="star_ratings", summary="published 2026").count() == 1
    assert AuditEntry.objects(collection="rating_periods", action="update").count() == 1
    reopen_ratings(street_with_months, "2026", "street-admin", reason="复核")
    assert 'id="ratings"' not in client.get("/bulletin/JD09/").text
    assert RatingPeriod.objects.get(street=street_with_months).status == "draft"


def test_published_ratings_are_frozen_until_reopened(make, street_with_months):
    from jobs.ratings import run_ratings
    from models import StarRating
    from seeds.reference import seed_rule_sets

    seed_rule_sets()
    run_ratings("2026")
    publish_ratings(street_with_months, "2026", "street-admin")
    StarRating.objects.update(set__sort_score=1.0)
    assert run_ratings("2026")["frozen"] == ["JD09"]
    assert set(StarRating.objects.scalar("sort_score")) == {1.0}
    reopen_ratings(street_with_months, "2026", "street-admin")
    assert run_ratings("2026")["frozen"] == []
    assert 1.0 not in set(StarRating.objects.scalar("sort_score"))
