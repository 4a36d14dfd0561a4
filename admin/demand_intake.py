"""The demand list around intake: what the worker is told on saving, the search box, the
duplicate marker, and voided or merged demands kept out of the default list."""

from flask import flash, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup

from models.choices import UNCOUNTED
from weimin.demands.intake import receipt
from weimin.demands.search import search_triples
from weimin.exports.description import any_of

DEFAULT_HIDDEN = ["status", "nin", list(UNCOUNTED)]


def duplicate_link(duplicate):
    """ "同一电话同一事项尚有未办结诉求 JD01-…，查看" with a link to the earlier demand."""
    url = url_for("demand.details_view", id=duplicate["id"])
    return Markup('<span class="duplicate-note">{}，<a href="{}">{}</a></span>').format(
        duplicate["message"], url, _("see it")
    )


def ticket_with_marker(view, context, model, name):
    """The ticket number, marked 重复? while intake's duplicate suspicion is undecided."""
    if model._data.get("duplicate_of") is None or model.duplicate_state == "merged":
        return model.ticket_no
    text = _("duplicate?") if model.duplicate_state is None else _("linked")
    return Markup('{} <span class="badge badge-warning duplicate-marker">{}</span>').format(
        model.ticket_no, text
    )


class DemandIntakeMixin:
    """Hooks of the demand view that concern taking demands in and finding them again."""

    def after_model_change(self, form, model, is_created):
        super().after_model_change(form, model, is_created)
        if is_created:
            told = receipt(model)
            text = Markup('<span class="receipt">{}</span>').format(told["message"])
            if told["duplicate"]:
                text += Markup(" ") + duplicate_link(told["duplicate"])
            flash(text, "info")

    def get_save_return_url(self, model, is_created=False):
        if is_created:  # the details page shows the number, the deadline and what comes next
            return self.get_url(".details_view", id=model.pk)
        return super().get_save_return_url(model, is_created)

    def search_placeholder(self):
        return _("Search: ticket number, resident's name, phone (all or last 4 digits)")

    def _search(self, query, search_term):
        return query.filter(any_of(search_triples(search_term)))

    def export_search(self, text):
        return search_triples(text) if text else []

    def _status_filtered(self, filters):
        columns = (getattr(self._filters[index], "column", None) for index, *_ in filters or ())
        # A filter's column is the field, or its name for the choice filters.
        return any(getattr(column, "name", column) == "status" for column in columns)

    def get_query(self):
        """Voided and merged demands leave the list unless a status filter asks for them."""
        query = super().get_query()
        if request.endpoint == f"{self.endpoint}.index_view" and not self._status_filtered(
            self._get_list_filter_args()
        ):
            query = query.filter(status__nin=UNCOUNTED)
        return query

    def export_filters(self, filters):
        triples = super().export_filters(filters)
        return triples if self._status_filtered(filters) else [*triples, DEFAULT_HIDDEN]
