"""Saving purchase records: audited as what was done (publish, award, score …), not a bare edit."""

from flask_babel import gettext as _
from mongoengine.errors import SaveConditionError

from weimin.demands.errors import TransitionError
from weimin.store import audit
from weimin.store.db import conditional_write


def save(document, what, condition=None):
    """Save `document`; the audit entry says `what` was done (its summary).

    With `condition` (e.g. {"status": "awarded"}) the save happens only if the stored record
    still matches it: of two people (or workers) taking the same step at once, one does it and
    the other is told (TransitionError), and nothing is written twice.
    """
    action = "publish" if what == "publish" else "update"
    with audit.as_action(action, summary=what):
        if condition is None:
            document.save()
            return document
        try:
            with conditional_write():
                document.save(save_condition=condition)
        except SaveConditionError:
            raise TransitionError(
                _("Someone else has just changed this record; open it again.")
            ) from None
    return document
