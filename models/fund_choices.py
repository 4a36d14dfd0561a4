"""Coded choices of the community funds (微基金 "1+X"); labels are translatable."""

from flask_babel import lazy_gettext as _l

FUND_KINDS = (
    ("fiscal", _l("Fiscal subsidy fund")),
    ("named", _l("Named charity fund")),
    ("crowd", _l("Crowdfunded community fund")),
)

FUND_STATUSES = (
    ("open", _l("Open")),
    ("frozen", _l("Frozen")),
    ("closed", _l("Closed down")),
)

SPONSOR_KINDS = (
    ("government", _l("Government")),
    ("resident", _l("A resident")),
    ("unit", _l("Resident unit / enterprise")),
    ("organisation", _l("Social organisation")),
    ("mixed", _l("Residents, units and donors")),
)

# The kinds of ledger entry. Pledges promise money and move no balance; a reversal undoes
# one earlier entry (the ledger is never edited).
ENTRY_KINDS = (
    ("contribution", _l("Contribution")),
    ("pledge", _l("Pledge")),
    ("allocation", _l("Allocation")),
    ("disbursement", _l("Disbursement")),
    ("reversal", _l("Reversal")),
)

MONEY_CHANNELS = (
    ("budget", _l("Fiscal transfer")),
    ("bank", _l("Bank transfer")),
    ("wechat", _l("WeChat Pay")),
    ("alipay", _l("Alipay")),
    ("cash", _l("Cash")),
    ("other", _l("Other")),
)

MOTION_KINDS = (
    ("rule", _l("Allocation rule")),
    ("allocation", _l("Allocation")),
)

MOTION_STATUSES = (
    ("open", _l("Awaiting the vote")),
    ("passed", _l("Passed")),
    ("rejected", _l("Voted down")),
    ("executed", _l("Allocated")),
)

VOTE_CHOICES = (
    ("yes", _l("For")),
    ("no", _l("Against")),
    ("abstain", _l("Abstain")),
)

# A share of the board: a quorum of members voting, a majority of the votes cast.
SHARES = (
    ("half", _l("More than half")),
    ("two_thirds", _l("At least two thirds")),
)
