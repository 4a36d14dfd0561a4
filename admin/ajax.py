"""Ajax look-ups in forms, limited to the user's scope like every other path."""

from functools import reduce
from operator import or_

from bson import ObjectId
from bson.errors import InvalidId
from flask_admin.contrib.mongoengine.ajax import QueryAjaxModelLoader
from mongoengine.queryset.visitor import Q

from admin.scope import scoped_objects
from weimin.store.db import in_total_order


class ScopedAjaxLoader(QueryAjaxModelLoader):
    """Search and fetch referenced records only inside the current user's scope."""

    def get_one(self, pk):
        try:
            return scoped_objects(self.model).filter(pk=ObjectId(pk)).first()
        except (InvalidId, TypeError):
            return None

    def get_list(self, term, offset=0, limit=10):
        query = scoped_objects(self.model)
        if term:
            query = query.filter(
                reduce(or_, (Q(**{f"{f.name}__icontains": term}) for f in self._cached_fields))
            )
        return list(in_total_order(query).skip(offset).limit(limit))
