"""The subsidy step on the details page and through the API: the fund is chosen, refusals name
their field, and only those who may pay money out see the step."""

import re
from decimal import Decimal

import pytest

from models import Demand, LedgerEntry
from weimin.funds import ledger


@pytest.fixture
def project(app, make):
    street = make.street()
    community = make.community(street)
    demand = make.demand(community, make.item("project", street_doc=street))
    Demand.objects(pk=demand.pk).update(set__status="accepted", set__subsidy_amount=Decimal(30000))
    return demand.reload()


def funded(make, street, amount, **kw):
    fund = make.fund(street, **kw)
    ledger.append(fund, "contribution", amount, "w", donor="区财政", channel="budget")
    return fund


def test_the_details_page_offers_the_funds_with_the_fiscal_one_selected(
    client, make, login, project
):
    named = funded(make, project.street, "5000", kind="named", name="张阿姨助学基金")
    fiscal = funded(make, project.street, "100000", name="街道财政补助资金")
    login(make.user("street_admin", street_doc=project.street))
    page = client.get(f"/admin/demand/details/?id={project.pk}").text
    select = re.search(r'<select name="fund".*?</select>', page, re.S).group(0)
    assert f'value="{fiscal.pk}" selected' in select and str(named.pk) in select
    assert "100,000.00" in select and "5,000.00" in select
    form = {"id": str(project.pk), "rev": project.rev, "action": "release_subsidy"}
    refused = client.post(
        "/admin/demand/act/", data={**form, "subsidy": "20000", "fund": str(named.pk)},
        follow_redirects=True,
    )  # fmt: skip
    assert "5,000.00" in refused.text and Demand.objects.get(pk=project.pk).status == "accepted"
    done = client.post(
        "/admin/demand/act/", data={**form, "subsidy": "20000", "fund": str(fiscal.pk)}
    )
    assert done.status_code == 302
    assert Demand.objects.get(pk=project.pk).status == "subsidised"
    assert fiscal.reload().paid == Decimal(20000) and named.reload().paid == 0


def test_a_community_worker_does_not_pay_subsidies(client, make, login, project):
    funded(make, project.street, "100000")
    login(make.user("community_worker", community_doc=project.community))
    page = client.get(f"/admin/demand/details/?id={project.pk}").text
    assert 'data-action="release_subsidy"' not in page
    form = {"id": str(project.pk), "rev": project.rev, "action": "release_subsidy"}
    assert client.post("/admin/demand/act/", data={**form, "subsidy": "100"}).status_code == 403
    assert LedgerEntry.objects(kind="disbursement").count() == 0


def test_the_api_names_the_fund_field(client, make, project):
    fiscal = funded(make, project.street, "10000")
    _token, secret = make.api_token(project.street, "demands:act")
    url = f"/api/v1/demands/{project.ticket_no}/transitions"
    headers = {"Authorization": f"Bearer {secret}"}
    body = {"action": "release_subsidy", "rev": project.rev, "subsidy": "8000"}
    unknown = client.post(url, json={**body, "fund_id": "0" * 24}, headers=headers)
    assert unknown.status_code == 400 and list(unknown.json["errors"]) == ["fund_id"]
    too_much = client.post(url, json={**body, "subsidy": "12000"}, headers=headers)
    assert too_much.status_code == 400 and list(too_much.json["errors"]) == ["subsidy"]
    paid = client.post(url, json={**body, "fund_id": str(fiscal.pk)}, headers=headers)
    assert paid.status_code == 200 and paid.json["status"] == "subsidised"
    assert fiscal.reload().paid == Decimal(8000)


def test_the_details_page_names_the_fund_that_paid(client, make, login, project):
    fiscal = funded(make, project.street, "100000", name="街道财政补助资金")
    wrong = ledger.append(fiscal, "disbursement", "500", "a", demand=project)
    ledger.reverse(wrong, "a", "账户有误")
    login(make.user("street_admin", street_doc=project.street))
    form = {"id": str(project.pk), "rev": project.rev, "action": "release_subsidy"}
    client.post("/admin/demand/act/", data={**form, "subsidy": "30000"})
    page = client.get(f"/admin/demand/details/?id={project.pk}").text
    listed = re.search(r'<ul[^>]*id="fund-payments">(.*?)</ul>', page, re.S).group(1)
    assert listed.count("<li>") == 1 and "街道财政补助资金：30,000.00 元" in listed
