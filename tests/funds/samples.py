"""A fund with a ledger of every kind of entry, for page walks and list tests."""

from datetime import date

from models import Demand, Fund
from models.base import local_today
from weimin.funds import ledger


def fund_with_entries(community, name="爱心商户冠名基金"):
    """A named fund of `community`: a past year's pledge left unpaid, contributions (one donor
    named, one not), an allocation to an open 微项目 with a payment, and a reversal."""
    today = local_today()
    fund = Fund(street=community.street, community=community, kind="named", name=name,
                sponsor="宁波爱心超市", sponsor_kind="unit", purpose="助老助困").save()  # fmt: skip
    last_year = date(today.year - 1, 3, 1)
    ledger.append(fund, "pledge", "2000", "seed", last_year, donor="宁波爱心超市",
                  donor_kind="unit", donor_public=True, pledge_year=today.year - 1)  # fmt: skip
    ledger.append(fund, "contribution", "5000", "seed", today, donor="宁波爱心超市",
                  donor_kind="unit", donor_public=True, channel="bank",
                  receipt_no="B-1")  # fmt: skip
    mistake = ledger.append(fund, "contribution", "300", "seed", today, donor="张三丰",
                            donor_kind="resident", channel="cash")  # fmt: skip
    ledger.reverse(mistake, "seed", "金额录错")
    project = Demand.objects(community=community.pk, kind__in=("project", "wish"),
                             status__nin=("completed", "voided", "merged", "rejected",
                                          "evaluated", "closed")).first()  # fmt: skip
    if project is not None:
        allocation = ledger.append(fund, "allocation", "1000", "seed", today, demand=project)
        ledger.append(fund, "disbursement", "400", "seed", today, allocation=allocation,
                      demand=project)  # fmt: skip
    return fund
