"""Grids (网格) with their grid workers, and the visit logs (民情日志) read in the admin."""

import mongoengine
from flask import g
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms.validators import Optional

from admin.ajax import ReferenceSelectMultipleField
from admin.base import SecureModelView
from admin.filters import ReferenceEqualFilter, community_filter, street_filter
from admin.labels import LABELS
from admin.people_views import labelled
from admin.retire import RetireMixin
from admin.scope import scoped_objects
from models import Grid, User
from models.choices import PLACE_KINDS, VISIT_TAGS, label
from models.references import ref_id
from weimin.access import visits_in_scope

GRID_LABELS = {
    **LABELS,
    "buildings": _l("Buildings"),
    "households": _l("Households"),
    "boundary": _l("Boundary"),
    "workers": _l("Grid workers"),
    "grid": _l("Grid"),
    "worker": _l("Visited by"),
    "worker_name": _l("Visited by"),
    "visited_at": _l("Visited at"),
    "place_kind": _l("Household or place"),
    "place": _l("Household or place visited"),
    "met": _l("Who was met"),
    "met_phone": _l("Their phone"),
    "findings": _l("What was found"),
    "tags": _l("Findings"),
    "follow_up": _l("Follow-up needed"),
    "demand": _l("Demand"),
}


def grids_in_scope():
    return scoped_objects(Grid).only("name", "active")


def _workers_column(view, context, model, name):
    names = g.get("grid_workers", {}).get(model.pk)
    if names is None:  # a details page: one grid
        names = [u.name for u in User.objects(grid=model.pk).only("name")]
    return "、".join(names)


class GridView(RetireMixin, SecureModelView):
    """A community's grids; the street and district admins keep them and their workers."""

    column_labels = GRID_LABELS
    column_list = ("code", "name", "community", "workers", "buildings", "households", "active")
    column_details_list = (
        "code", "name", "street", "community", "workers", "buildings", "households",
        "boundary", "active", "created_at",
    )  # fmt: skip
    column_searchable_list = ("code", "name")
    column_filters = ("active", street_filter(), community_filter())
    column_formatters = {"workers": _workers_column}
    column_formatters_detail = column_formatters
    column_export_list = ("code", "name", "community", "buildings", "households", "boundary")
    # The street follows the community (Grid.clean): it is not asked for.
    form_columns = ("community", "code", "name", "buildings", "households", "boundary",
                    "active", "workers")  # fmt: skip
    form_args = labelled(Grid)
    form_extra_fields = {
        "workers": ReferenceSelectMultipleField(
            GRID_LABELS["workers"],
            model=User,
            validators=[Optional()],
            description=_l("Community workers of the grid's community; one grid each."),
        )
    }

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        count, rows = super().get_list(
            page, sort_column, sort_desc, search, filters, execute, page_size
        )
        if execute:  # the page's workers in one query, not one per row
            found = {}
            users = User.objects(grid__in=[r.pk for r in rows]).only("name", "grid").as_pymongo()
            for user in users:
                found.setdefault(user["grid"], []).append(user["name"])
            g.grid_workers = found
        return count, rows

    def _limit_choices(self, form):
        form = super()._limit_choices(form)
        form.workers.queryset = scoped_objects(User).filter(role="community_worker", active=True)
        if form.workers.raw_data is not None:  # resolved against the unscoped list: again
            form.workers.process_formdata(form.workers.raw_data)
        return form

    def on_form_prefill(self, form, id):
        form.workers.data = list(User.objects(grid=id))

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        model.validate()  # the community first: the workers are checked against it
        wrong = [
            u.name
            for u in form.workers.data or ()
            if ref_id(u, "community") != ref_id(model, "community")
        ]
        if wrong:
            message = _l(
                "Not community workers of this community: %(names)s", names="、".join(wrong)
            )
            raise mongoengine.ValidationError(
                errors={"workers": mongoengine.ValidationError(str(message))}
            )

    def after_model_change(self, form, model, is_created):
        """Give the chosen workers this grid; those no longer chosen lose it."""
        chosen = {u.pk for u in form.workers.data or ()}
        for user in User.objects(grid=model.pk, id__nin=list(chosen)):
            user.grid = None
            user.save()
        for user in form.workers.data or ():
            if ref_id(user, "grid") != model.pk:
                user.grid = model
                user.save()


def _choice(choices):
    return lambda view, context, model, name: label(choices, getattr(model, name))


def _tags(view, context, model, name):
    return "、".join(str(label(VISIT_TAGS, t)) for t in model.tags or ())


def _demand_link(view, context, model, name):
    if model.demand is None:
        return ""
    url = view.get_url("demand.details_view", id=model.demand.pk)
    return Markup('<a href="{}">{}</a>').format(url, model.demand.ticket_no)


def visit_link(view, context, model, name):
    """A demand's visit (民情日志), linked to its page in the visit logs."""
    if model.visit is None:
        return ""
    url = view.get_url("visit.details_view", id=model.visit.pk)
    return Markup('<a href="{}" id="demand-visit">{}</a>').format(url, model.visit)


class VisitView(SecureModelView):
    """Visit logs as the scope allows: a grid worker's own and their grid's; written on /grid/."""

    column_labels = GRID_LABELS
    column_list = ("visited_at", "grid", "place", "met", "tags", "follow_up", "demand",
                   "worker_name")  # fmt: skip
    column_details_list = (
        "visited_at", "street", "community", "grid", "worker_name", "place_kind", "place",
        "met", "findings", "tags", "follow_up", "demand", "created_at",
    )  # fmt: skip
    column_default_sort = ("visited_at", True)
    column_filters = (
        "follow_up",
        "place_kind",
        "visited_at",
        street_filter(),
        community_filter(),
        ReferenceEqualFilter("grid", GRID_LABELS["grid"], grids_in_scope),
    )
    column_formatters = {"tags": _tags, "place_kind": _choice(PLACE_KINDS), "demand": _demand_link}
    column_formatters_detail = column_formatters
    column_export_list = ("visited_at", "community", "grid", "worker_name", "place_kind",
                          "place", "met", "findings", "tags", "follow_up", "demand")  # fmt: skip
    column_formatters_export = {"tags": _tags, "place_kind": _choice(PLACE_KINDS)}

    def get_query(self):
        return visits_in_scope(current_user, self.model)
