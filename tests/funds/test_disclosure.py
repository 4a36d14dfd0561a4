"""Disclosure: the public funds bulletin, the admin statements and their XLSX, donor receipts
and their public check."""

import io
from decimal import Decimal

import openpyxl
import pytest

from models import AuditEntry
from models.base import local_today
from tests.conftest import make_app
from tests.funds import disclosure_world
from weimin.core.money_words import capitals
from weimin.core.periods import month_text
from weimin.funds import ledger

MONTH = month_text(local_today().year, local_today().month)


@pytest.fixture
def funds(app, make):
    return disclosure_world.build(make)


def test_public_funds_page_names_only_agreeing_donors(client, funds):
    page = client.get("/bulletin/JD18/funds")
    assert page.status_code == 200
    text = page.text
    assert "海天商行" in text and "1,200.50" in text
    assert "钱多多" not in text and "赵小六" not in text and "区财政局" not in text
    assert "孙悄悄" not in text and "13512345678" not in text
    assert "匿名/未公开" in text and "300.00" in text
    assert funds["project"].ticket_no in text and "15,000.00" in text
    assert "51,500.50" in text  # money in for the street: 50,000 + 1,200.50 + 300
    assert "<script>" not in text.replace("<script nonce", "")  # nothing inline, nothing fetched
    assert "http://" not in text.replace("http://localhost", "") and "https://" not in text
    assert client.get("/bulletin/JD18/").text.count("/bulletin/JD18/funds") == 1
    assert client.get("/bulletin/JD18/funds?month=1999-01").status_code == 404
    assert client.get("/bulletin/NOPE/funds").status_code == 404


def test_a_street_without_funds(client, make):
    make.street(code="JD19")
    page = client.get("/bulletin/JD19/funds")
    assert page.status_code == 200 and "本街道还没有基金" in page.text


def test_admin_statements_and_xlsx_money_cells(client, login, make, funds):
    login(make.user("street_admin", street_doc=funds["street"]))
    page = client.get(f"/admin/fund_statement/?period={MONTH}")
    assert page.status_code == 200 and "海天助学基金" in page.text and "招宝社区" in page.text
    detail = client.get(f"/admin/fund_statement/?period={MONTH}&fund={funds['named'].pk}")
    assert f"/admin/fund/receipt/{funds['public'].pk}" in detail.text
    assert detail.text.count("已冲正（作废）") == 1  # the mistaken contribution's receipt
    response = client.get(f"/admin/fund_statement/export?period={MONTH}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    money_in = header.index("收入")
    values = [row[money_in] for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(c.value, int | float) for c in values)
    assert all(c.number_format == "0.00" for c in values)
    assert [c.value for c in values][0] == pytest.approx(51500.50)  # the street's total
    assert AuditEntry.objects(action="export", collection="ledger_entries").count() == 1
    year = client.get(f"/admin/fund_statement/?period={MONTH[:4]}")
    assert year.status_code == 200
    assert client.get("/admin/fund_statement/?period=2026-13").status_code == 404


def test_a_worker_sees_own_community_only(client, login, make, funds):
    login(make.user("community_worker", community_doc=funds["community"]))
    page = client.get("/admin/fund_statement/").text
    assert "海天助学基金" in page and "街道财政保障金" not in page
    fiscal_entry = ledger.append(funds["fiscal"], "contribution", "1", "w", donor="某",
                                 channel="cash")  # fmt: skip
    assert client.get(f"/admin/fund/receipt/{fiscal_entry.pk}").status_code == 404
    assert client.get(f"/admin/fund/receipt/{funds['public'].pk}").status_code == 200


@pytest.mark.parametrize(
    ("role", "statements", "receipt"),
    [("district_admin", 200, 200), ("street_admin", 200, 200), ("supervisor", 200, 403),
     ("volunteer", 403, 403)],
)  # fmt: skip
def test_permissions_per_role(client, login, make, funds, role, statements, receipt):
    kw = {"street_doc": funds["street"]} if role == "street_admin" else {}
    if role == "volunteer":
        kw = {"volunteer_doc": make.volunteer(funds["community"])}
    login(make.user(role, **kw))
    assert client.get("/admin/fund_statement/").status_code == statements
    assert client.get(f"/admin/fund/receipt/{funds['public'].pk}").status_code == receipt


def test_other_streets_admin_gets_no_receipt_and_no_rows(client, login, make, funds):
    login(make.user("street_admin", street_doc=make.street()))
    assert client.get(f"/admin/fund/receipt/{funds['public'].pk}").status_code == 404
    assert "海天助学基金" not in client.get("/admin/fund_statement/").text


def test_the_printable_receipt(client, login, make, funds):
    login(make.user("street_admin", street_doc=funds["street"]))
    page = client.get(f"/admin/fund/receipt/{funds['public'].pk}").text
    assert "捐赠收据" in page and "海天商行" in page and "壹仟贰佰元伍角整" in page
    assert funds["public"].code in page and "招宝社区" in page and "@media print" in page
    void = client.get(f"/admin/fund/receipt/{funds['mistaken'].pk}").text
    assert "已冲正" in void and "重复录入" in void
    allocation = funds["fiscal"].pk  # not an entry id at all
    assert client.get(f"/admin/fund/receipt/{allocation}").status_code == 404
    assert client.get("/admin/fund/receipt/nonsense").status_code == 404


def test_public_check_valid_unknown_and_reversed(client, funds):
    code = funds["public"].code
    page = client.get(f"/receipt/{code}")
    assert page.status_code == 200 and "真实有效" in page.text
    assert "海天助学基金" in page.text and "1,200.50" in page.text and "海天**" in page.text
    assert "海天商行" not in page.text
    typed = code.lower().replace("-", " ")
    assert client.get(f"/receipt/?code={typed}").headers["Location"] == f"/receipt/{code}"
    assert client.get("/receipt/AAAA-BBBB-CCCC-DDDD").status_code == 404
    assert client.get("/receipt/hello").status_code == 404
    void = client.get(f"/receipt/{funds['mistaken'].code}")
    assert void.status_code == 200 and "已作废" in void.text and "真实有效" not in void.text
    assert "赵小六" not in void.text and "赵**" in void.text


def test_public_check_is_rate_limited(make):
    app = make_app(RATELIMIT_ENABLED=True)
    client = app.test_client()
    answers = [client.get("/receipt/AAAA-BBBB-CCCC-DDDD").status_code for _ in range(31)]
    assert answers[:30] == [404] * 30 and answers[30] == 429


@pytest.mark.parametrize(
    ("amount", "words"),
    [("0.05", "伍分"), ("10", "壹拾元整"), ("1000000.10", "壹佰万元壹角整"),
     ("1200.50", "壹仟贰佰元伍角整"), ("1.05", "壹元零伍分"), ("1005", "壹仟零伍元整"),
     ("100001", "壹拾万零壹元整"), ("10010.01", "壹万零壹拾元零壹分"),
     ("110000000", "壹亿壹仟万元整"),
     ("999999999.99", "玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分")],
)  # fmt: skip
def test_amounts_in_capitals(amount, words):
    assert capitals(Decimal(amount)) == words


def test_statement_rows_name_the_streets_own_funds_and_skip_a_lone_total(app, make):
    from weimin.funds.statement_rows import rows, sheet
    from weimin.funds.statements import statements

    street = make.street(name="丙街道")
    community = make.community(street, name="丙一社区")
    own, local = make.fund(street, name="街道财政"), make.fund(street, community_doc=community)
    with app.test_request_context():
        both = rows(statements([own, local], "2026-11"), *_bounds())
        assert [r.level for r in both][0] == "street"
        table = sheet(both, "2026-11", "基金收支")
        street_level = [line for line in table.rows if line["fund"] == "街道财政"]
        assert street_level and street_level[0]["community"] == "街道直属基金"
        lone = rows(statements([local], "2026-11"), *_bounds())
        assert [r.level for r in lone] == ["community", "fund"]


def _bounds():
    from weimin.funds.statements import period_dates

    return period_dates("2026-11")
