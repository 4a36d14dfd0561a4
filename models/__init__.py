"""The documents; one per module, imported here in dependency order, with their delete rules."""

from models.api_token import ApiToken
from models.application import Application
from models.audit_entry import AuditEntry
from models.catalogue_category import CatalogueCategory
from models.catalogue_item import CatalogueItem
from models.catalogue_item_version import CatalogueItemVersion
from models.certificate import Certificate
from models.clearance_month import ClearanceMonth
from models.clearance_report import ClearanceReport
from models.clearance_revision import ClearanceRevision
from models.community import Community
from models.counter import Counter
from models.delete_rules import register as register_delete_rules
from models.demand import Demand
from models.district import District
from models.export_job import ExportJob
from models.fund import Fund
from models.fund_motion import FundMotion
from models.grid import Grid
from models.job_run import JobRun
from models.ledger_entry import LedgerEntry
from models.migration_lock import MigrationLock
from models.migration_record import MigrationRecord
from models.objection_contact import ObjectionContact
from models.organisation import Organisation
from models.outbox_message import OutboxMessage
from models.panel_score import PanelScore
from models.purchase_call import PurchaseCall
from models.purchase_contract import PurchaseContract
from models.purchase_objection import PurchaseObjection
from models.rating_period import RatingPeriod
from models.rule_set import RuleSet
from models.service_record import ServiceRecord
from models.sign_in_failure import SignInFailure
from models.star_rating import StarRating
from models.street import Street
from models.topic import Topic
from models.topic_support import TopicSupport
from models.user import User
from models.visit import Visit
from models.volunteer import Volunteer
from models.volunteer_star import VolunteerStar

ALL_DOCUMENTS = (
    District,
    Street,
    Community,
    Grid,
    CatalogueCategory,
    CatalogueItem,
    CatalogueItemVersion,
    Organisation,
    Volunteer,
    ServiceRecord,
    Certificate,
    Demand,
    Visit,
    Fund,
    LedgerEntry,
    FundMotion,
    Topic,
    TopicSupport,
    RuleSet,
    User,
    Counter,
    AuditEntry,
    ApiToken,
    ClearanceMonth,
    ClearanceReport,
    ClearanceRevision,
    StarRating,
    RatingPeriod,
    ObjectionContact,
    VolunteerStar,
    JobRun,
    ExportJob,
    MigrationRecord,
    MigrationLock,
    SignInFailure,
    OutboxMessage,
    PurchaseCall,
    Application,
    PanelScore,
    PurchaseContract,
    PurchaseObjection,
)

register_delete_rules()

__all__ = [doc.__name__ for doc in ALL_DOCUMENTS] + ["ALL_DOCUMENTS"]
