"""Give every accepted 微项目 the instant its acceptance passed (accepted_at).

Ratings count projects accepted at 验收 by the instant acceptance passed (RULES.md, "Projects
accepted at 验收"), which the "pass" action now stores in Demand.accepted_at. Projects that
passed before that field existed have no accepted_at, though their timeline holds the step.
This sets accepted_at to the `at` of that step — the last "pass" step if there are several, as
the field keeps the latest acceptance. Projects without a "pass" step and every other kind are
left alone. Idempotent: a project with accepted_at is not matched again, and each update is
conditional on accepted_at still being empty.
"""

from models import Demand
from weimin.store.batches import batches, update_each
from weimin.store.migrations import Migration

QUERY = {"kind": "project", "accepted_at": None, "timeline.action": "pass"}
PROJECTION = {"timeline.action": 1, "timeline.at": 1}


def accepted_at(doc):
    """The `at` of the last "pass" step of a timeline, or None."""
    passes = [s.get("at") for s in doc.get("timeline") or [] if s.get("action") == "pass"]
    return next((at for at in reversed(passes) if at is not None), None)


def run(progress):
    """Set accepted_at on the projects that passed acceptance before it was kept."""
    collection = Demand._get_collection()
    for batch in batches(collection, QUERY, PROJECTION):
        found = [(doc["_id"], accepted_at(doc)) for doc in batch]
        updates = [
            ({"_id": pk, "accepted_at": None}, {"$set": {"accepted_at": at}})
            for pk, at in found
            if at is not None
        ]
        progress.add(scanned=len(batch), filled=update_each(collection, updates))


MIGRATION = Migration("0002", "acceptance instants", __doc__, run)
