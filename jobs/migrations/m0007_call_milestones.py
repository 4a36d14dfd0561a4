"""Give every stored call for purchased services its payment milestones.

A call now sets its own milestones (name and share in percent, adding up to 100). Contracts
used to be split 30 % when the project starts and 70 % after acceptance for every call; calls
stored before get exactly that plan written on them, so that they validate when they are
closed, reviewed or awarded, and their exports and pages show the plan they are paid by.
Contracts already made keep their milestones and amounts. Idempotent: a call with milestones
is not matched again.
"""

from flask import current_app
from flask_babel import force_locale

from models import PurchaseCall
from models.purchase_call import default_milestones
from weimin.store.migrations import Migration

QUERY = {"$or": [{"milestones": {"$exists": False}}, {"milestones": []}]}


def run(progress):
    """Write the 30/70 plan on the calls stored without milestones."""
    with force_locale(current_app.config["DEFAULT_LOCALE"]):  # names as the UI's language
        plan = [m.to_mongo().to_dict() for m in default_milestones()]
    result = PurchaseCall._get_collection().update_many(QUERY, {"$set": {"milestones": plan}})
    progress.add(filled=result.modified_count)


MIGRATION = Migration("0007", "call milestones", __doc__, run)
