"""Which records a user may see: tenancy by street, community or own volunteer record."""

from mongoengine.queryset.visitor import Q

from models import CatalogueItem, Organisation, PurchaseCall
from models.references import ref_id
from weimin.access.policy import (
    COMMUNITY_WORKER,
    DISTRICT_ADMIN,
    ORGANISATION,
    STREET_ADMIN,
    SUPERVISOR,
    VOLUNTEER,
    role_of,
)

# Roles that see the whole district.
DISTRICT_WIDE_ROLES = frozenset({DISTRICT_ADMIN, SUPERVISOR})
# Documents whose records without a street belong to the whole district (templates, rule sets,
# district-wide job runs, district-wide calls for purchased services): every street sees them,
# only the district admin changes them.
DISTRICT_WIDE_DOCUMENTS = frozenset(
    {"CatalogueCategory", "CatalogueItem", "RuleSet", "JobRun", "PurchaseCall"}
)


def district_wide(user):
    """True when the user's scope is the whole district."""
    return role_of(user) in DISTRICT_WIDE_ROLES


def own_street(user):
    """The street a street-scoped user works in; None for district-wide roles and volunteers."""
    role = role_of(user)
    if role == STREET_ADMIN:
        return user.street
    if role == COMMUNITY_WORKER and user.community:
        return user.community.street
    return None


def scope_filter_for(user, scope):
    """Query arguments keeping `user` inside their scope, given a scope mapping.

    `scope` maps a scope kind ("street", "community", "volunteer") to the document field
    holding it. Returns {} for district-wide roles and None when nothing is visible.
    """
    role = role_of(user)
    if role in DISTRICT_WIDE_ROLES:
        return {}
    if role == STREET_ADMIN and user.street and "street" in scope:
        return {scope["street"]: user.street.id}
    if role == COMMUNITY_WORKER and user.community:
        if "community" in scope:
            return {scope["community"]: user.community.id}
        if "street" in scope:
            return {scope["street"]: user.community.street.id}
    if role == VOLUNTEER and user.volunteer and "volunteer" in scope:
        return {scope["volunteer"]: user.volunteer.id}
    if role == ORGANISATION and user.organisation and "organisation" in scope:
        return {scope["organisation"]: user.organisation.id}
    return None


def document_scope(model):
    """The scope mapping a document's own fields support."""
    if model.__name__ == "Street":
        return {"street": "id"}
    if model.__name__ == "Community":
        return {"street": "street", "community": "id"}
    if model.__name__ == "Organisation":
        return {"street": "street"}  # street-level organisations serve every community
    return {kind: kind for kind in ("street", "community") if kind in model._fields}


def scoped_query(user, model, scope=None):
    """model.objects limited to what `user` may see (scope: the mapping, else the document's)."""
    flt = scope_filter_for(user, document_scope(model) if scope is None else scope)
    if flt is None:
        return model.objects.none()
    if flt and model.__name__ in DISTRICT_WIDE_DOCUMENTS and len(flt) == 1:
        ((field, value),) = flt.items()
        return model.objects.filter(Q(**{field: value}) | Q(**{field: None}))
    return model.objects.filter(**flt)


def pinned(user, scope):
    """Scope fields a record this user creates or edits is pinned to: their street/community."""
    role, values = role_of(user), {}
    street = user.street if role in (STREET_ADMIN, COMMUNITY_WORKER) else None
    if street is not None and scope.get("street", "id") != "id":
        values[scope["street"]] = street
    if role == COMMUNITY_WORKER and "community" in scope:
        values[scope["community"]] = user.community
    return values


def oversees(user, record):
    """True for the staff over a record: the district admin, its street's admin, its community's
    worker."""
    role = role_of(user)
    if role == DISTRICT_ADMIN:
        return True
    if role == STREET_ADMIN:
        return ref_id(user, "street") is not None and ref_id(user, "street") == ref_id(
            record, "street"
        )
    if role == COMMUNITY_WORKER:
        return ref_id(user, "community") is not None and ref_id(user, "community") == ref_id(
            record, "community"
        )
    return False


def may_change(user, record, field="street"):
    """A record the user sees may be changed (as far as the policy lets them) unless it belongs
    to the whole district (no street): that only the staff over it, the district admin."""
    return getattr(record, field, None) is not None or oversees(user, record)


def visits_in_scope(user, model):
    """Visit logs a user may read: a grid worker their own and their grid's, the others their
    street's or community's (scoped_query)."""
    query = scoped_query(user, model)
    grid = ref_id(user, "grid") if role_of(user) == COMMUNITY_WORKER else None
    if grid is not None:
        query = query.filter(Q(worker=user.pk) | Q(grid=grid))
    return query


def demand_scope(user):
    """Street/community of a scoped user, for Demand.objects.in_scope()."""
    role = role_of(user)
    if role == COMMUNITY_WORKER:
        return {"community": user.community}
    if role == STREET_ADMIN:
        return {"street": user.street}
    return {}


def scope_ids(user):
    """The user's street or community id, for raw queries on demands, reports and ratings."""
    return {k: v.id for k, v in demand_scope(user).items()}


def area_key(user):
    """What decides what a user may see: role and street, community, volunteer."""
    parts = [getattr(user, "role", None) or ""]
    parts += [str(ref_id(user, name) or "") for name in ("street", "community", "volunteer")]
    return ":".join(parts)


def can_decide(user, record):
    """Who may approve or reject service hours: the staff over the record and the organising
    unit's leaders; never one's own record."""
    own = ref_id(user, "volunteer")
    if own is not None and own == ref_id(record, "volunteer"):
        return False
    if oversees(user, record):
        return True
    org = ref_id(record, "organisation")
    return Organisation.objects(pk=org, leaders=user.pk).only("id").first() is not None


def items_for(user, active=True):
    """Catalogue items the user may take demands for (active) or look at (all)."""
    items = CatalogueItem.objects(active=True) if active else CatalogueItem.objects
    street = own_street(user)
    return items.for_street(street) if street is not None else items


def token_scope(token):
    """Query arguments keeping an API token inside its street (its id: nothing is read)."""
    return {"street": ref_id(token, "street")}


def own_organisation(user):
    """The organisation an organisation account acts for; None for everyone else."""
    return user.organisation if role_of(user) == ORGANISATION else None


def with_district(model, street):
    """A street's records of a district-wide document and the whole district's (no street)."""
    return model.objects(Q(street=ref_id_of(street)) | Q(street=None))


def org_calls(organisation):
    """Calls an organisation may look at and apply to: its street's and the district-wide ones
    (which of them it is eligible for is weimin.purchase.eligibility's)."""
    return with_district(PurchaseCall, ref_id(organisation, "street"))


def on_panel(user, call):
    """True when `user` is named on the call's review panel."""
    return getattr(user, "pk", None) in {ref_id_of(m) for m in call.panel or ()}


def ref_id_of(value):
    return getattr(value, "pk", value)
