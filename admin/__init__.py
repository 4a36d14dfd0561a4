"""Flask-Admin at /admin/: one Admin per app, built inside init_admin."""

from flask import Blueprint
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from admin.audit_views import AuditEntryView
from admin.bulletin_funds import funds as _bulletin_funds  # noqa: F401 (its route)
from admin.bulletin_purchase import awards as _bulletin_awards  # noqa: F401 (its route)
from admin.bulletin_views import init_bulletin
from admin.catalogue_views import CatalogueCategoryView, CatalogueItemView
from admin.dashboard import DashboardView, warm_up
from admin.demand_import_view import DemandImportView
from admin.demand_views import DemandView
from admin.error_pages import init_error_pages
from admin.export_views import ExportView
from admin.fund_motion_views import FundMotionView
from admin.fund_views import FundView
from admin.geo_views import CommunityView, DistrictView, StreetView
from admin.grid_coverage import GridCoverageView
from admin.grid_pages import init_grid_pages
from admin.grid_views import GridView, VisitView
from admin.help_views import HelpView
from admin.job_views import JobRunView
from admin.ledger_views import LedgerEntryView
from admin.org_pages import init_org_pages
from admin.outbox_views import OutboxMessageView
from admin.people_names import init_people_names
from admin.people_views import OrganisationView, VolunteerView
from admin.print_pages import DemandPrintView, init_print_pages
from admin.public_views import init_public
from admin.publish_views import ClearanceMonthView
from admin.purchase_objection_views import PurchaseObjectionView
from admin.purchase_views import (
    ApplicationView,
    PanelScoreView,
    PurchaseCallView,
    PurchaseContractView,
)
from admin.rating_publish_views import ObjectionContactView, RatingPeriodView
from admin.rating_views import StarRatingView, VolunteerStarView
from admin.receipt_pages import ReceiptView, init_receipt_pages
from admin.record_views import ServiceRecordView
from admin.report_views import ClearanceReportView, ClearanceRevisionView
from admin.resident_pages import init_resident_pages
from admin.signin_views import SigninImportView
from admin.statement_views import StatementView
from admin.system_views import RuleSetView, UserView
from admin.token_views import ApiTokenView
from admin.topic_board import init_topic_board
from admin.topic_views import TopicView, init_topic_links
from admin.volunteer_pages import init_volunteer_pages
from models import (
    ApiToken,
    Application,
    AuditEntry,
    CatalogueCategory,
    CatalogueItem,
    ClearanceMonth,
    ClearanceReport,
    ClearanceRevision,
    Community,
    Demand,
    District,
    Fund,
    FundMotion,
    Grid,
    JobRun,
    LedgerEntry,
    ObjectionContact,
    Organisation,
    OutboxMessage,
    PanelScore,
    PurchaseCall,
    PurchaseContract,
    PurchaseObjection,
    RatingPeriod,
    RuleSet,
    ServiceRecord,
    StarRating,
    Street,
    Topic,
    User,
    Visit,
    Volunteer,
    VolunteerStar,
)
from models.choices import ROLES, label
from weimin.web.i18n import TRANSLATIONS
from weimin.web.security import csp_nonce

REPORTS = _l("Reports")
FUNDS = _l("Funds")
GRIDS = _l("Grids")
PURCHASE = _l("Purchased services")
# (view class, document, menu name, category, endpoint)
VIEWS = (
    (DemandView, Demand, _l("Demands"), None, "demand"),
    (CatalogueCategoryView, CatalogueCategory, _l("Categories"), _l("Catalogue"), "category"),
    (CatalogueItemView, CatalogueItem, _l("Service items"), _l("Catalogue"), "item"),
    (OrganisationView, Organisation, _l("Organisations"), _l("People"), "organisation"),
    (VolunteerView, Volunteer, _l("Volunteers"), _l("People"), "volunteer"),
    (ServiceRecordView, ServiceRecord, _l("Service records"), _l("People"), "service_record"),
    (ClearanceReportView, ClearanceReport, _l("Clearance reports"), REPORTS, "clearance_report"),
    (ClearanceMonthView, ClearanceMonth, _l("Publishing"), REPORTS, "clearance_month"),
    (ClearanceRevisionView, ClearanceRevision, _l("Revisions"), REPORTS, "clearance_revision"),
    (StarRatingView, StarRating, _l("Star ratings"), REPORTS, "star_rating"),
    (RatingPeriodView, RatingPeriod, _l("Rating publishing"), REPORTS, "rating_period"),
    (
        ObjectionContactView,
        ObjectionContact,
        _l("Objection contacts"),
        REPORTS,
        "objection_contact",
    ),
    (VolunteerStarView, VolunteerStar, _l("Volunteer stars"), REPORTS, "volunteer_star"),
    (FundView, Fund, _l("Fund list"), FUNDS, "fund"),
    (LedgerEntryView, LedgerEntry, _l("Fund ledger"), FUNDS, "ledger_entry"),
    (FundMotionView, FundMotion, _l("Board motions"), FUNDS, "fund_motion"),
    (TopicView, Topic, _l("Topics"), _l("Deliberation"), "topic"),
    (JobRunView, JobRun, _l("Recalculation jobs"), REPORTS, "job_run"),
    (GridView, Grid, _l("Grid list"), GRIDS, "grid"),
    (VisitView, Visit, _l("Visit logs"), GRIDS, "visit"),
    (DistrictView, District, _l("Districts"), _l("Areas"), "district"),
    (StreetView, Street, _l("Streets"), _l("Areas"), "street"),
    (CommunityView, Community, _l("Communities"), _l("Areas"), "community"),
    (RuleSetView, RuleSet, _l("Rule sets"), _l("System"), "rule_set"),
    (UserView, User, _l("Users"), _l("System"), "user"),
    (ApiTokenView, ApiToken, _l("API tokens"), _l("System"), "api_token"),
    (AuditEntryView, AuditEntry, _l("Audit trail"), _l("System"), "audit"),
    (OutboxMessageView, OutboxMessage, _l("Outbox"), _l("System"), "outbox"),
    (PurchaseCallView, PurchaseCall, _l("Calls"), PURCHASE, "purchase_call"),
    (ApplicationView, Application, _l("Applications"), PURCHASE, "application"),
    (PanelScoreView, PanelScore, _l("Panel scores"), PURCHASE, "panel_score"),
    (PurchaseContractView, PurchaseContract, _l("Contracts"), PURCHASE, "purchase_contract"),
    (PurchaseObjectionView, PurchaseObjection, _l("Objections"), PURCHASE, "purchase_objection"),
)


def init_admin(app):
    """Build this app's Admin with every view, the theme and our templates."""
    # Our templates (master, dashboard) come before Flask-Admin's own.
    app.register_blueprint(Blueprint("admin_templates", __name__, template_folder="templates"))
    admin = Admin(
        app,
        name=_l("Micro-livelihood Services"),
        url="/admin",
        index_view=DashboardView(name=_l("Home"), url="/admin"),
        theme=Bootstrap4Theme(base_template="weimin_master.html", swatch="cerulean", fluid=True),
        csp_nonce_generator=csp_nonce,
        translations_path=str(TRANSLATIONS),  # admin.mo: what Flask-Admin's own catalogue lacks
    )
    for view_cls, doc, name, category, endpoint in VIEWS:
        admin.add_view(view_cls(doc, name=name, category=category, endpoint=endpoint))
    admin.add_view(DemandImportView(_l("Bulk import"), None, "demand_import"))
    admin.add_view(ExportView(_l("Exports"), REPORTS, "exports"))
    admin.add_view(SigninImportView(_l("Import sign-in sheet"), _l("People"), "signin_import"))
    admin.add_view(HelpView(_l("Help"), None, "help"))
    admin.add_view(StatementView(_l("Fund statements"), _l("Funds"), "fund_statement"))
    admin.add_view(ReceiptView(_l("Donation receipt"), None, "fund_receipt", "/admin/fund/receipt"))
    admin.add_view(DemandPrintView(_l("Print"), None, "demand_print", "/admin/demand/print"))
    admin.add_view(GridCoverageView(_l("Visit coverage"), GRIDS, "grid_coverage"))
    init_volunteer_pages(app)
    init_grid_pages(app)
    init_org_pages(app)

    @app.context_processor
    def role_labels():
        return {"role_label": lambda code: label(ROLES, code)}

    init_public(app)
    init_bulletin(app)
    init_receipt_pages(app)
    init_resident_pages(app)
    init_print_pages(app)
    init_error_pages(app)
    init_people_names(app)
    init_topic_links(app)
    init_topic_board(app)
    app.extensions["weimin_admin"] = admin
    if app.extensions.get("demo_seeded"):  # seeded before the app: warm up now
        warm_up(app)
    return admin
