"""Reference fields of the admin forms — picked from a list, or found by typing (ajax
look-ups) — limited to the user's scope like every other path. A posted value that is no id,
or a record the user was not offered, is a field error in the user's language, never a crash."""

from functools import reduce
from operator import or_

from bson import ObjectId
from bson.errors import InvalidId
from flask_admin.contrib.mongoengine.ajax import QueryAjaxModelLoader
from flask_admin.contrib.mongoengine.form import ModelSelectField, ModelSelectMultipleField
from flask_admin.model.fields import AjaxSelectField, AjaxSelectMultipleField
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine.queryset.visitor import Q
from wtforms.validators import ValidationError

from admin.scope import scoped_objects
from weimin.store.db import in_total_order


class ScopedAjaxLoader(QueryAjaxModelLoader):
    """Search and fetch referenced records only inside the current user's scope."""

    def __init__(self, name, model, **options):
        # Flask-Admin's own placeholder reads "请选择模型" (select a model) in Chinese.
        options.setdefault("placeholder", _l("Type to search"))
        super().__init__(name, model, **options)

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


BLANK = ("", "__None")


def _not_listed():
    # A plain string: Flask-Admin's templates show only str errors, not lazy ones.
    return ValidationError(_("Choose one of the listed options."))


def _picked(valuelist):
    """The values posted for a select, blanks left out, each once, in order."""
    return list(dict.fromkeys(v for v in valuelist or () if v not in BLANK))


class ReferenceSelectField(ModelSelectField):
    """One referenced record: a value that is no id, or no record offered, is a field error."""

    _posted = None

    def process_formdata(self, valuelist):
        picked = _picked(valuelist[:1])
        self._posted = picked[0] if picked else None
        if self._posted is not None and not ObjectId.is_valid(self._posted):
            self.data = None  # the store would refuse to even look it up
            return
        # A blank posted as "" (not the "__None" a browser sends) would be looked up as an id.
        super().process_formdata(["__None"] if valuelist and not picked else valuelist)

    def pre_validate(self, form):
        if self._posted is not None and self.data is None:
            raise _not_listed()
        super().pre_validate(form)


class ReferenceSelectMultipleField(ModelSelectMultipleField):
    """Several referenced records; every posted value must be one of those offered."""

    _unlisted = False

    def process_formdata(self, valuelist):
        picked = _picked(valuelist)
        self._unlisted = not all(ObjectId.is_valid(value) for value in picked)
        if self._unlisted:
            self.data = None
            return
        super().process_formdata(picked)
        self._unlisted = len(self.data or ()) != len(picked)

    def pre_validate(self, form):
        if self._unlisted:
            raise _not_listed()
        super().pre_validate(form)


class ReferenceAjaxField(AjaxSelectField):
    """A record found by typing: a value the look-up does not find is a field error."""

    def pre_validate(self, form):
        if self.data is None and self._formdata:
            raise _not_listed()
        super().pre_validate(form)


class ReferenceAjaxMultipleField(AjaxSelectMultipleField):
    """Several records found by typing; one the look-up does not find is a field error."""

    def pre_validate(self, form):
        if self.data is not None and self._invalid_formdata:
            raise _not_listed()  # Flask-Admin's own message is lazy, and never shown
        super().pre_validate(form)
