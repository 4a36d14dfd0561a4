"""Who may see and do what: the role policy, tenancy scope and masking of personal data.

Admin views, the API, exports, imports and the dashboard ask this package; none of them
compares role names itself.
"""

from weimin.access.masking import (
    MASKS,
    PERSONAL_FIELDS,
    mask_address,
    mask_birth_date,
    mask_id,
    mask_name,
    mask_phone,
    sees_in_full,
    shown,
)
from weimin.access.policy import (
    ADOPT,
    CLAIM,
    CREATE,
    DECIDE,
    DELETE,
    EDIT,
    EXPORT,
    POLICY,
    PUBLISH,
    READ,
    actions,
    may,
    may_publish,
    role_of,
    token_may,
)
from weimin.access.scope import (
    DISTRICT_WIDE_DOCUMENTS,
    DISTRICT_WIDE_ROLES,
    demand_scope,
    district_wide,
    document_scope,
    honour_scope,
    items_for,
    oversees,
    own_street,
    pinned,
    ref_id,
    report_rollup,
    scope_filter_for,
    scope_ids,
    scoped_query,
    sees_drafts,
    token_scope,
)

__all__ = [
    "ADOPT", "CLAIM", "CREATE", "DECIDE", "DELETE", "DISTRICT_WIDE_DOCUMENTS",
    "DISTRICT_WIDE_ROLES", "EDIT", "EXPORT", "MASKS", "PERSONAL_FIELDS", "POLICY", "PUBLISH",
    "READ", "actions", "demand_scope", "district_wide", "document_scope", "honour_scope",
    "items_for", "mask_address", "mask_birth_date", "mask_id", "mask_name", "mask_phone", "may",
    "may_publish", "oversees", "own_street", "pinned", "ref_id", "report_rollup",
    "role_of", "scope_filter_for", "scope_ids", "scoped_query", "sees_drafts", "sees_in_full",
    "shown", "token_may", "token_scope"
]  # fmt: skip
