"""Saving purchase records: audited as what was done (publish, award, score …), not a bare edit."""

from weimin.store import audit


def save(document, what):
    """Save `document`; the audit entry says `what` was done (its summary)."""
    action = "publish" if what == "publish" else "update"
    with audit.as_action(action, summary=what):
        document.save()
    return document
