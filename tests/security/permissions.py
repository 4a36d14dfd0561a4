"""The product's access rules, written out by hand from the brief — not read from the code.

Letters: L list, V details, C create, E edit, D delete, X export (a spreadsheet of the list).
"""

ROLES = ("district_admin", "street_admin", "community_worker", "volunteer", "supervisor")

# fmt: off
#                        district   street    community  volunteer supervisor
VIEWS = {
    "demand":             ("LVCEX",  "LVCEX",  "LVCE",   "",       "LVX"),
    "category":           ("LVCED",  "LVCED",  "LV",     "",       "LV"),
    "item":               ("LVCED",  "LVCED",  "LV",     "",       "LV"),
    "organisation":       ("LVCED",  "LVCED",  "LVCE",   "",       "LV"),
    "volunteer":          ("LVCEDX", "LVCEDX", "LVCE",   "",       "LVX"),
    "service_record":     ("LVCED",  "LVCED",  "LVCE",   "",       "LV"),
    "clearance_report":   ("LVX",    "LVX",    "LV",     "",       "LVX"),
    "clearance_month":    ("LV",     "LV",     "LV",     "",       "LV"),
    "clearance_revision": ("LVX",    "LVX",    "LV",     "",       "LVX"),
    "star_rating":        ("LVX",    "LVX",    "LV",     "",       "LVX"),
    "rating_period":      ("LV",     "LV",     "LV",     "",       "LV"),
    "objection_contact":  ("LVCED",  "LVCE",   "",       "",       "LV"),
    "volunteer_star":     ("LV",     "LV",     "LV",     "",       "LV"),
    "job_run":            ("LVC",    "LVC",    "",       "",       "LV"),
    "district":           ("LVCED",  "",       "",       "",       "LV"),
    "street":             ("LVCED",  "LV",     "LV",     "",       "LV"),
    "community":          ("LVCED",  "LVCE",   "LV",     "",       "LV"),
    "rule_set":           ("LVCD",   "LV",     "",       "",       "LV"),
    "user":               ("LVCED",  "",       "",       "",       ""),
    "api_token":          ("LVCED",  "LVCED",  "",       "",       ""),
    "audit":              ("LVX",    "LVX",    "",       "",       "LVX"),
    "fund_motion":        ("LVCE",   "LVCE",   "LVCE",   "",       "LV"),
    # Funds are closed, never deleted; their ledger is written from a fund's page only.
    "fund":               ("LVCEX",  "LVCEX",  "LV",     "",       "LVX"),
    "ledger_entry":       ("LVX",    "LVX",    "LV",     "",       "LVX"),
    # The outbox: read-only lists; staff send a failed message again (outbox.retry_view).
    "outbox":             ("LV",     "LV",     "LV",     "",       "LV"),
    # Deliberation topics: staff run them in their scope, supervisors read; never deleted.
    "topic":              ("LVCE",   "LVCE",   "LVCE",   "",       "LV"),
    # Grids: kept by the street and district; visit logs are written on /grid/, read here.
    "grid":               ("LVCED",  "LVCED",  "LV",     "",       "LV"),
    "visit":              ("LVX",    "LVX",    "LV",     "",       "LVX"),
    # Purchased services: the street drafts calls; applications come from /org/ or a call's
    # page; scores from the panel's page; contracts from final awards (all read-only lists).
    "purchase_call":      ("LVCEX",  "LVCEX",  "LV",     "",       "LVX"),
    "application":        ("LVX",    "LVX",    "LV",     "",       "LVX"),
    "panel_score":        ("LVX",    "LVX",    "",       "",       "LVX"),
    "purchase_contract":  ("LVX",    "LVX",    "LV",     "",       "LVX"),
    # Objections are taken in on a call's page or /org/ and answered on the call's page.
    "purchase_objection": ("LVX",    "LVX",    "LV",     "",       "LVX"),
}
# Pages that are not model lists: the status a GET answers per role (anonymous: sign in).
PAGES = {
    "/admin/":                        (200, 200, 200, 302, 200),  # volunteers go to /me/
    "/admin/clearance_report/board/": (200, 200, 200, 403, 200),
    "/admin/demand_import/":          (200, 200, 200, 403, 403),
    "/admin/signin_import/":          (200, 200, 200, 403, 403),
    "/admin/exports/":                (200, 200, 200, 403, 200),
    "/admin/job_run/":                (200, 200, 403, 403, 200),
    "/me/":                           (403, 403, 403, 200, 403),
    "/admin/help/":                   (200, 200, 200, 302, 200),  # volunteers: /me/help
    "/me/help":                       (403, 403, 403, 200, 403),
    # Fund statements: everyone who reads funds; a receipt is opened by its entry (index: 404).
    "/admin/fund_statement/":         (200, 200, 200, 403, 200),
    "/admin/fund/receipt/":           (404, 404, 404, 403, 403),
    # A demand's papers are opened by the demand's id (index: 404); supervisors print none.
    "/admin/demand/print/":           (404, 404, 404, 403, 403),
    # Visit coverage per grid and month; the grid worker's phone pages (community workers).
    "/admin/grid_coverage/":          (200, 200, 200, 403, 200),
    "/grid/":                         (403, 403, 200, 403, 403),
}
# Who prints a demand's receipt and work order (in their scope): the staff at the counter.
PRINTERS = {"district_admin", "street_admin", "community_worker"}
# Publishing a street's month (from its board) and the list actions beyond delete.
PUBLISH = {"district_admin": True, "street_admin": True}
DECIDE_HOURS = {"district_admin", "street_admin", "community_worker"}
# A crowdfunded fund's board: staff record meetings and decisions; the street and district
# admins enter a passed allocation in the ledger.
BOARD_KEEPERS = {"district_admin", "street_admin", "community_worker"}
ALLOCATORS = {"district_admin", "street_admin"}
# Purchased services: who runs a call's life (publish … award) and records acceptance; who
# enters applications for organisations; who reads a call's scores as XLSX.
CALL_DECIDERS = {"district_admin", "street_admin"}
CALL_SCORE_EXPORTERS = {"district_admin", "street_admin", "supervisor"}
# Ledger entries each role writes from a fund's page: money in (捐入, 认捐) is recorded by the
# community workers too; allocations, payments and reversals are the admins'.
LEDGER = {"contribution": {"district_admin", "street_admin", "community_worker"},
          "pledge": {"district_admin", "street_admin", "community_worker"},
          "allocation": {"district_admin", "street_admin"},
          "disbursement": {"district_admin", "street_admin"},
          "reversal": {"district_admin", "street_admin"}}
# Whose unpublished (draft) figures each role sees (report list, its export, the clearance
# export, the home page's trend): those who publish them, and a community worker their own
# community's — made of the demands the worker handles anyway.
DRAFTS = {"district_admin": "every street", "street_admin": "own street",
          "community_worker": "own community"}
# Whose drafts each role sees whole, as comparisons (ranking board, red and black lists, the
# street's roll-up): only those who may publish them.
RANKING_DRAFTS = {"district_admin": "every street", "street_admin": "own street"}
# The JSON API: token scope each route needs (None: public, no personal data).
API = {
    ("GET", "/api/v1/health"): None,
    ("GET", "/api/v1/openapi.json"): None,
    ("GET", "/api/v1/demands/<ticket>"): None,
    ("GET", "/api/v1/catalogue/items"): "catalogue:read",
    ("GET", "/api/v1/catalogue/items/<code>"): "catalogue:read",
    ("POST", "/api/v1/demands"): "demands:create",
    ("POST", "/api/v1/demands/<ticket>/transitions"): "demands:act",
}
# fmt: on


def may(endpoint, role, letter):
    """True when the table lets `role` take the action `letter` on the list `endpoint`."""
    return letter in VIEWS[endpoint][ROLES.index(role)]
