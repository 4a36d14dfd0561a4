"""The documents; one per module, imported here in dependency order."""

from models.api_token import ApiToken
from models.audit_entry import AuditEntry
from models.catalogue_category import CatalogueCategory
from models.catalogue_item import CatalogueItem
from models.community import Community
from models.counter import Counter
from models.demand import Demand
from models.district import District
from models.organisation import Organisation
from models.rule_set import RuleSet
from models.service_record import ServiceRecord
from models.street import Street
from models.user import User
from models.volunteer import Volunteer

ALL_DOCUMENTS = (
    District,
    Street,
    Community,
    CatalogueCategory,
    CatalogueItem,
    Organisation,
    Volunteer,
    ServiceRecord,
    Demand,
    RuleSet,
    User,
    Counter,
    AuditEntry,
    ApiToken,
)

__all__ = [doc.__name__ for doc in ALL_DOCUMENTS] + ["ALL_DOCUMENTS"]
