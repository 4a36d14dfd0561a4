"""A street with funds for the disclosure tests: public and private donors, a payment for a
project, a reversed contribution."""

from weimin.funds import ledger


def build(make):
    """A street with a street-level fiscal fund and a community's named fund; public and
    private donors, a payment for a project, a reversed contribution."""
    street = make.street(code="JD18", name="镇海街道")
    community = make.community(street, name="招宝社区")
    project = make.demand(community, make.item("project", street_doc=street),
                          resident_name="孙悄悄", resident_phone="13512345678")  # fmt: skip
    fiscal = make.fund(street, name="街道财政保障金")
    named = make.fund(street, kind="named", community_doc=community, name="海天助学基金",
                      sponsor="海天商行")  # fmt: skip
    ledger.append(fiscal, "contribution", "50000", "w", donor="区财政局", channel="budget")
    public = ledger.append(named, "contribution", "1200.50", "w", donor="海天商行",
                           donor_public=True, channel="bank")  # fmt: skip
    private = ledger.append(named, "contribution", "300", "w", donor="钱多多", channel="cash")
    mistaken = ledger.append(named, "contribution", "88", "w", donor="赵小六", channel="wechat")
    ledger.reverse(mistaken, "a", note="重复录入")
    allocation = ledger.append(fiscal, "allocation", "20000", "a", demand=project)
    ledger.append(fiscal, "disbursement", "15000", "a", allocation=allocation)
    return {"street": street, "community": community, "project": project, "fiscal": fiscal,
            "named": named, "public": public, "private": private, "mistaken": mistaken}  # fmt: skip
