"""`flask jobs funds-check`: figures that disagree with the ledger are found and repaired."""

from decimal import Decimal

from bson import Decimal128

from jobs.cli import jobs_cli
from jobs.funds_check import check_funds
from models import Fund
from weimin.funds import ledger


def test_check_finds_and_repairs_wrong_running_figures(app, make):
    good, bad = make.fund(), make.fund()
    for fund in (good, bad):
        ledger.append(fund, "contribution", "300", "w", donor="王五", channel="cash")
    Fund._get_collection().update_one({"_id": bad.pk}, {"$set": {"received": Decimal128("1")}})
    runner = app.test_cli_runner()
    found = runner.invoke(jobs_cli, ["funds-check"])
    assert found.exit_code == 1 and str(bad.pk) in found.output and str(good.pk) not in found.output
    assert runner.invoke(jobs_cli, ["funds-check", "--repair"]).exit_code == 0
    assert Fund.objects.get(pk=bad.pk).received == Decimal(300)
    assert check_funds() == []


def test_check_finds_a_fund_whose_figures_lag_its_ledger(app, make):
    fund = make.fund()
    ledger.append(fund, "contribution", "300", "w", donor="王五", channel="cash")
    Fund._get_collection().update_one(
        {"_id": fund.pk}, {"$set": {"seq": 0, "received": Decimal128("0")}}
    )
    assert [f.pk for f, _k, _l in check_funds(repair=True)] == [fund.pk]
    assert check_funds() == []
