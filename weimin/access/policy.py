"""Who may do what: the one role × resource × action table of the back office.

A resource is an admin list (named by its endpoint), a page (dashboard, exports, imports) or a
figure. Nothing else in the code compares role names; it asks `may(user, resource, action)`.
"""

READ, CREATE, EDIT, DELETE, EXPORT = "read", "create", "edit", "delete", "export"
PUBLISH, DECIDE, ADOPT, CLAIM = "publish", "decide", "adopt", "claim"
VOID, SUPERVISE = "void", "supervise"
# Fund ledgers: recording money in (contributions, pledges) is a community worker's job;
# earmarking and paying money out, and reversing entries, are the street admin's.
RECORD, ALLOCATE, REVERSE = "record", "allocate", "reverse"
RETRY = "retry"  # sending an outbox message that failed once more

DISTRICT_ADMIN, STREET_ADMIN = "district_admin", "street_admin"
COMMUNITY_WORKER, VOLUNTEER, SUPERVISOR = "community_worker", "volunteer", "supervisor"
ORGANISATION = "organisation"
# Purchased services: reviewing (scoring) applications, as a member of a call's panel.
SCORE = "score"
STAFF = (DISTRICT_ADMIN, STREET_ADMIN, COMMUNITY_WORKER)

R, RX = frozenset({READ}), frozenset({READ, EXPORT})
RCE = frozenset({READ, CREATE, EDIT})
RCED = RCE | {DELETE}

# Roles a resource does not name may not open it. Export is granted only where the list offers
# a spreadsheet; volunteers have their own pages (/me/) and no admin list.
POLICY = {
    # Demands are never deleted: a demand taken in by mistake is voided (作废) with a reason.
    "demand": {DISTRICT_ADMIN: RCE | {EXPORT, VOID, SUPERVISE},
               STREET_ADMIN: RCE | {EXPORT, VOID, SUPERVISE}, COMMUNITY_WORKER: RCE,
               SUPERVISOR: RX},
    "category": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCED, COMMUNITY_WORKER: R, SUPERVISOR: R},
    "item": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCED | {ADOPT}, COMMUNITY_WORKER: R,
             SUPERVISOR: R},
    "organisation": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCED, COMMUNITY_WORKER: RCE,
                     SUPERVISOR: R},
    "volunteer": {DISTRICT_ADMIN: RCED | {EXPORT}, STREET_ADMIN: RCED | {EXPORT},
                  COMMUNITY_WORKER: RCE, SUPERVISOR: RX},
    "service_record": {DISTRICT_ADMIN: RCED | {DECIDE}, STREET_ADMIN: RCED | {DECIDE},
                       COMMUNITY_WORKER: RCE | {DECIDE}, SUPERVISOR: R},
    "clearance_report": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, COMMUNITY_WORKER: R,
                         SUPERVISOR: RX},
    "clearance_revision": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, COMMUNITY_WORKER: R,
                           SUPERVISOR: RX},
    "clearance_month": {DISTRICT_ADMIN: R | {PUBLISH}, STREET_ADMIN: R | {PUBLISH},
                        COMMUNITY_WORKER: R, SUPERVISOR: R},
    "star_rating": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, COMMUNITY_WORKER: R, SUPERVISOR: RX},
    # A street's ratings of a period: a draft until published (then on the public bulletin).
    "rating_period": {DISTRICT_ADMIN: R | {PUBLISH}, STREET_ADMIN: R | {PUBLISH},
                      COMMUNITY_WORKER: R, SUPERVISOR: R},
    "objection_contact": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCE, SUPERVISOR: R},
    # Funds (微基金) are closed, never deleted; their ledgers are append-only.
    "fund": {DISTRICT_ADMIN: RCE | {EXPORT}, STREET_ADMIN: RCE | {EXPORT},
             COMMUNITY_WORKER: R, SUPERVISOR: RX},
    "ledger_entry": {DISTRICT_ADMIN: RX | {RECORD, ALLOCATE, REVERSE},
                     STREET_ADMIN: RX | {RECORD, ALLOCATE, REVERSE},
                     COMMUNITY_WORKER: R | {RECORD}, SUPERVISOR: RX},
    # A crowdfunded fund's decision board: motions, votes and minutes, recorded by the staff
    # who keep the board's meetings.
    "fund_motion": {DISTRICT_ADMIN: RCE, STREET_ADMIN: RCE, COMMUNITY_WORKER: RCE,
                    SUPERVISOR: R},
    # Deliberation topics (议题): community workers run their community's, street admins their
    # street's; supervisors read them. Topics are closed with a reason, never deleted.
    "topic": {DISTRICT_ADMIN: RCE, STREET_ADMIN: RCE, COMMUNITY_WORKER: RCE, SUPERVISOR: R},
    "fund_statement": {role: RX for role in (*STAFF, SUPERVISOR)},
    # A donor's receipt (捐赠收据) is printed by the staff who take the money in.
    "fund_receipt": {role: R for role in STAFF},
    # A demand's receipt (受理回执) and work order (工单) are printed by the staff who take it in
    # and hand it out; supervisors read demands (masked) but print no counter paper.
    "demand_print": {role: R for role in STAFF},
    "volunteer_star": {DISTRICT_ADMIN: R, STREET_ADMIN: R, COMMUNITY_WORKER: R, SUPERVISOR: R},
    "job_run": {DISTRICT_ADMIN: R | {CREATE}, STREET_ADMIN: R | {CREATE}, SUPERVISOR: R},
    "district": {DISTRICT_ADMIN: RCED, SUPERVISOR: R},
    "street": {DISTRICT_ADMIN: RCED, STREET_ADMIN: R, COMMUNITY_WORKER: R, SUPERVISOR: R},
    "community": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCE, COMMUNITY_WORKER: R, SUPERVISOR: R},
    "rule_set": {DISTRICT_ADMIN: R | {CREATE, DELETE}, STREET_ADMIN: R, SUPERVISOR: R},
    "user": {DISTRICT_ADMIN: RCED},
    "api_token": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCED},
    # The audit trail: admins over their scope; supervisors read it (personal data masked).
    "audit": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, SUPERVISOR: RX},
    # Pages that are not model lists.
    "dashboard": {role: R for role in (*STAFF, SUPERVISOR)},
    # The home page's table comparing the streets: for those who oversee every street.
    "street_comparison": {DISTRICT_ADMIN: R, SUPERVISOR: R},
    "exports": {role: frozenset({EXPORT}) for role in (*STAFF, SUPERVISOR)},
    "demand_import": {role: frozenset({READ, CREATE}) for role in STAFF},
    "signin_import": {role: frozenset({CREATE}) for role in STAFF},
    # The users' guide (使用帮助): each role its own page; volunteers read theirs under /me/.
    "help": {role: R for role in (*STAFF, SUPERVISOR)},
    # A volunteer's own pages (/me/) and the public wish wall.
    "me": {VOLUNTEER: RCE},
    # Grids (网格) are managed by the street and district; community workers read their own.
    "grid": {DISTRICT_ADMIN: RCED, STREET_ADMIN: RCED, COMMUNITY_WORKER: R, SUPERVISOR: R},
    # Visit logs (民情日志) are written on the grid worker's phone pages, read in the admin.
    "visit": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, COMMUNITY_WORKER: R, SUPERVISOR: RX},
    "grid_coverage": {role: RX for role in (*STAFF, SUPERVISOR)},
    # The grid worker's own pages (/grid/): community workers, with a grid or without one.
    "grid_log": {COMMUNITY_WORKER: RCE},
    "wish": {VOLUNTEER: R | {CLAIM}},
    # The outbox: staff see their scope's messages and send failed ones again; supervisors read.
    "outbox": {DISTRICT_ADMIN: R | {RETRY}, STREET_ADMIN: R | {RETRY},
               COMMUNITY_WORKER: R | {RETRY}, SUPERVISOR: R},
    # Purchased services (服务购买): the street publishes calls, takes applications in, awards
    # and pays; panel members (named per call) score; organisation accounts use /org/.
    "purchase_call": {DISTRICT_ADMIN: RCE | {EXPORT, PUBLISH, DECIDE},
                      STREET_ADMIN: RCE | {EXPORT, PUBLISH, DECIDE},
                      COMMUNITY_WORKER: R | {SCORE}, SUPERVISOR: RX},
    # Applications are entered on a call's page (CREATE), never through the list's form.
    "application": {DISTRICT_ADMIN: RX | {CREATE, SCORE}, STREET_ADMIN: RX | {CREATE, SCORE},
                    COMMUNITY_WORKER: R | {SCORE}, SUPERVISOR: RX},
    "panel_score": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, SUPERVISOR: RX},
    # A contract's payments need the ledger's ALLOCATE, its acceptance the call's DECIDE.
    "purchase_contract": {DISTRICT_ADMIN: RX, STREET_ADMIN: RX, COMMUNITY_WORKER: R,
                          SUPERVISOR: RX},
    # Objections to an announced award: the street enters those brought on paper (CREATE) and
    # answers each (DECIDE); organisations object from /org/ ("org" above).
    "purchase_objection": {DISTRICT_ADMIN: RX | {CREATE, DECIDE},
                           STREET_ADMIN: RX | {CREATE, DECIDE}, COMMUNITY_WORKER: R,
                           SUPERVISOR: RX},
    "org": {ORGANISATION: RCE},
}  # fmt: skip

# Whose unpublished (draft) clearance figures each role sees; other roles see published months
# only. A worker's own community's draft is made of demands the worker handles anyway. Other
# communities' figures, the street's roll-up and the comparisons (ranking board, red and black
# lists) wait for publication, except for those who publish the month (PUBLISH above).
DRAFTS = {DISTRICT_ADMIN: "district", STREET_ADMIN: "street", COMMUNITY_WORKER: "community"}


def role_of(user):
    """The signed-in user's role; None for anonymous visitors."""
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def actions(user, resource):
    """Every action `user` may take on `resource`."""
    return POLICY.get(resource, {}).get(role_of(user), frozenset())


def may(user, resource, action):
    """True when `user`'s role may take `action` on `resource`."""
    return action in actions(user, resource)


def home_endpoint(user):
    """Where a user lands: the back office, the organisation's pages or the volunteer's."""
    if may(user, "dashboard", READ):
        return "admin.index"
    return "org.home" if may(user, "org", READ) else "me.home"


# Lifecycle actions on a demand that need more than EDIT on the demand list.
DEMAND_ACTIONS = {"void": VOID, "supervise": SUPERVISE}


def may_act(user, action):
    """The user may take the lifecycle `action` on demands in their scope."""
    allowed = may(user, "demand", DEMAND_ACTIONS.get(action, EDIT))
    if action == "release_subsidy":  # it pays money out of a fund
        allowed = allowed and may_ledger(user, "disbursement")
    return allowed


def may_read_help(user, role):
    """A role's users' guide: for that role; the district admin reads every role's."""
    return role_of(user) is not None and role_of(user) in (role, DISTRICT_ADMIN)


def may_publish(user):
    """Publishing and reopening a month's clearance results."""
    return may(user, "clearance_month", PUBLISH)


def may_publish_ratings(user):
    """Publishing and reopening a street's star ratings of a period."""
    return may(user, "rating_period", PUBLISH)


def may_ledger(user, kind):
    """The user may write a ledger entry of `kind` (contribution, allocation, reversal …)."""
    needed = {"contribution": RECORD, "pledge": RECORD, "reversal": REVERSE}.get(kind, ALLOCATE)
    return may(user, "ledger_entry", needed)


def token_may(token, scope):
    """True when an API token holds `scope` (e.g. "demands:create")."""
    return token is not None and scope in (token.scopes or ())
