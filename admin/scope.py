"""Tenancy: which records of a document the signed-in user may see."""

from flask_login import current_user
from mongoengine.queryset.visitor import Q


def scope_filter_for(user, scope):
    """Query arguments keeping `user` inside their scope, given a view's scope mapping.

    `scope` maps a scope kind ("street", "community", "volunteer") to the document field
    holding it. Returns {} for district-wide roles and None when nothing is visible.
    """
    role = user.role if user.is_authenticated else None
    if role in ("district_admin", "supervisor"):
        return {}
    if role == "street_admin" and user.street and "street" in scope:
        return {scope["street"]: user.street.id}
    if role == "community_worker" and user.community:
        if "community" in scope:
            return {scope["community"]: user.community.id}
        if "street" in scope:
            return {scope["street"]: user.community.street.id}
    if role == "volunteer" and user.volunteer and "volunteer" in scope:
        return {scope["volunteer"]: user.volunteer.id}
    return None


def document_scope(model):
    """The scope mapping a document's own fields support."""
    fields = model._fields
    if model.__name__ == "Street":
        return {"street": "id"}
    if model.__name__ == "Community":
        return {"street": "street", "community": "id"}
    if model.__name__ == "Organisation":
        return {"street": "street"}  # street-level organisations serve every community
    return {kind: kind for kind in ("street", "community") if kind in fields}


# Documents whose records without a street are district-wide and visible to every street.
DISTRICT_WIDE = {"CatalogueCategory", "CatalogueItem", "RuleSet"}


def scoped_objects(model):
    """model.objects limited to what the current user may see."""
    flt = scope_filter_for(current_user, document_scope(model))
    if flt is None:
        return model.objects.none()
    if flt and model.__name__ in DISTRICT_WIDE and "street" in flt:
        return model.objects.filter(Q(street=flt["street"]) | Q(street=None))
    return model.objects.filter(**flt)


def indexed(model, field):
    """True when one of the model's declared indexes can serve a query on `field`.

    It does when the field leads an index, or follows a tenancy key (street, community) that
    scoped users' queries always carry.
    """
    if field in ("id", "pk", "_id"):
        return True
    for spec in model._meta.get("index_specs") or []:
        keys = [key for key, _direction in spec["fields"]]
        if keys[0] == field or (keys[0] in ("street", "community") and keys[1:2] == [field]):
            return True
    return False
