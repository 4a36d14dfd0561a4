"""One saved record of each document, placed in a given street and community.

The permission matrix asks for a record of every admin view's document inside and outside
the user's scope. A view over a document that has no builder here fails the matrix on purpose:
add a builder when you add a view.
"""

from decimal import Decimal

from stdnum.cn import ric

from models import (
    ApiToken,
    AuditEntry,
    ClearanceMonth,
    ClearanceReport,
    ClearanceRevision,
    FundMotion,
    Grid,
    JobRun,
    ObjectionContact,
    OutboxMessage,
    RatingPeriod,
    RuleSet,
    ServiceRecord,
    StarRating,
    Visit,
    VolunteerStar,
)
from models.base import utcnow
from tests import factories as make

_ids = iter(range(10**6))


def _n():
    return next(_ids)


def id_number():
    """A fresh resident ID number with a valid check digit."""
    body = f"11010519900101{_n() % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")  # the function skips the last character


def _ledger_entry(street, community):
    from weimin.funds import ledger

    fund = make.fund(street, community_doc=community)
    return ledger.append(fund, "contribution", "100", "test", donor="张三", channel="cash")


def _service_record(street, community):
    volunteer = make.volunteer(community, id_number=id_number())
    return ServiceRecord(
        volunteer=volunteer,
        activity_name="助老探访",
        activity_date=utcnow().date(),
        location="服务中心",
        content="陪伴",
        hours=Decimal("2"),
        organisation=make.organisation(street),
        leader="王队长",
        street=street,
        community=community,
    ).save()


def _token(street, community):
    token = ApiToken(name=f"渠道{_n()}", street=street, scopes=["demands:read"])
    token.issue()
    return token.save()


def _audit(street, community):
    return AuditEntry(
        actor_kind="user",
        actor="someone",
        action="update",
        collection="demands",
        doc_id="x",
        street=street.id,
    ).save()


def _report(cls, street, community, **extra):
    return cls(
        month="2026-10",
        level="community",
        street=street,
        community=community,
        received=3,
        closed=2,
        clearance_rate=0.5,
        **extra,
    ).save()


def _rating(street, community):
    return StarRating(
        period="2026",
        subject_type="community",
        community=community,
        street=street,
        subject_name=community.name,
        score=Decimal("812.5"),
        sort_score=812.5,
        stars=4,
        published=True,  # which every role over its street sees (drafts: test_drafts.py)
    ).save()


def _volunteer_star(street, community):
    volunteer = make.volunteer(community, id_number=id_number())
    return VolunteerStar(
        volunteer=volunteer, street=street, community=community, hours=Decimal("120"), stars=1
    ).save()


def _motion(street, community):
    fund = make.fund(street, "crowd", community_doc=community)
    return FundMotion(fund=fund, street=street, community=community, kind="rule",
                      title="助老项目优先", text="优先资助助老项目").save()  # fmt: skip


def _outbox(street, community):
    return OutboxMessage(key=f"test:{_n()}", event="overdue", channel="sms",
                         recipient_kind="volunteer", recipient_name="张伟",
                         recipient_phone="13800138000", text="诉求已超期", street=street.pk,
                         community=community.pk, status="failed", attempts=1).save()  # fmt: skip


def _grid(street, community):
    return Grid(community=community, code=f"G{_n()}", name="第一网格", households=120).save()


def _visit(street, community):
    worker = make.user("community_worker", community_doc=community)
    return Visit(grid=_grid(street, community), worker=worker, place="1栋101室",
                 findings="独居老人", visited_at=utcnow()).save()  # fmt: skip


def _call(street, community, status="draft"):
    from datetime import timedelta

    from models import PurchaseCall
    from models.purchase_call import Criterion

    item = make.item("project", street_doc=street)
    now = utcnow()
    return PurchaseCall(
        title=f"助老服务项目{_n()}", street=street, category=item.category, item=item,
        budget_cap=Decimal(30000), service_start=now, service_end=now + timedelta(days=300),
        criteria=[Criterion(name="方案", weight=100)], contact_name="王科长",
        contact_phone="13800001111", status=status,
        deadline=now + timedelta(days=10) if status != "draft" else None,
    ).save()  # fmt: skip


def _application(street, community):
    from models import Application
    from models.application import Attachment

    document = Attachment(title="服务方案", filename="方案.pdf", kind="pdf", size=9)
    document.file.put(b"%PDF-1.4\n", filename="方案.pdf")
    return Application(
        call=_call(street, community, "published"), organisation=make.organisation(street),
        street=street, proposal="每周上门", budget=Decimal(20000), team="社工2名",
        documents=[document],
    ).save()  # fmt: skip


def _panel_score(street, community):
    from models import PanelScore

    application = _application(street, community)
    member = make.user("street_admin", street_doc=street)
    return PanelScore(call=application.call, application=application, member=member,
                      street=street, marks={"方案": "80"}).save()  # fmt: skip


def _contract(street, community):
    from models import PurchaseContract

    application = _application(street, community)
    demand = make.demand(community, application.call.item)
    return PurchaseContract(call=application.call, application=application,
                            organisation=application.organisation, street=street, demand=demand,
                            amount=Decimal(20000)).save()  # fmt: skip


def _objection(street, community):
    from datetime import timedelta

    from models import PurchaseObjection
    from models.application import Attachment

    application = _application(street, community)
    now = utcnow()
    application.call.update(set__status="awarded", set__awarded_at=now,
                            set__objection_ends=now + timedelta(days=7))  # fmt: skip
    document = Attachment(title="证明材料", filename="证明.pdf", kind="pdf", size=9)
    document.file.put(b"%PDF-1.4\n", filename="证明.pdf")
    return PurchaseObjection(
        call=application.call, street=street, awarded_at=now, channel="org",
        organisation=application.organisation, grounds="评分有误", document=document,
    ).save()  # fmt: skip


BUILDERS = {
    "District": lambda street, community: street.district,
    "Street": lambda street, community: street,
    "Community": lambda street, community: community,
    "CatalogueCategory": lambda street, community: make.category(street_doc=street),
    "CatalogueItem": lambda street, community: make.item(street_doc=street),
    "Organisation": lambda street, community: make.organisation(street, community=community),
    "Volunteer": lambda street, community: make.volunteer(community, id_number=id_number()),
    "ServiceRecord": _service_record,
    "Demand": lambda street, community: make.demand(community),
    "RuleSet": lambda street, community: RuleSet(
        kind="deadline", code=f"r{_n()}", name="时限", street=street, params={"levels": {}}
    ).save(),
    "User": lambda street, community: make.user("community_worker", community_doc=community),
    "ApiToken": _token,
    "AuditEntry": _audit,
    # A published report, which every role over its street sees (drafts: test_drafts.py).
    "ClearanceReport": lambda street, community: _report(
        ClearanceReport, street, community, published=True
    ),
    "ClearanceRevision": lambda street, community: _report(
        ClearanceRevision, street, community, archived_at=utcnow()
    ),
    "ClearanceMonth": lambda street, community: ClearanceMonth(
        street=street, month="2026-10"
    ).save(),
    "StarRating": _rating,
    "VolunteerStar": _volunteer_star,
    "RatingPeriod": lambda street, community: RatingPeriod(street=street, period="2026").save(),
    "ObjectionContact": lambda street, community: ObjectionContact(
        street=street, office="街道党群服务中心", phone="0574-86881234", address="人民路1号"
    ).save(),
    "FundMotion": _motion,
    "Topic": lambda street, community: make.topic(community),
    "Fund": lambda street, community: make.fund(street, community_doc=community),
    "LedgerEntry": _ledger_entry,
    "OutboxMessage": _outbox,
    "Grid": _grid,
    "Visit": _visit,
    "PurchaseCall": _call,
    "Application": _application,
    "PanelScore": _panel_score,
    "PurchaseContract": _contract,
    "PurchaseObjection": _objection,
    "JobRun": lambda street, community: JobRun(
        kind="clearance", period="2026-10", street=street, requested_by="someone"
    ).save(),
}


def build(model_name, street, community):
    """A saved record of `model_name` in `street`/`community`, or None when no builder exists."""
    builder = BUILDERS.get(model_name)
    return builder(street, community) if builder else None
