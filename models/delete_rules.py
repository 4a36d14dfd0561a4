"""What deleting a referenced record does, for every reference in the model, in one table.

DENY: the referring records are history (demands, service hours, reports, ratings) or the
record's place in the structure (a community's street): deleting is refused and the refusal
counts them; records with an `active` flag are retired instead and stay on old records.
CASCADE: the referring record is part of the deleted one (an item's versions, a volunteer's
self-service sign-in and star level, a user's export files).
PULL: a list that grants something ends with its target (an organisation's leaders).

Every delete, whatever path it takes (admin, bulk action, code), passes `refuse_if_referenced`;
mongoengine then applies the cascades and pulls.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine import CASCADE, DENY, PULL, ValidationError, signals
from mongoengine.errors import NotRegistered

from models.api_token import ApiToken
from models.application import Application
from models.catalogue_category import CatalogueCategory
from models.catalogue_item import CatalogueItem
from models.catalogue_item_version import CatalogueItemVersion
from models.certificate import Certificate
from models.clearance_month import ClearanceMonth
from models.clearance_report import ClearanceReport
from models.clearance_revision import ClearanceRevision
from models.community import Community
from models.demand import Demand
from models.export_job import ExportJob
from models.fund import Fund
from models.fund_motion import FundMotion
from models.grid import Grid
from models.job_run import JobRun
from models.ledger_entry import LedgerEntry
from models.objection_contact import ObjectionContact
from models.organisation import Organisation
from models.panel_score import PanelScore
from models.purchase_call import PurchaseCall
from models.purchase_contract import PurchaseContract
from models.purchase_objection import PurchaseObjection
from models.rating_period import RatingPeriod
from models.rule_set import RuleSet
from models.service_record import ServiceRecord
from models.star_rating import StarRating
from models.street import Street
from models.topic import Topic
from models.topic_support import TopicSupport
from models.user import User
from models.visit import Visit
from models.volunteer import Volunteer
from models.volunteer_star import VolunteerStar

# referring document -> {field: rule}; tests/store/test_delete_rules.py checks that every
# reference field of every document is listed here.
RULES = {
    Street: {"district": DENY},
    Community: {"street": DENY},
    CatalogueCategory: {"street": DENY},
    CatalogueItem: {"category": DENY, "street": DENY, "template": DENY},
    CatalogueItemVersion: {"item": CASCADE},
    Organisation: {"categories": DENY, "street": DENY, "community": DENY, "leaders": PULL},
    Volunteer: {"street": DENY, "community": DENY, "service_categories": DENY, "teams": DENY},
    ServiceRecord: dict.fromkeys(("volunteer", "organisation", "street", "community", "demand"),
                                 DENY),
    Certificate: {"volunteer": DENY},
    Demand: dict.fromkeys(("item", "category", "street", "community", "assigned_org",
                           "assigned_volunteer", "duplicate_of", "follow_up",
                           "follow_up_of", "grid", "visit"), DENY),
    RuleSet: {"street": DENY},
    User: {"street": DENY, "community": DENY, "volunteer": CASCADE, "grid": DENY,
           "organisation": DENY},
    ApiToken: {"street": DENY},
    ClearanceMonth: {"street": DENY},
    ClearanceReport: {"street": DENY, "community": DENY},
    ClearanceRevision: {"street": DENY, "community": DENY},
    StarRating: {"organisation": DENY, "community": DENY, "street": DENY, "rule_set": DENY},
    RatingPeriod: {"street": DENY},
    ObjectionContact: {"street": CASCADE},
    VolunteerStar: {"volunteer": CASCADE, "street": DENY, "community": DENY},
    JobRun: {"street": DENY},
    ExportJob: {"owner": CASCADE},
    # Money history: a fund, its entries and the board's motions outlive everything they name.
    Fund: {"street": DENY, "community": DENY, "allowed_categories": DENY},
    LedgerEntry: dict.fromkeys(("fund", "street", "community", "demand", "pledge", "allocation",
                                "motion", "reverses"), DENY),
    FundMotion: dict.fromkeys(("fund", "street", "community", "demand", "allocation"), DENY),
    # A topic is the record of a community's deliberation: it outlives what it names.
    Topic: dict.fromkeys(("street", "community", "demand", "visit", "grid", "demands"), DENY),
    TopicSupport: {"topic": CASCADE},
    Grid: {"street": DENY, "community": DENY},
    Visit: dict.fromkeys(("street", "community", "grid", "worker", "demand"), DENY),
    # Purchased services: calls, bids, scores and contracts are the record of public money.
    PurchaseCall: dict.fromkeys(("street", "category", "item", "communities", "demands",
                                 "topics", "panel"), DENY),
    Application: dict.fromkeys(("call", "organisation", "street"), DENY),
    PanelScore: dict.fromkeys(("call", "application", "member", "street"), DENY),
    PurchaseContract: dict.fromkeys(("call", "application", "organisation", "street", "demand"),
                                    DENY),
    PurchaseObjection: dict.fromkeys(("call", "street", "organisation"), DENY),
}  # fmt: skip

# How a refusal counts the referring records, and names the record it protects.
COUNTED = {
    "Street": _l("%(n)d streets"),
    "Community": _l("%(n)d communities"),
    "CatalogueCategory": _l("%(n)d categories"),
    "CatalogueItem": _l("%(n)d service items"),
    "Organisation": _l("%(n)d organisations"),
    "Volunteer": _l("%(n)d volunteers"),
    "ServiceRecord": _l("%(n)d service records"),
    "Certificate": _l("%(n)d certificates"),
    "Demand": _l("%(n)d demands"),
    "RuleSet": _l("%(n)d rule sets"),
    "User": _l("%(n)d user accounts"),
    "ApiToken": _l("%(n)d API tokens"),
    "ClearanceMonth": _l("%(n)d published or draft months"),
    "ClearanceReport": _l("%(n)d clearance reports"),
    "ClearanceRevision": _l("%(n)d archived report revisions"),
    "StarRating": _l("%(n)d star ratings"),
    "RatingPeriod": _l("%(n)d published or draft rating periods"),
    "VolunteerStar": _l("%(n)d volunteer star levels"),
    "JobRun": _l("%(n)d job runs"),
    "Fund": _l("%(n)d funds"),
    "LedgerEntry": _l("%(n)d fund ledger entries"),
    "FundMotion": _l("%(n)d decision-board motions"),
    "Topic": _l("%(n)d deliberation topics"),
    "Grid": _l("%(n)d grids"),
    "Visit": _l("%(n)d visit log entries"),
    "PurchaseCall": _l("%(n)d calls for purchased services"),
    "Application": _l("%(n)d applications"),
    "PanelScore": _l("%(n)d panel scores"),
    "PurchaseContract": _l("%(n)d service contracts"),
    "PurchaseObjection": _l("%(n)d objections to awards"),
}
NAMED = {
    "District": _l("district"),
    "Street": _l("street"),
    "Community": _l("community"),
    "CatalogueCategory": _l("category"),
    "CatalogueItem": _l("service item"),
    "Organisation": _l("organisation"),
    "Volunteer": _l("volunteer"),
    "RuleSet": _l("rule set"),
    "Demand": _l("demand"),
    "Fund": _l("fund"),
    "LedgerEntry": _l("ledger entry"),
    "Grid": _l("grid"),
    "Topic": _l("deliberation topic"),
    "PurchaseCall": _l("call"),
    "Application": _l("application"),
    "User": _l("user account"),
}


class StillReferenced(ValidationError):
    """Deleting was refused: other records refer to this one. The message says which."""


def referrers(doc):
    """(referring document, field, count) of every DENY reference still pointing at `doc`."""
    found = []
    for (referrer, field), rule in (type(doc)._meta.get("delete_rules") or {}).items():
        if rule == DENY:
            count = referrer.objects(**{field: doc.pk}).count()
            if count:
                found.append((referrer, field, count))
    return found


def refusal(doc, found):
    """The message refusing to delete `doc`: what refers to it and what to do instead."""
    counts = {}
    for referrer, _field, count in found:
        counts[referrer.__name__] = counts.get(referrer.__name__, 0) + count
    refs = _(", ").join(str(COUNTED[name]) % {"n": n} for name, n in counts.items())
    values = {"refs": refs, "thing": NAMED.get(type(doc).__name__, ""), "name": str(doc)}
    if "active" in type(doc)._fields:
        return _(
            "%(refs)s still refer to the %(thing)s “%(name)s”, so it cannot be deleted; "
            "retire it instead (select it and choose Retire, or untick Active): it stays on "
            "those records but is no longer offered for new ones.",
            **values,
        )
    return _("%(refs)s still refer to the %(thing)s “%(name)s”, so it cannot be deleted.", **values)


def refuse_if_referenced(sender, document, **kwargs):
    """pre_delete: refuse, with the counts, to delete a record history still refers to."""
    found = referrers(document)
    if found:
        raise StillReferenced(refusal(document, found))


def register():
    """Hand the table to mongoengine and check every delete of a referenced document."""
    for referrer, fields in RULES.items():
        for field, rule in fields.items():
            definition = referrer._fields[field]
            try:
                target = getattr(definition, "field", definition).document_type
            except NotRegistered:  # a reference by name to a document not in this build
                continue
            target.register_delete_rule(referrer, field, rule)
            if rule == DENY:
                signals.pre_delete.connect(refuse_if_referenced, sender=target)
