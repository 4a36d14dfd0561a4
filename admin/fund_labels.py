"""Labels of the funds' lists, forms and pages (translated at render time)."""

from flask_babel import lazy_gettext as _l

from admin.labels import LABELS

FIGURES = {
    "available": _l("Available (可用余额)"),
    "earmarked": _l("Allocated, not yet paid"),
    "paid": _l("Paid out"),
    "balance": _l("Money held (结余)"),
}

FUND_LABELS = {
    **LABELS,
    "kind": _l("Fund type"),
    "name": _l("Fund name"),
    "sponsor": _l("Sponsor"),
    "sponsor_kind": _l("Sponsor type"),
    "sponsor_public": _l("Sponsor agreed to be named"),
    "purpose": _l("Purpose of the fund"),
    "restriction": _l("Restriction on use"),
    "allowed_kinds": _l("Demand kinds it may pay for"),
    "allowed_categories": _l("Service categories it may pay for"),
    "board": _l("Decision board (决议团) members"),
    "name_member": _l("Member's name"),
    "party": _l("Represents (居民代表, 捐赠人代表 …)"),
    "quorum": _l("Quorum"),
    "majority": _l("Majority needed"),
    "vote_threshold": _l("Allocations above this amount need a vote (yuan)"),
    "status": _l("Fund status"),
    "received": _l("Received in total"),
    "allocated": _l("Allocated in total"),
    "paid_allocated": _l("Paid against allocations"),
    "paid_outside": _l("Paid outside allocations"),
    "seq": _l("Ledger entries"),
    **FIGURES,
}

LEDGER_LABELS = {
    **LABELS,
    "fund": _l("Fund"),
    "seq": _l("Entry number"),
    "kind": _l("Entry type"),
    "amount": _l("Amount (yuan)"),
    "value_date": _l("Date of the entry"),
    "recorded_at": _l("Recorded at"),
    "recorded_by": _l("Recorded by"),
    "donor": _l("Donor"),
    "donor_kind": _l("Donor type"),
    "donor_public": _l("Donor agreed to be named"),
    "channel": _l("How the money came"),
    "receipt_no": _l("Receipt or transfer number"),
    "code": _l("Verification code"),
    "pledge_year": _l("Pledge year"),
    "pledge": _l("Pledge paid"),
    "purpose": _l("What it is for"),
    "allocation": _l("Against allocation"),
    "motion": _l("Board motion"),
    "reverses": _l("Entry reversed"),
    "note": _l("Note"),
    "key": _l("Request key"),
}
REVERSE_LINK = _l("Reverse it (冲正)")
