"""Check every fund's running figures against its ledger (the ledger is the truth)."""

from models import Fund
from weimin.funds import ledger


def check_funds(repair=False):
    """[(fund, running Figures, ledger Figures)] of the funds whose figures disagree with (or
    lag behind) their whole ledger.

    With `repair`, each such fund's running figures are set from its ledger; the ledger is
    never changed. A fund whose last writer stopped between its two steps is repaired by the
    next entry anyway; this finds the rest.
    """
    wrong = []
    for fund in Fund.objects.only("id", "name").order_by("id"):
        kept, seq = ledger.running(fund.pk)
        from_ledger, last, _left = ledger.replay(ledger.entries(fund.pk))
        if kept != from_ledger or seq != last:
            wrong.append((fund, kept, from_ledger))
            if repair:
                ledger.repair(fund.pk)
    return wrong
