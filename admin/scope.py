"""Admin glue for tenancy: the signed-in user's scope (decided in weimin.access) and which
list columns an index serves."""

from flask_login import current_user

from weimin.access import scoped_query


def scoped_objects(model):
    """model.objects limited to what the current user may see."""
    return scoped_query(current_user, model)


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
