"""The board's admin pages: motions created, the meeting recorded, decided and carried out."""

import datetime

import pytest

from models import AuditEntry, FundMotion, LedgerEntry
from tests.volunteers.pages import filter_arg
from weimin.funds import ledger

YESTERDAY = str(datetime.date.today() - datetime.timedelta(days=1))
ALL_YES = {"vote_0": "yes", "vote_1": "yes", "vote_2": "abstain"}


@pytest.fixture
def world(app, make):
    street = make.street(name="甲街道")
    community = make.community(street, name="甲一社区")
    project = make.demand(community, make.item("project", street_doc=street))
    fund = make.fund(street, "crowd", community_doc=community, name="甲一众筹基金")
    ledger.append(fund, "contribution", "5000", "w", donor="居民众筹", channel="wechat")
    other = make.fund(make.street(name="乙街道"), "crowd", name="乙众筹基金")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=community),
        "supervisor": make.user("supervisor"),
        "other_admin": make.user("street_admin", street_doc=other.street),
    }
    return {"fund": fund, "project": project, "other": other, "users": users,
            "fiscal": make.fund(street, name="财政基金")}  # fmt: skip


def _new(client, world, **over):
    data = {"fund": str(world["fund"].pk), "kind": "allocation", "title": "资助助老食堂",
            "text": "购置餐具", "amount": "3000", "demand": str(world["project"].pk),
            **over}  # fmt: skip
    return client.post("/admin/fund_motion/new/", data=data)


def _passed(client, world, amount="3000"):
    assert _new(client, world, amount=amount).status_code == 302
    motion = FundMotion.objects.order_by("-id").first()
    url = f"/admin/fund_motion/meeting/?id={motion.pk}"
    response = client.post(url, data={"meeting_date": YESTERDAY, "minutes": "同意", **ALL_YES})
    assert response.status_code == 302, response.text[:500]
    client.post("/admin/fund_motion/decide/", data={"id": str(motion.pk)})
    motion.reload()
    assert motion.status == "passed"
    return motion


def test_the_whole_way_from_motion_to_ledger(client, login, world):
    login(world["users"]["street_admin"])
    motion = _passed(client, world)
    assert motion.street.pk == world["fund"].street.pk and motion.community is not None
    assert [(v.member, v.choice) for v in motion.votes] == [
        ("王芳", "yes"), ("李强", "yes"), ("陈静", "abstain")]  # fmt: skip
    page = client.get(f"/admin/fund_motion/meeting/?id={motion.pk}").text
    assert 'id="execute"' in page and "王芳" in page
    for _twice in range(2):
        response = client.post("/admin/fund_motion/execute/", data={"id": str(motion.pk)})
        assert response.status_code == 302
    assert LedgerEntry.objects(kind="allocation", motion=motion.pk).count() == 1
    assert FundMotion.objects.get(pk=motion.pk).status == "executed"
    # Every step is in the audit trail, under the motions' own name.
    assert AuditEntry.objects(collection="fund_motions", doc_id=str(motion.pk)).count() >= 3
    trail = client.get("/admin/audit/?search=").text
    assert "决议事项" in trail


def test_execute_over_the_balance_says_so_and_writes_nothing(client, login, world):
    login(world["users"]["street_admin"])
    motion = _passed(client, world, amount="6000")
    response = client.post("/admin/fund_motion/execute/", data={"id": str(motion.pk)},
                           follow_redirects=True)  # fmt: skip
    assert "5,000.00" in response.text
    assert LedgerEntry.objects(kind="allocation").count() == 0
    assert FundMotion.objects.get(pk=motion.pk).status == "passed"


def test_deciding_without_quorum_is_refused(client, login, world):
    login(world["users"]["community_worker"])
    assert _new(client, world).status_code == 302
    motion = FundMotion.objects.get()
    client.post(f"/admin/fund_motion/meeting/?id={motion.pk}",
                data={"meeting_date": YESTERDAY, "vote_0": "yes"})  # fmt: skip
    response = client.post("/admin/fund_motion/decide/", data={"id": str(motion.pk)},
                           follow_redirects=True)  # fmt: skip
    assert "未达到法定人数" in response.text
    assert FundMotion.objects.get(pk=motion.pk).status == "open"


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"fund": "fiscal"}, "请从列出的选项中选择"),
        ({"amount": "-5"}, "金额"),
        ({"amount": "12.345"}, "两位小数"),
        ({"demand": ""}, "微项目"),
        ({"kind": "rule", "text": ""}, "规则"),
    ],
)
def test_bad_motions_get_field_messages_and_nothing_is_written(client, login, world, over,
                                                              message):  # fmt: skip
    login(world["users"]["street_admin"])
    if over.get("fund") == "fiscal":
        over = {**over, "fund": str(world["fiscal"].pk)}
    response = _new(client, world, **over)
    assert response.status_code == 200
    assert message in response.text
    assert FundMotion.objects.count() == 0


def test_who_may_do_what(client, login, world, make):
    login(world["users"]["street_admin"])
    motion = _passed(client, world)
    for role, meeting, execute in (("community_worker", 200, 403), ("supervisor", 200, 403)):
        client.post("/logout")
        login(world["users"][role])
        url = f"/admin/fund_motion/meeting/?id={motion.pk}"
        assert client.get(url).status_code == meeting
        assert client.post("/admin/fund_motion/execute/",
                           data={"id": str(motion.pk)}).status_code == execute  # fmt: skip
    assert client.post(url, data={"vote_0": "no"}).status_code == 403  # the supervisor reads
    assert client.post("/admin/fund_motion/decide/", data={"id": str(motion.pk)}).status_code == 403
    assert LedgerEntry.objects(kind="allocation").count() == 0


def test_another_streets_motion_is_not_found(client, login, world):
    login(world["users"]["other_admin"])
    mine = FundMotion(fund=world["fund"], street=world["fund"].street, kind="rule", title="规则",
                      text="助老优先").save()  # fmt: skip
    for method, url, data in (
        ("GET", f"/admin/fund_motion/meeting/?id={mine.pk}", None),
        ("POST", f"/admin/fund_motion/meeting/?id={mine.pk}", {"vote_0": "yes"}),
        ("POST", "/admin/fund_motion/decide/", {"id": str(mine.pk)}),
        ("POST", "/admin/fund_motion/execute/", {"id": str(mine.pk)}),
    ):
        assert client.open(url, method=method, data=data).status_code == 404, url
    response = _new(client, world)  # the other street's fund is not offered either
    assert response.status_code == 200 and FundMotion.objects.count() == 1


def test_the_list_filters_by_fund_status_and_kind(app, client, login, world):
    login(world["users"]["district_admin"])
    FundMotion(fund=world["fund"], street=world["fund"].street, kind="rule", title="甲规则",
               text="x").save()  # fmt: skip
    FundMotion(fund=world["other"], street=world["other"].street, kind="allocation",
               title="乙拨付", status="passed").save()  # fmt: skip
    page = client.get("/admin/fund_motion/").text
    assert "甲规则" in page and "乙拨付" in page
    for column, value, shown, hidden in (
        ("fund", world["fund"].pk, "甲规则", "乙拨付"),
        ("status", "passed", "乙拨付", "甲规则"),
        ("kind", "rule", "甲规则", "乙拨付"),
    ):
        page = client.get(f"/admin/fund_motion/?{filter_arg(app, 'fund_motion', column)}={value}")
        assert shown in page.text and hidden not in page.text, column


def test_the_board_pages_speak_chinese(app, client, login, world):
    """The demo data may hold no motion yet: walk a motion's pages here, at every stage."""
    from tests.web.test_every_page_zh import PageText, _untranslated

    login(world["users"]["street_admin"])
    motion = _passed(client, world)
    rule = FundMotion(fund=world["fund"], street=world["fund"].street, kind="rule", title="规则",
                      text="助老优先").save()  # fmt: skip
    client.post(f"/admin/fund_motion/meeting/?id={rule.pk}",
                data={"meeting_date": YESTERDAY, **ALL_YES})  # fmt: skip
    client.post("/admin/fund_motion/decide/", data={"id": str(rule.pk)})
    page = client.get(f"/admin/fund_motion/meeting/?id={motion.pk}").text
    assert "助老优先" in page.split('id="adopted-rules"')[1]  # the board's rules, kept
    client.post("/admin/fund_motion/execute/", data={"id": str(motion.pk)})
    found = []
    for url in (
        "/admin/fund_motion/", "/admin/fund_motion/new/",
        f"/admin/fund_motion/meeting/?id={motion.pk}", f"/admin/fund_motion/meeting/?id={rule.pk}",
        f"/admin/fund_motion/details/?id={motion.pk}", f"/admin/fund_motion/edit/?id={rule.pk}",
        f"/admin/audit/?search={motion.title}",
    ):  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        text = PageText()
        text.feed(response.text)
        found += [(url, m, part) for part in text.parts for m in _untranslated().findall(part)]
    assert not found, found


def test_the_board_routes_need_the_csrf_token(csrf_app, make):
    import re

    street = make.street()
    fund = make.fund(street, "crowd")
    motion = FundMotion(fund=fund, street=street, kind="rule", title="规则", text="x").save()
    user = make.user("street_admin", street_doc=street)
    client = csrf_app.test_client()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").text)
    client.post("/login", data={"username": user.username, "password": make.PASSWORD,
                                "csrf_token": token.group(1)})  # fmt: skip
    url = f"/admin/fund_motion/meeting/?id={motion.pk}"
    posts = ((url, {"meeting_date": YESTERDAY, **ALL_YES}),
             ("/admin/fund_motion/decide/", {"id": str(motion.pk)}),
             ("/admin/fund_motion/execute/", {"id": str(motion.pk)}))  # fmt: skip
    for path, data in posts:
        assert client.post(path, data=data).status_code == 400, path
    assert FundMotion.objects.get(pk=motion.pk).votes == []
    # With the page's token the meeting is recorded and the vote decided.
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get(url).text)
    for path, data in posts[:2]:
        response = client.post(path, data={**data, "csrf_token": token.group(1)})
        assert response.status_code == 302, path
    assert FundMotion.objects.get(pk=motion.pk).status == "passed"
