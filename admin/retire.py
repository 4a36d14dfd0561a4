"""Retiring instead of deleting: records others refer to are retired (active unticked); they stay
on the records that hold them and are no longer offered for new ones."""

import mongoengine
from bson import ObjectId
from flask import flash
from flask_admin.actions import action
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from mongoengine.queryset.visitor import Q
from wtforms.validators import ValidationError

from weimin.access import DELETE, EDIT
from weimin.core.errors import field_errors


def _held(field):
    """Ids of the records a form field held when the form was filled from the stored record."""
    data = field.object_data
    values = data if isinstance(data, list | tuple) else [data]
    return {getattr(v, "pk", getattr(v, "id", v)) for v in values if v is not None}


def not_newly_retired(held):
    """A field validator: a retired record may stay where it is, not be chosen anew."""

    def check(form, field):
        chosen = field.data if isinstance(field.data, list) else [field.data]
        for doc in chosen:
            if doc is not None and doc.pk not in held and getattr(doc, "active", True) is False:
                raise ValidationError(
                    _("“%(name)s” is retired and cannot be chosen for new records.", name=doc)
                )

    return check


class ActiveChoicesMixin:
    """Form choice lists offer active records, plus the retired ones the record already holds."""

    def _limit_choices(self, form):
        form = super()._limit_choices(form)
        for field in form:
            queryset = getattr(field, "queryset", None)
            document = getattr(queryset, "_document", None)
            if document is None or "active" not in document._fields:
                continue
            held = _held(field)
            field.queryset = queryset.filter(Q(active=True) | Q(pk__in=list(held)))
            # The posted choice was resolved against the full list: refuse a retired one here.
            field.validators = [*field.validators, not_newly_retired(held)]
        return form


class RetireMixin(ActiveChoicesMixin):
    """Lists of documents with an `active` flag: the Retire action beside Delete."""

    @action(
        "retire",
        _l("Retire"),
        _l(
            "Retire the selected records? They stay on the records that use them but are no "
            "longer offered for new ones."
        ),
    )
    def action_retire(self, ids):
        valid = [ObjectId(i) for i in ids if ObjectId.is_valid(i)]
        done = 0
        for doc in self.get_query().filter(id__in=valid, active=True):
            try:
                self.check_writable(doc)
                doc.active = False
                doc.save()
            except mongoengine.ValidationError as exc:
                problem = "; ".join(field_errors(exc).values())
                flash(_("%(name)s: %(error)s", name=doc, error=problem), "error")
                continue
            done += 1
        flash(_("%(n)d records retired.", n=done), "success")

    def is_action_allowed(self, name):
        if name == "retire":
            return self.allowed(EDIT) or self.allowed(DELETE)
        return super().is_action_allowed(name)
