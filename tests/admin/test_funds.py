"""Funds in the admin: the list per role, creating and editing funds, closing them, scope."""

import re
from decimal import Decimal

import pytest

from models import Fund, LedgerEntry
from weimin.funds import ledger

ROLES = ("district_admin", "street_admin", "community_worker", "supervisor")


@pytest.fixture
def world(make):
    street, other = make.street(name="甲街道"), make.street(name="乙街道")
    community = make.community(street, name="甲一社区")
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=community),
        "supervisor": make.user("supervisor"),
        "volunteer": make.volunteer_user(community),
    }
    fund = make.fund(street, community_doc=community, name="甲一社区财政保障金")
    far = make.fund(other, name="乙街道冠名基金", kind="named", sponsor="王先生")
    return {"street": street, "community": community, "other": other, "users": users,
            "fund": fund, "far": far}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_the_list_opens_for_every_staff_role_and_supervisors(client, login, world, role):
    login(world["users"][role])
    page = client.get("/admin/fund/")
    assert page.status_code == 200
    assert "甲一社区财政保障金" in page.text
    assert ("乙街道冠名基金" in page.text) == (role in ("district_admin", "supervisor"))
    details = client.get(f"/admin/fund/details/?id={world['fund'].pk}")
    assert details.status_code == 200 and 'id="fund-figures"' in details.text


def test_a_volunteer_cannot_open_the_funds(client, login, world):
    login(world["users"]["volunteer"])
    assert client.get("/admin/fund/").status_code == 403
    assert client.get("/admin/ledger_entry/").status_code == 403


def _new(street, **extra):
    data = {"street": str(street.pk), "kind": "fiscal", "name": "新基金", "status": "open",
            "quorum": "half", "majority": "half"}  # fmt: skip
    return {**data, **extra}


def test_a_street_admin_creates_a_fund_of_a_community_or_the_street(client, login, world):
    login(world["users"]["street_admin"])
    data = _new(world["street"], community=str(world["community"].pk))
    response = client.post("/admin/fund/new/", data=data)
    assert response.status_code == 302, re.findall(
        r"(?:invalid-feedback|help-block|alert-danger)[^>]*>\s*([^<]+)", response.text
    )
    fund = Fund.objects.get(name="新基金")
    assert fund.community.pk == world["community"].pk and fund.street.pk == world["street"].pk
    response = client.post("/admin/fund/new/", data=_new(world["street"], name="街道基金"))
    assert response.status_code == 302
    assert Fund.objects.get(name="街道基金").community is None


def test_a_named_fund_without_a_sponsor_is_refused_with_a_field_message(client, login, world):
    login(world["users"]["street_admin"])
    page = client.post("/admin/fund/new/", data=_new(world["street"], kind="named"))
    assert page.status_code == 200
    assert "冠名基金须填写冠名人" in page.text or "invalid-feedback" in page.text
    assert Fund.objects(name="新基金").count() == 0


def test_a_community_of_another_street_is_not_offered(client, login, world, make):
    elsewhere = make.community(world["other"], name="乙一社区")
    login(world["users"]["street_admin"])
    assert "乙一社区" not in client.get("/admin/fund/new/").text
    data = _new(world["street"], community=str(elsewhere.pk))
    assert client.post("/admin/fund/new/", data=data).status_code == 200
    assert Fund.objects(name="新基金").count() == 0


def test_another_streets_fund_is_not_found(client, login, world):
    login(world["users"]["street_admin"])
    far = world["far"].pk
    assert client.get(f"/admin/fund/details/?id={far}").status_code == 404
    assert client.get(f"/admin/fund/edit/?id={far}").status_code == 404
    assert client.get(f"/admin/fund/entry/contribution/?id={far}").status_code == 404


def test_a_worker_reads_but_cannot_create_or_edit(client, login, world):
    login(world["users"]["community_worker"])
    assert client.post("/admin/fund/new/", data=_new(world["street"])).status_code == 302
    assert Fund.objects(name="新基金").count() == 0
    assert "/admin/fund/new/" not in client.get("/admin/fund/").text


def _edit(client, fund, **changes):
    data = {"street": str(fund.street.pk), "community": str(fund.community.pk) if fund.community
            else "", "kind": fund.kind, "name": fund.name, "status": fund.status,
            "quorum": "half", "majority": "half", **changes}  # fmt: skip
    return client.post(f"/admin/fund/edit/?id={fund.pk}", data=data)


def test_closing_a_fund_that_holds_money_is_refused(client, login, world):
    fund = world["fund"]
    ledger.append(fund, "contribution", "300", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    page = _edit(client, fund, status="closed")
    assert page.status_code == 200 and "300.00" in page.text
    assert Fund.objects.get(pk=fund.pk).status == "open"
    assert _edit(client, fund, status="frozen").status_code == 302
    assert Fund.objects.get(pk=fund.pk).status == "frozen"


def test_an_empty_fund_closes_and_stays_closed(client, login, world):
    fund = world["fund"]
    login(world["users"]["street_admin"])
    assert _edit(client, fund, status="closed").status_code == 302
    assert _edit(client, fund, status="open").status_code == 200
    assert Fund.objects.get(pk=fund.pk).status == "closed"


def test_editing_keeps_the_running_figures(client, login, world):
    fund = world["fund"]
    ledger.append(fund, "contribution", "120.50", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    assert _edit(client, fund, purpose="助老").status_code == 302
    fund.reload()
    assert fund.received == Decimal("120.50") and fund.purpose == "助老"
    kept, computed = ledger.check(fund)
    assert kept == computed


def test_the_page_shows_the_figures_and_the_latest_entries(client, login, world):
    fund = world["fund"]
    ledger.append(fund, "contribution", "1234.5", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    page = client.get(f"/admin/fund/details/?id={fund.pk}").text
    assert "1,234.50" in page and 'id="ledger-check"' in page and "text-success" in page
    assert re.search(r'href="/admin/fund/receipt/\w+"', page)
    assert LedgerEntry.objects(fund=fund).count() == 1


def test_a_crowdfunded_fund_is_created_with_its_board(client, login, world):
    login(world["users"]["street_admin"])
    data = _new(world["street"], kind="crowd", name="众筹基金", sponsor="居民众筹",
                sponsor_kind="mixed", vote_threshold="1000", majority="two_thirds",
                **{"board-0-name": "王芳", "board-0-party": "居民代表",
                   "board-1-name": "李强", "board-1-party": "捐赠人代表"})  # fmt: skip
    response = client.post("/admin/fund/new/", data=data)
    assert response.status_code == 302, re.findall(
        r"invalid-feedback[^>]*>\s*([^<]+)", response.text
    )
    fund = Fund.objects.get(name="众筹基金")
    assert [m.name for m in fund.board] == ["王芳", "李强"] and fund.majority == "two_thirds"
    assert fund.vote_threshold == Decimal("1000")
    without = client.post("/admin/fund/new/", data=_new(world["street"], kind="crowd", name="空"))
    assert without.status_code == 200 and Fund.objects(name="空").count() == 0


def test_the_fund_list_exports_figures_as_numbers_and_masks_private_sponsors(
    client, login, world, make
):
    import io

    from openpyxl import load_workbook

    crowd = make.fund(world["street"], kind="crowd", name="众筹基金", sponsor="张三丰")
    ledger.append(crowd, "contribution", "88.80", "w", donor="李四", channel="cash")
    login(world["users"]["supervisor"])
    response = client.get("/admin/fund/export/xlsx/")
    assert response.status_code == 200
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(response.data)).active.rows]
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    available = header.index("可用余额")
    assert body["众筹基金"][available] == pytest.approx(88.8)
    assert body["众筹基金"][header.index("发起方")] == "张**"
    assert (
        body["乙街道冠名基金"][header.index("发起方")] == "王先生"
    )  # a named fund's name is public


def test_a_fund_with_a_ledger_keeps_its_type_and_place(client, login, world):
    fund = world["fund"]
    ledger.append(fund, "contribution", "10", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    page = _edit(client, fund, kind="crowd", **{"board-0-name": "王芳"})
    assert page.status_code == 200 and "基金已有台账记录，此项不能修改。" in page.text
    assert _edit(client, fund, community="").status_code == 200
    assert Fund.objects.get(pk=fund.pk).kind == "fiscal"
    assert Fund.objects.get(pk=fund.pk).community.pk == world["community"].pk
    assert _edit(client, fund, name="改名基金").status_code == 302


def test_a_crowd_funds_page_shows_its_board_and_kinds_by_their_labels(client, login, world, make):
    crowd = make.fund(world["street"], kind="crowd", community_doc=world["community"],
                      name="甲一社区众筹基金", allowed_kinds=["wish"])  # fmt: skip
    login(world["users"]["supervisor"])
    page = client.get(f"/admin/fund/details/?id={crowd.pk}").text
    assert "王芳" in page and "陈静" in page and "微心愿" in page
    assert not re.search(r">\s*wish\s*<", page)
    fiscal = client.get(f"/admin/fund/details/?id={world['fund'].pk}").text
    assert "过半数" not in fiscal  # a fiscal fund has no board and votes on nothing
