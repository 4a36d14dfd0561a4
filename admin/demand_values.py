"""The demand view's runtime fields: the item's own fields in forms, lists, filters and details.

The item whose fields a page shows: on a new demand, the posted `item` or `?item=`; on an edit,
the demand's own item; on the list, `?item=` (which also narrows the list to that item and
offers filters on its fields, see weimin.catalogue.filters).
"""

from bson import ObjectId
from bson.errors import InvalidId
from flask import flash, g, request
from flask_admin.helpers import get_form_data
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from jinja2 import pass_context

from models import CatalogueItemVersion, Demand
from models.references import is_deleted
from weimin.access import items_for, shown
from weimin.catalogue import filters as fieldfilters
from weimin.catalogue.defs import label as spec_label
from weimin.catalogue.forms import initial_values, with_values
from weimin.catalogue.schema import display
from weimin.exports.demands import VALUES


def current_specs(item):
    """The item's field definitions; none for a deleted item (its demands keep their values)."""
    return [] if is_deleted(item) else item.specs()


def english():
    """True when the page speaks English (admin-defined labels have both languages)."""
    return str(get_locale() or "").startswith("en")


class DemandValuesMixin:
    """Adds the catalogue item's runtime fields to the demand view."""

    create_template = "admin/demand/create.html"
    list_template = "admin/demand/list.html"

    # --- which item --------------------------------------------------------
    def items_for_user(self, active=True):
        """Items the user may take demands for (active) or look at (all)."""
        return items_for(current_user, active)

    def find_item(self, raw, active=True):
        try:
            return self.items_for_user(active).filter(id=ObjectId(raw)).first()
        except (InvalidId, TypeError):
            return None

    def form_item(self, obj=None):
        """The item whose fields the create or edit form shows."""
        if obj is not None and obj.pk is not None:
            return obj.item
        raw = request.form.get("item") if request.method == "POST" else None
        return self.find_item(raw or request.args.get("item"))

    def list_item(self):
        """The item of ?item=, whose fields the list shows as columns and filters."""
        if "demand_list_item" not in g:
            raw = request.args.get("item")
            g.demand_list_item = self.find_item(raw, active=False) if raw else None
        return g.demand_list_item

    def field_history(self, item):
        """Every field the item ever had (retired ones too), computed once per request; a
        deleted item's from the versions it left."""
        cache = g.setdefault("item_field_history", {})
        if item.pk not in cache:
            deleted = is_deleted(item)
            versions = CatalogueItemVersion.objects
            cache[item.pk] = versions.fields_ever(item.pk) if deleted else item.field_history()
        return cache[item.pk]

    # --- forms -------------------------------------------------------------
    def create_form(self, obj=None):
        item = self.form_item()
        specs = item.specs() if item is not None else []
        form = with_values(self._create_form_class, specs, english())(get_form_data(), obj=obj)
        form = self._limit_choices(form)
        form.item.queryset = self.items_for_user()
        if request.method == "POST":
            form.item.process(get_form_data())  # again: a posted item outside the list is refused
        elif item is not None:
            form.item.data = item
        return form

    def edit_form(self, obj=None):
        specs = current_specs(obj.item)
        form_class = with_values(self._edit_form_class, specs, english())
        form = form_class(get_form_data(), obj=obj, **initial_values(specs, obj.values))
        del form.item  # the item decides kind, deadlines and fields: fixed once taken in
        return self._limit_choices(form)

    # --- list --------------------------------------------------------------
    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True, page_size=None):
        count, query = super().get_list(
            page, sort_column, sort_desc, search, filters, execute=False, page_size=page_size
        )
        item = self.list_item()
        if item is not None:
            base = {"item": item.pk}
            cond, errors = fieldfilters.condition(
                item.specs(), request.args, Demand._get_collection(), base
            )
            for message in errors:
                flash(_("Filter ignored: %(error)s", error=message), "error")
            query = query.filter(item=item, **({"__raw__": cond} if cond else {}))
            if count is not None:
                count = query.count()
        return count, (self.executed(query) if execute else query)

    def value_columns(self, item, retired=False):
        """(column, label) of the item's fields; with retired=True also the fields it dropped."""
        history = self.field_history(item)
        current = [spec["name"] for spec in current_specs(item)]
        columns = [(VALUES + name, self.value_label(history[name])) for name in current]
        if retired:
            for name, spec in history.items():
                if name not in current:
                    label = self.value_label(spec)
                    columns.append((VALUES + name, _("%(label)s (retired field)", label=label)))
        return columns

    def value_label(self, spec):
        return spec_label(spec, english())

    def render(self, template, **kwargs):
        if template == self.list_template:
            item = self.list_item()
            kwargs["value_item"], kwargs["value_items"] = item, self.items_for_user(active=False)
            if item is not None:
                kwargs["list_columns"] = [*kwargs["list_columns"], *self.value_columns(item)]
                specs = item.specs()
                kwargs["value_filters"] = fieldfilters.widgets(specs, request.args, english())
        elif template == self.create_template:
            kwargs["value_item"], kwargs["value_items"] = self.form_item(), self.items_for_user()
        elif template == self.details_template and kwargs.get("model") is not None:
            model = kwargs["model"]
            extra = self.retired_columns(model)
            kwargs["details_columns"] = [*kwargs["details_columns"], *extra]
        return super().render(template, **kwargs)

    def retired_columns(self, model):
        """Detail rows: the item's fields, then retired fields the demand still holds values for."""
        columns = self.value_columns(model.item, retired=True)
        current = {spec["name"] for spec in current_specs(model.item)}
        held = set(model.values or {})
        return [(c, label) for c, label in columns if c[len(VALUES) :] in current | held]

    # --- values as text ----------------------------------------------------
    def value_text(self, model, name):
        spec = self.field_history(model.item).get(name)
        spec = spec or {"name": name, "type": "text", "choices": []}
        text = display(spec, (model.values or {}).get(name), english())
        return shown(current_user, model, name, text, kind=spec["type"])

    @pass_context
    def get_list_value(self, context, model, name):
        if name.startswith(VALUES):
            return self.value_text(model, name[len(VALUES) :])
        return super().get_list_value(context, model, name)

    @pass_context
    def get_detail_value(self, context, model, name):
        if name.startswith(VALUES):
            return self.value_text(model, name[len(VALUES) :])
        return super().get_detail_value(context, model, name)
