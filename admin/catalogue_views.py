"""Service catalogue: categories and items (district templates and street catalogues).

An item's fields are edited inline on the item's form. Saving a change checks the definitions,
refuses to overwrite someone else's newer version, and — when demands already taken in would
not fit — shows how many and which, and saves only once the admin confirms.
"""

import mongoengine
from flask import flash, g, request
from flask_admin.actions import action
from flask_admin.form.widgets import RenderTemplateWidget
from flask_admin.model.fields import InlineFieldList
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField

from admin.base import SecureModelView
from admin.catalogue_fields import (
    CHANGES,
    FIELD_ARGS,
    FIELD_LABELS,
    clear_unused,
    shown_value,
    source_mark,
)
from admin.demand_values import english
from admin.filters import category_filter, street_filter
from admin.labels import LABELS
from admin.retire import RetireMixin
from models.choices import HANDLING_LEVELS, KINDS
from models.choices import label as choice_label
from models.field_def import FIELD_TYPES, definition_errors, normalise
from weimin.access import ADOPT, own_street
from weimin.catalogue.attributes import for_page
from weimin.catalogue.defs import label
from weimin.catalogue.forms import ChoicesField
from weimin.catalogue.versions import history, stored_fields, unfit_demands

FIT_SHOWN = 100


class _CatalogueView(SecureModelView):
    """Street admins see the district templates beside their own street's entries."""

    scope = {"street": "street"}


class CatalogueCategoryView(RetireMixin, _CatalogueView):
    column_list = ("code", "name", "street", "sort_order", "active")
    column_searchable_list = ("code", "name")
    column_filters = ("active", street_filter())
    column_default_sort = "sort_order"
    form_columns = ("code", "name", "description", "street", "sort_order", "active")
    form_args = {name: {"label": LABELS[name]} for name in form_columns}


class CatalogueItemView(RetireMixin, _CatalogueView):
    column_list = ("code", "name", "category", "kind", "handling_level", "deadline_days")
    column_list += ("street", "template", "fields", "version", "active")
    column_details_list = column_list[:-3] + ("response_hours", "claim_window_days")
    column_details_list += ("subsidy_max", "description", "version", "active", "updated_at")
    column_labels = {**LABELS, "fields": _l("Fields"), "template": _l("Source")}
    column_formatters = {"fields": lambda v, c, m, n: len(m.fields), "template": source_mark}
    column_choices = {"kind": KINDS, "handling_level": HANDLING_LEVELS}
    column_searchable_list = ("code", "name")
    column_filters = ("kind", "handling_level", "active", category_filter(), street_filter())
    column_default_sort = "code"
    form_columns = ("code", "name", "category", "kind", "handling_level", "deadline_days")
    form_columns += ("response_hours", "claim_window_days", "subsidy_max", "description")
    form_columns += ("street", "active", "fields", "loaded_version")
    form_args = {name: {"label": LABELS[name]} for name in form_columns if name in LABELS}
    form_args["fields"] = {
        "label": _l("Field"),
        "description": _l("What each demand of this item records. Every change is a new version."),
        "widget": RenderTemplateWidget("admin/catalogue/inline_field_list.html"),
    }
    form_subdocuments = {
        "fields": {
            "form_subdocuments": {
                None: {
                    "form_columns": tuple(FIELD_LABELS),
                    "form_args": FIELD_ARGS,
                    "form_overrides": {"choices": ChoicesField},
                }
            }
        }
    }
    # The version the editor started from: a newer one saved meanwhile is not overwritten.
    form_extra_fields = {"loaded_version": HiddenField()}
    create_template = "admin/catalogue/item_create.html"
    edit_template = "admin/catalogue/item_edit.html"
    details_template = "admin/catalogue/item_details.html"

    def get_query(self):
        """A street's list shows each item once: its copy stands in for the template adopted."""
        street = own_street(current_user)
        query = super().get_query()
        return query.for_street(street) if street is not None else query

    def record_query(self):
        # An adopted template stays readable: its copy links to it.
        return super().get_query()

    def validate_form(self, form):
        entries = getattr(form, "fields", None)
        if not isinstance(entries, InlineFieldList):
            return super().validate_form(form)
        for entry in entries.entries:
            clear_unused(entry.form)
        valid = super().validate_form(form)
        live = [entry for entry in entries.entries if not entries.should_delete(entry)]
        problems = definition_errors([normalise(entry.form.data) for entry in live])
        for pos, messages in problems.items():
            for key, message in messages.items():
                target = live[pos].form[key] if key in live[pos].form else live[pos].form.name
                if not target.errors:  # one message per field: the form's own comes first
                    target.errors = [message]
        return valid and not problems

    def on_form_prefill(self, form, id):
        form.loaded_version.data = str(self.get_one(id).version)

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        if is_created:
            return
        version, old_specs = stored_fields(model.pk)
        loaded = form.loaded_version.data if hasattr(form, "loaded_version") else None
        if loaded and loaded != str(version):
            message = _("Someone else changed this item's fields meanwhile; reload the page.")
            raise mongoengine.ValidationError(message, errors={"fields": message})
        self.check_fit(model, old_specs, version)

    def check_fit(self, model, old_specs, version):
        """Stop the save when stored demands would not fit, unless the admin confirmed this."""
        found = unfit_demands(model, old_specs, version)
        if found is None or request.form.get("confirm_fit") == found.token:
            return
        g.fit_report = {
            "count": found.count,
            "token": found.token,
            "rows": [
                (doc["_id"], doc["ticket_no"], [(label(s, english()), r) for s, r in reasons])
                for doc, reasons in found.found[:FIT_SHOWN]
            ],
        }
        message = _("%(n)d demands already taken in would not fit these fields.", n=found.count)
        raise mongoengine.ValidationError(message, errors={"fields": message})

    def update_model(self, form, model):
        try:
            return super().update_model(form, model)
        except mongoengine.errors.SaveConditionError:
            flash(_("Someone else changed this item's fields meanwhile; reload the page."), "error")
            return False

    def field_attributes(self):
        """Which types use which attributes, for the form's script."""
        return for_page()

    def type_label(self, code):
        return choice_label(FIELD_TYPES, code)

    def history(self, model):
        """The item's versions, newest first, each with its changes, for the details page."""
        return history(model.pk)

    def change_label(self, change):
        return CHANGES[change.kind]

    def attribute_label(self, key):
        return FIELD_LABELS[key]

    def attribute_value(self, key, value):
        return shown_value(key, value)

    @action(
        "adopt",
        _l("Adopt into my street"),
        _l("Copy the selected district templates into your street's catalogue?"),
    )
    def action_adopt(self, ids):
        made = 0
        for template in self.get_query().filter(id__in=ids, street=None):
            _copy, new = template.adopt(current_user.street)
            made += new
        flash(_("%(n)d templates adopted; edit the copies to fit your street.", n=made), "success")

    def adoptable(self, model):
        """True when the user's street may adopt this template and has not yet."""
        if model.street is not None or not self.is_action_allowed("adopt"):
            return False
        return self.get_query().filter(pk=model.pk).count() == 1

    def is_action_allowed(self, name):
        if name == "adopt":
            return self.allowed(ADOPT) and current_user.street is not None
        return super().is_action_allowed(name)
