"""A store holding every model, for the export and import tests."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models import (
    ApiToken,
    ClearanceMonth,
    ClearanceReport,
    ClearanceRevision,
    Counter,
    Fund,
    FundMotion,
    JobRun,
    LedgerEntry,
    MigrationRecord,
    ObjectionContact,
    RatingPeriod,
    RuleSet,
    ServiceRecord,
    StarRating,
    VolunteerStar,
)
from models.base import utcnow
from models.certificate import Certificate, CertificateLine
from models.clearance_month import MonthEvent
from models.demand import Evaluation, Transition
from models.fund import BoardMember
from models.fund_motion import Vote
from models.star_rating import CriterionScore
from seeds.rules import DEFAULT_RULE_SETS


@pytest.fixture(autouse=True)
def _context(app):
    with app.app_context():
        yield


@pytest.fixture
def store(make):
    """One document or more of every model, with Decimal128, embedded documents and dates."""
    street = make.street(name="镇海街道")
    community = make.community(street_doc=street, name="幸福社区")
    category = make.category(street_doc=street, name="助老")
    make.category(name="助残")  # a district-wide template: street is null
    item = make.item(kind="project", street_doc=street, category=category)
    org = make.organisation(street_doc=street, categories=[category])
    volunteer = make.volunteer(
        community_doc=community, approved_hours=Decimal("12.5"), skills=["理发"], teams=[org]
    )
    demand = make.demand(
        community_doc=community,
        item_doc=item,
        status="closed",
        closed_at=utcnow(),
        values={"楼栋": "3幢", "人数": 2, "标签": ["独居", "高龄"]},
        subsidy_amount=Decimal("12345.67"),
        assigned_org=org,
        assigned_volunteer=volunteer,
        evaluation=Evaluation(satisfaction="satisfied", resolved=True, comment="很满意"),
        timeline=[Transition(actor="王芳", action="close", from_status="received")],
    )
    today = datetime.now(UTC).date()  # never ahead of the local date, so never late either
    ServiceRecord(
        volunteer=volunteer,
        activity_name="敬老院探访",
        activity_date=today,
        location="幸福社区敬老院",
        content="陪老人聊天",
        hours=Decimal("2.5"),
        organisation=org,
        leader="李娜",
        street=street,
        community=community,
        demand=demand,
    ).save()
    Certificate(
        code="ABCD-EFGH-JKMN-PQRS",
        volunteer=volunteer,
        holder="张*",
        total_hours=Decimal("2.50"),
        lines=[CertificateLine(organisation=org.name, activities=1, hours=Decimal("2.50"))],
        first_date=today,
        last_date=today,
        fingerprint="0" * 64,
    ).save()
    # The seeded defaults carry floats, nested dicts and lists, and pass the rule checks.
    clearance = next(r for r in DEFAULT_RULE_SETS if r["kind"] == "clearance")
    RuleSet(street=street, **clearance).save()
    make.user("volunteer", volunteer_doc=volunteer)
    token = ApiToken(name="12345 热线", street=street, scopes=["demands:create"])
    token.issue()
    token.save()
    for name in ("ticket-b", "ticket-a", "ticket-a"):
        Counter.next(name)
    build_results(street, community, org, volunteer)
    build_funds(street, community, demand)
    build_grids(community, demand)
    build_topics_and_purchases(make, street, community)
    return {"street": street, "volunteer": volunteer, "demand": demand}


def build_grids(community, demand):
    """A grid with its worker, and a visit behind the demand (tags, a follow-up)."""
    from models import Grid, User, Visit

    grid = Grid(community=community, code="G01", name="幸福社区第一网格", households=120,
                buildings=6, boundary="东至幸福路").save()  # fmt: skip
    worker = User(username="grid.worker", name="赵网格", role="community_worker",
                  community=community, grid=grid, password_hash="x").save()  # fmt: skip
    Visit(grid=grid, worker=worker, visited_at=utcnow(), place="3幢401室", met="王奶奶",
          findings="独居老人", tags=["elderly_alone"], demand=demand).save()  # fmt: skip


def build_topics_and_purchases(make, street, community):
    """A topic with a resident's support; a call with an application (GridFS), scores, contract,
    and an objection to an award."""
    from models import TopicSupport
    from tests.security.samples import BUILDERS

    topic = make.topic(community, title="加装电梯议事", supporters=3)
    TopicSupport(topic=topic, phone_hash="k" * 64).save()
    BUILDERS["PanelScore"](street, community)
    BUILDERS["PurchaseContract"](street, community)
    BUILDERS["PurchaseObjection"](street, community)  # its document in GridFS too


def build_funds(street, community, demand):
    """A crowdfunded fund with its board, a motion and ledger entries of every kind."""
    fund = Fund(street=street, community=community, kind="crowd", name="邻里众筹基金",
                board=[BoardMember(name="王芳", party="居民代表")],
                vote_threshold=Decimal("1000.00")).save()  # fmt: skip
    motion = FundMotion(fund=fund, street=street, community=community, kind="allocation",
                        title="加装扶手", amount=Decimal("1200.50"), status="passed",
                        votes=[Vote(member="王芳", choice="yes")]).save()  # fmt: skip
    today = utcnow().date()
    given = LedgerEntry(fund=fund, seq=1, street=street, community=community,
                        kind="contribution", amount=Decimal("5000.10"), value_date=today,
                        donor="李强", channel="wechat",
                        code="ABCD-EFGH-JKMN-PQRT").save()  # fmt: skip
    LedgerEntry(fund=fund, seq=2, street=street, community=community, kind="allocation",
                amount=Decimal("1200.50"), value_date=today, demand=demand,
                motion=motion).save()  # fmt: skip
    LedgerEntry(fund=fund, seq=3, street=street, community=community, kind="reversal",
                amount=Decimal("5000.10"), value_date=today, reverses=given,
                note="录错").save()  # fmt: skip


def build_results(street, community, org, volunteer):
    """What the clearance, rating and star jobs store, written directly."""
    month = "2024-03"
    ClearanceMonth(
        street=street,
        month=month,
        status="published",
        published_at=utcnow(),
        history=[MonthEvent(action="published", by="王芳")],
    ).save()
    ClearanceReport(
        month=month,
        level="community",
        street=street,
        community=community,
        received=3,
        closed=2,
        clearance_rate=2 / 3,
        computed_at=utcnow(),
    ).save()
    ClearanceRevision(
        month=month, level="street", street=street, archived_at=utcnow(), reason="重新计算"
    ).save()
    StarRating(
        period="2024",
        subject_type="organisation",
        organisation=org,
        street=street,
        subject_name=org.name,
        score=Decimal("876.50"),
        stars=4,
        published=True,
        reward=Decimal("40000.00"),
        breakdown=[
            CriterionScore(code="on_time_rate", raw=0.9, weight=0.25, points=Decimal("225"))
        ],
    ).save()
    RatingPeriod(
        street=street,
        period="2024",
        status="published",
        computed_at=utcnow(),
        published_at=utcnow(),
        published_by="street-admin",
        objection_days=7,
        objection_until=utcnow(),
        history=[MonthEvent(action="published", by="street-admin")],
    ).save()
    ObjectionContact(
        street=street, office="社会事务办", phone="13805740001", address="人民路1号"
    ).save()
    VolunteerStar(
        volunteer=volunteer,
        street=street,
        community=community,
        hours=Decimal("12.50"),
        stars=0,
        next_threshold=Decimal("100.00"),
    ).save()
    JobRun(kind="clearance", period=month, street=street, status="done", summary={"社区": 1}).save()
    MigrationRecord(
        number="0001",
        name="half-open deadlines",
        status="done",
        started_at=utcnow(),
        finished_at=utcnow(),
        counts={"scanned": 3, "moved": 1},
        attempts=1,
    ).save()
