"""Small builders with defaults; tests name only what matters to them."""

import itertools
from decimal import Decimal

from models import (
    CatalogueCategory,
    CatalogueItem,
    Community,
    Demand,
    District,
    Fund,
    Organisation,
    Street,
    User,
    Volunteer,
)
from models.fund import BoardMember
from weimin.demands.intake import prepare_new

PASSWORD = "Test-password-1"
_seq = itertools.count(1)

# Valid resident ID numbers (GB 11643 check digits) for tests.
VALID_IDS = ("11010519491231002X", "110105198001010016", "110101199003077774")


def district(**kw):
    return District.objects(code="D1").first() or District(code="D1", name="示范区", **kw).save()


def street(code=None, name=None):
    n = next(_seq)
    return Street(code=code or f"S{n:02d}", name=name or f"街道{n}", district=district()).save()


def community(street_doc=None, code=None, name=None):
    n = next(_seq)
    street_doc = street_doc or street()
    return Community(
        code=code or f"{street_doc.code}C{n:02d}", name=name or f"社区{n}", street=street_doc
    ).save()


def category(code=None, name="助老", street_doc=None):
    return CatalogueCategory(code=code or f"CAT{next(_seq)}", name=name, street=street_doc).save()


def item(kind="affair", level="routine", street_doc=None, **kw):
    kw.setdefault("subsidy_max", Decimal(50000) if kind == "project" else None)
    return CatalogueItem(
        code=kw.pop("code", f"IT{next(_seq)}"),
        name=kw.pop("name", "上门探访"),
        category=kw.pop("category", None) or category(street_doc=street_doc),
        kind=kind,
        handling_level=level,
        street=street_doc,
        **kw,
    ).save()


def organisation(street_doc=None, **kw):
    street_doc = street_doc or street()
    kw.setdefault("org_type", "filed")
    return Organisation(name=kw.pop("name", f"组织{next(_seq)}"), street=street_doc, **kw).save()


def volunteer(community_doc=None, id_number=VALID_IDS[0], **kw):
    community_doc = community_doc or community()
    return Volunteer(
        name=kw.pop("name", "张伟"),
        id_number=id_number,
        phone=kw.pop("phone", "13800138000"),
        street=community_doc.street,
        community=community_doc,
        **kw,
    ).save()


def demand(community_doc=None, item_doc=None, **kw):
    """A demand taken in by the product's intake at `received_at` (default: now).

    Other keywords then set the state a test needs (status, closed_at, deadline_at, …).
    Each demand gets its own phone (ending 5678), so none is taken for another's duplicate.
    """
    community_doc = community_doc or community()
    item_doc = item_doc or item()
    doc = Demand(
        item=item_doc,
        street=community_doc.street,
        community=community_doc,
        resident_name=kw.pop("resident_name", "赵敏"),
        resident_phone=kw.pop("resident_phone", f"139{next(_seq) % 10000:04d}5678"),
        channel=kw.pop("channel", "window"),
        description=kw.pop("description", "楼道灯坏了"),
    )
    prepare_new(doc, "测试", now=kw.pop("received_at", None))
    for name, value in kw.items():
        setattr(doc, name, value)
    return doc.save()


def user(role="district_admin", street_doc=None, community_doc=None, volunteer_doc=None, **kw):
    u = User(
        username=kw.pop("username", f"{role}{next(_seq)}"),
        name=kw.pop("name", "测试用户"),
        role=role,
        street=street_doc,
        community=community_doc,
        volunteer=volunteer_doc,
        **kw,
    )
    u.set_password(PASSWORD)
    return u.save()


# --- volunteers' service records (tests/volunteers) ----------------------------------------------


def service_record(volunteer_doc, organisation_doc=None, **kw):
    """A submitted record of an activity yesterday (local time), 2 hours."""
    from datetime import timedelta

    from models import ServiceRecord
    from models.base import local_today

    kw.setdefault("activity_date", local_today() - timedelta(days=1))
    kw.setdefault("hours", Decimal("2"))
    return ServiceRecord(
        volunteer=volunteer_doc,
        organisation=organisation_doc or organisation(volunteer_doc.street),
        activity_name=kw.pop("activity_name", "助老探访"),
        location=kw.pop("location", "社区服务中心"),
        content=kw.pop("content", "陪老人聊天"),
        leader=kw.pop("leader", "王队长"),
        **kw,
    ).save()


def volunteer_user(community_doc=None, id_number=VALID_IDS[0], **kw):
    """A volunteer with a self-service sign-in; returns the User (user.volunteer is set)."""
    vol = volunteer(community_doc, id_number=id_number, **kw)
    return user("volunteer", volunteer_doc=vol, name=vol.name)


def api_token(street_doc, *scopes, name="热线平台"):
    """An active API token of the street; returns (token document, the secret to present)."""
    from models import ApiToken

    token = ApiToken(name=name, street=street_doc, scopes=list(scopes or ("demands:create",)))
    secret = token.issue()
    token.save()
    return token, secret


def fund(street_doc=None, kind="fiscal", community_doc=None, **kw):
    """A fund; crowdfunded ones get a three-member board unless given one."""
    street_doc = street_doc or (community_doc.street if community_doc else street())
    if kind == "crowd":
        kw.setdefault("board", [BoardMember(name=n) for n in ("王芳", "李强", "陈静")])
        kw.setdefault("vote_threshold", Decimal(1000))
    if kind == "named":
        kw.setdefault("sponsor", "爱心商户")
    return Fund(
        street=street_doc, community=community_doc, kind=kind,
        name=kw.pop("name", f"基金{next(_seq)}"), **kw,
    ).save()  # fmt: skip


# --- deliberation topics (tests/topics) ----------------------------------------------------------


def topic(community_doc=None, **kw):
    """A topic raised by the community (status raised), or in the status given."""
    from models import Topic
    from weimin.topics.raising import prepare

    community_doc = community_doc or community()
    status = kw.pop("status", None)
    doc = Topic(
        community=community_doc,
        title=kw.pop("title", "加装电梯议事"),
        description=kw.pop("description", "3号楼居民希望加装电梯"),
        **kw,
    )
    prepare(doc, "测试", True)
    if status:
        doc.status = status
    return doc.save()
