"""Which clearance figures a user sees: published months, and the drafts policy.DRAFTS names."""

from weimin.access.policy import (
    COMMUNITY_WORKER,
    DRAFTS,
    STREET_ADMIN,
    may_publish,
    may_publish_ratings,
    role_of,
)
from weimin.access.scope import district_wide, own_street, ref_id


def report_rollup(user):
    """Which roll-up of the clearance reports belongs to the user's scope."""
    role = role_of(user)
    if role == COMMUNITY_WORKER:
        return {"level": "community", "community": user.community}
    if role == STREET_ADMIN:
        return {"level": "street", "street": user.street, "community": None}
    return {"level": "district"}


def draft_streets(user, publishes=may_publish):
    """Ids of the streets whose unpublished months `user` sees whole; None: every street.

    A whole draft month — ranking, red and black lists, the street's roll-up — is seen only by
    those who may publish that street's month: the district admin every street's, a street
    admin their own street's; nobody else any.
    """
    if not publishes(user):
        return ()
    if district_wide(user):
        return None
    street = own_street(user)
    return () if street is None else (street.id,)


def _published_or(drafts):
    if not drafts:
        return {"published": True}
    return {"__raw__": {"$or": [{"published": True}, *drafts]}}


def report_visibility(user):
    """Query arguments keeping clearance figures to published ones and the drafts `user` sees
    (policy.DRAFTS): every street's, their own street's, or their own community's."""
    seen = DRAFTS.get(role_of(user))
    if seen == "district":
        return {}
    street, community = own_street(user), ref_id(user, "community")
    if seen == "street" and street is not None:
        return _published_or([{"street": street.id}])
    if seen == "community" and community is not None:
        return _published_or([{"community": community}])
    return _published_or([])


def ranking_visibility(user):
    """Query arguments for comparisons — the ranking board, red and black lists — keeping them
    to published months and the whole drafts `user` sees (draft_streets)."""
    streets = draft_streets(user)
    if streets is None:
        return {}
    return _published_or([{"street": {"$in": list(streets)}}] if streets else [])


def honour_scope(user):
    """Query arguments for the red and black lists a user may see: their own street's, published
    months and the whole drafts they see."""
    street = own_street(user)
    scope = {} if street is None else {"street": street.id}
    return {**scope, **ranking_visibility(user)}


def rating_visibility(user):
    """Query arguments keeping star ratings to published ones and the drafts `user` may
    publish: every street's for the district admin, their own street's for a street admin."""
    streets = draft_streets(user, may_publish_ratings)
    if streets is None:
        return {}
    return _published_or([{"street": {"$in": list(streets)}}] if streets else [])
