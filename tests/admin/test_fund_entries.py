"""Writing a fund's ledger from its page: who may write what, field messages, one write per
form, reversals, scope and CSRF."""

import re
from decimal import Decimal

import pytest

from models import AuditEntry, Fund, LedgerEntry
from weimin.funds import ledger

TODAY_FORM = {"donor": "张三", "donor_kind": "resident", "channel": "cash", "amount": "500"}


@pytest.fixture
def world(make):
    return build_world(make)


def build_world(make):
    """Two streets, a community with a 微项目, a user of each staff role and a community fund."""
    street, other = make.street(name="甲街道"), make.street(name="乙街道")
    community = make.community(street, name="甲一社区")
    project = make.demand(community, make.item("project", street_doc=street))
    users = {
        "district_admin": make.user("district_admin"),
        "street_admin": make.user("street_admin", street_doc=street),
        "community_worker": make.user("community_worker", community_doc=community),
        "supervisor": make.user("supervisor"),
    }
    fund = make.fund(street, community_doc=community, name="甲一社区基金")
    return {"street": street, "other": other, "community": community, "project": project,
            "users": users, "fund": fund}  # fmt: skip


def _form(client, fund, kind, **query):
    """The entry form as shown: its key and options."""
    extra = "".join(f"&{k}={v}" for k, v in query.items())
    page = client.get(f"/admin/fund/entry/{kind}/?id={fund.pk}{extra}")
    assert page.status_code == 200, page.status_code
    key = re.search(r'name="key" type="hidden" value="(\w+)"|value="(\w+)" name="key"', page.text)
    key = key or re.search(r'id="key" name="key" type="hidden" value="(\w+)"', page.text)
    return page.text, next(g for g in key.groups() if g)


def _post(client, fund, kind, data, **query):
    text, key = _form(client, fund, kind, **query)
    return client.post(f"/admin/fund/entry/{kind}/?id={fund.pk}", data={"key": key, **data})


def test_a_worker_records_a_contribution_and_gets_its_receipt_link(client, login, world):
    login(world["users"]["community_worker"])
    response = _post(client, world["fund"], "contribution", {**TODAY_FORM, "receipt_no": "R-1"})
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(fund=world["fund"])
    assert entry.amount == Decimal("500") and entry.recorded_by == world["users"][
        "community_worker"].username  # fmt: skip
    page = client.get(response.headers["Location"]).text
    assert f'href="/admin/fund/receipt/{entry.pk}"' in page
    assert Fund.objects.get(pk=world["fund"].pk).received == Decimal("500")
    audit = AuditEntry.objects(collection="ledger_entries", doc_id=str(entry.pk)).first()
    assert audit is not None and audit.action == "create"


@pytest.mark.parametrize("kind", ["allocation", "disbursement", "reversal"])
def test_a_worker_cannot_allocate_pay_or_reverse(client, login, world, kind):
    ledger.append(world["fund"], "contribution", "800", "w", donor="张三", channel="cash")
    login(world["users"]["community_worker"])
    url = f"/admin/fund/entry/{kind}/?id={world['fund'].pk}"
    assert client.get(url).status_code == 403
    data = {"demand": str(world["project"].pk), "amount": "100", "value_date": "2026-01-05"}
    assert client.post(url, data=data).status_code == 403
    assert LedgerEntry.objects.count() == 1
    page = client.get(f"/admin/fund/details/?id={world['fund'].pk}").text
    assert f"/admin/fund/entry/{kind}/" not in page and "/admin/fund/entry/contribution/" in page


def test_a_supervisor_writes_nothing(client, login, world):
    login(world["users"]["supervisor"])
    for kind in ("contribution", "pledge", "allocation"):
        assert client.get(f"/admin/fund/entry/{kind}/?id={world['fund'].pk}").status_code == 403
    assert "/admin/fund/entry/" not in client.get(
        f"/admin/fund/details/?id={world['fund'].pk}").text  # fmt: skip


def test_a_street_admin_allocates_and_pays_against_the_allocation(client, login, world):
    fund, project = world["fund"], world["project"]
    ledger.append(fund, "contribution", "1000", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    text, _key = _form(client, fund, "allocation")
    assert project.ticket_no in text
    data = {"demand": str(project.pk), "amount": "600", "purpose": "助老食堂"}
    assert _post(client, fund, "allocation", data).status_code == 302
    allocation = LedgerEntry.objects.get(kind="allocation")
    data = {"allocation": str(allocation.pk), "amount": "250.25"}
    assert _post(client, fund, "disbursement", data).status_code == 302
    fund.reload()
    assert fund.available == Decimal("400") and fund.earmarked == Decimal("349.75")
    assert fund.paid == Decimal("250.25")


@pytest.mark.parametrize(
    ("amount", "message"),
    [("-5", "金额"), ("1.005", "两位小数"), ("abc", "金额"), ("5000", "可用余额")],
)
def test_bad_input_gets_a_field_message_keeps_what_was_typed_and_writes_nothing(
    client, login, world, amount, message
):
    fund, project = world["fund"], world["project"]
    ledger.append(fund, "contribution", "1000", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    data = {"demand": str(project.pk), "amount": amount, "purpose": "修缮凉亭"}
    response = _post(client, fund, "allocation", data)
    assert response.status_code == 200
    feedback = re.findall(r"invalid-feedback[^>]*>([^<]+)<", response.text)
    assert any(message in text for text in feedback), feedback
    assert 'value="修缮凉亭"' in response.text and f'value="{amount}"' in response.text
    assert LedgerEntry.objects.count() == 1 and Fund.objects.get(pk=fund.pk).seq == 1


def test_a_missing_donor_is_a_field_message(client, login, world):
    login(world["users"]["community_worker"])
    response = _post(client, world["fund"], "contribution", {**TODAY_FORM, "donor": ""})
    assert response.status_code == 200 and "捐赠人" in response.text
    assert LedgerEntry.objects.count() == 0


def test_the_same_form_posted_twice_writes_once(client, login, world):
    login(world["users"]["community_worker"])
    _text, key = _form(client, world["fund"], "contribution")
    url = f"/admin/fund/entry/contribution/?id={world['fund'].pk}"
    first = client.post(url, data={"key": key, **TODAY_FORM})
    second = client.post(url, data={"key": key, **TODAY_FORM})
    assert first.status_code == second.status_code == 302
    assert LedgerEntry.objects.count() == 1
    assert Fund.objects.get(pk=world["fund"].pk).received == Decimal("500")
    # A new form (a new key) is a new entry.
    assert _post(client, world["fund"], "contribution", TODAY_FORM).status_code == 302
    assert LedgerEntry.objects.count() == 2


def test_a_street_admin_reverses_an_entry_once(client, login, world):
    fund = world["fund"]
    given = ledger.append(fund, "contribution", "300", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    text, _key = _form(client, fund, "reversal", entry=given.pk)
    assert f'<option selected value="{given.pk}"' in text or f'value="{given.pk}" selected' in text
    data = {"reverses": str(given.pk), "note": "金额录错"}
    assert _post(client, fund, "reversal", data).status_code == 302
    assert Fund.objects.get(pk=fund.pk).received == Decimal("0")
    again = _post(client, fund, "reversal", data)
    assert again.status_code == 200 and LedgerEntry.objects(kind="reversal").count() == 1


def test_a_reversal_needs_a_reason(client, login, world):
    fund = world["fund"]
    given = ledger.append(fund, "contribution", "300", "w", donor="张三", channel="cash")
    login(world["users"]["street_admin"])
    response = _post(client, fund, "reversal", {"reverses": str(given.pk), "note": ""})
    assert response.status_code == 200 and "请填写原因" in response.text
    assert LedgerEntry.objects(kind="reversal").count() == 0


def test_another_streets_fund_and_a_street_fund_are_out_of_a_workers_reach(
    client, login, world, make
):
    far = make.fund(world["other"], name="乙街道基金")
    street_fund = make.fund(world["street"], name="甲街道基金")
    login(world["users"]["community_worker"])
    for fund in (far, street_fund):
        url = f"/admin/fund/entry/contribution/?id={fund.pk}"
        assert client.get(url).status_code == 404
        assert client.post(url, data=TODAY_FORM).status_code == 404
    assert LedgerEntry.objects.count() == 0


def test_a_closed_fund_takes_nothing(client, login, world):
    Fund.objects(pk=world["fund"].pk).update(set__status="closed")
    login(world["users"]["community_worker"])
    response = _post(client, world["fund"], "contribution", TODAY_FORM)
    assert response.status_code == 200 and "已关闭" in response.text
    assert LedgerEntry.objects.count() == 0


def test_an_unknown_kind_is_not_found(client, login, world):
    login(world["users"]["street_admin"])
    assert client.get(f"/admin/fund/entry/refund/?id={world['fund'].pk}").status_code == 404


def test_a_post_without_the_csrf_token_writes_nothing(csrf_app, make):
    street = make.street()
    community = make.community(street)
    worker = make.user("community_worker", community_doc=community)
    fund = make.fund(street, community_doc=community)
    client = csrf_app.test_client()
    page = client.get("/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"username": worker.username, "password": make.PASSWORD,
                                "csrf_token": token})  # fmt: skip
    response = client.post(f"/admin/fund/entry/contribution/?id={fund.pk}", data=TODAY_FORM)
    assert response.status_code in (200, 400)
    assert LedgerEntry.objects.count() == 0
