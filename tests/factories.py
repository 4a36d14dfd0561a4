"""Small builders with defaults; tests name only what matters to them."""

import itertools
from decimal import Decimal

from models import (
    CatalogueCategory,
    CatalogueItem,
    Community,
    Demand,
    District,
    Organisation,
    Street,
    User,
    Volunteer,
)
from models.base import utcnow

PASSWORD = "Test-password-1"
_seq = itertools.count(1)

# Valid resident ID numbers (GB 11643 check digits) for tests.
VALID_IDS = ("11010519491231002X", "440524188001010014", "110101199003077774")


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
    community_doc = community_doc or community()
    item_doc = item_doc or item()
    n = next(_seq)
    kw.setdefault("status", "received")
    kw.setdefault("received_at", utcnow())
    return Demand(
        ticket_no=kw.pop("ticket_no", f"T-{n:06d}"),
        kind=item_doc.kind,
        item=item_doc,
        street=community_doc.street,
        community=community_doc,
        resident_name=kw.pop("resident_name", "赵敏"),
        resident_phone=kw.pop("resident_phone", "13912345678"),
        channel=kw.pop("channel", "window"),
        description=kw.pop("description", "楼道灯坏了"),
        **kw,
    ).save()


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
