"""Who may see and do what: the role policy, tenancy scope and masking of personal data.

Admin views, the API, exports, imports and the dashboard ask this package; none of them
compares role names itself.
"""

from weimin.access.figures import (
    draft_streets,
    honour_scope,
    ranking_visibility,
    rating_visibility,
    report_rollup,
    report_visibility,
)
from weimin.access.masking import PERSONAL_FIELDS, public_name, shown
from weimin.access.policy import (
    ADOPT,
    ALLOCATE,
    CLAIM,
    CREATE,
    DECIDE,
    DELETE,
    EDIT,
    EXPORT,
    PUBLISH,
    READ,
    RECORD,
    REVERSE,
    SUPERVISE,
    VOID,
    may,
    may_act,
    may_ledger,
    may_publish,
    may_publish_ratings,
    may_read_help,
    token_may,
)
from weimin.access.scope import (
    DISTRICT_WIDE_DOCUMENTS,
    area_key,
    can_decide,
    demand_scope,
    items_for,
    may_change,
    org_calls,
    oversees,
    own_street,
    pinned,
    ref_id,
    scope_filter_for,
    scope_ids,
    scoped_query,
    token_scope,
    visits_in_scope,
    with_district,
)

__all__ = [
    "ADOPT", "CLAIM", "CREATE", "DECIDE", "DELETE", "DISTRICT_WIDE_DOCUMENTS", "EDIT", "EXPORT",
    "SUPERVISE", "VOID", "may_act", "ALLOCATE", "RECORD", "REVERSE", "may_ledger",
    "PERSONAL_FIELDS", "PUBLISH", "READ", "area_key", "can_decide", "demand_scope",
    "draft_streets", "honour_scope", "items_for", "may", "may_change", "may_publish",
    "may_publish_ratings",
    "may_read_help",
    "org_calls", "oversees", "own_street",
    "pinned",
    "public_name", "ranking_visibility", "rating_visibility", "ref_id", "report_rollup",
    "report_visibility",
    "scope_filter_for", "scope_ids", "scoped_query", "shown", "token_may", "token_scope",
    "visits_in_scope", "with_district",
]  # fmt: skip
