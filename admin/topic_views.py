"""Deliberation topics (议题): the list, raising a topic (also from a demand) and its page."""

from bson import ObjectId
from bson.errors import InvalidId
from flask import request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from mongoengine.queryset.visitor import Q

from admin.base import SecureModelView
from admin.filters import community_filter, street_filter
from admin.labels import LABELS
from admin.scope import scoped_objects
from admin.topic_pages import TopicPagesMixin
from models import Demand, Topic, Visit
from models.choices import label
from models.topic_choices import TOPIC_SOURCES, TOPIC_STATUSES
from weimin.access import CREATE, may, shown
from weimin.access.scope import visits_in_scope
from weimin.core.timefmt import local_time
from weimin.topics.raising import from_demand, from_visit, place_visit, prepare

TOPIC_LABELS = {
    **LABELS,
    "title": _l("Topic"),
    "description": _l("What is to be deliberated"),
    "source": _l("How it was raised"),
    "status": _l("Step"),
    "supporters": _l("Supporters"),
    "raiser_name": _l("Raised by"),
    "raiser_phone": _l("Raiser's phone"),
    "demand": _l("From demand"),
    "grid": _l("Grid"),
    "visit": _l("From visit"),
    "demands": _l("Carried out as"),
    "created_at": _l("Raised at"),
    "created_by": _l("Recorded by"),
    "close_reason": _l("Reason not adopted"),
    "meeting": _l("Meeting"),
    "pledges": _l("Pledged resources"),
    "done_at": _l("Carried out at"),
    "evaluated_at": _l("Evaluation recorded at"),
}
FORM_FIELDS = ("community", "title", "description", "source", "supporters", "raiser_name",
               "raiser_phone", "demand")  # fmt: skip
RAISED_BY = [c for c in TOPIC_SOURCES if c[0] in ("community", "resident", "demand", "visit")]


def _title(view, context, model, name):
    url = view.get_url(".details_view", id=str(model.pk))
    return Markup('<a href="{}" class="topic-link">{}</a>').format(url, model.title)


def _visit(view, context, model, name):
    visit = model.visit
    return f"{visit.place} · {local_time(visit.visited_at)}" if visit else ""


def _phone(view, context, model, name):
    return shown(current_user, model, "raiser_phone") or ""


class TopicView(TopicPagesMixin, SecureModelView):
    """Each topic's page shows its five steps, its timeline and the next step's button."""

    column_labels = TOPIC_LABELS
    column_list = ("title", "community", "status", "supporters", "source", "created_at")
    column_choices = {"status": TOPIC_STATUSES, "source": TOPIC_SOURCES}
    column_formatters = {"title": _title}
    column_formatters_detail = {"raiser_phone": _phone, "visit": _visit}
    column_details_list = ("title", "street", "community", "status", "source", "description",
                           "supporters", "raiser_name", "raiser_phone", "demand", "grid", "visit",
                           "created_at", "created_by")  # fmt: skip
    column_searchable_list = ("title",)
    column_filters = ("status", "source", street_filter(), community_filter())
    column_default_sort = ("created_at", True)
    form_columns = FORM_FIELDS
    form_args = {name: {"label": TOPIC_LABELS[name]} for name in FORM_FIELDS}
    form_choices = {"source": RAISED_BY}
    form_ajax_refs = {"demand": {"fields": ("ticket_no",), "page_size": 10}}
    details_template = "admin/topic/details.html"

    def create_form(self, obj=None):
        form = super().create_form(obj)
        demand, visit = self._demand_asked(), self._visit_asked()
        if request.method == "GET":
            start = from_demand(demand) if demand else from_visit(visit) if visit else {}
            for name, value in start.items():
                getattr(form, name).data = value
        return form

    def _visit_asked(self):
        """The visit log of ?visit=<id> (the button on a visit's page), inside the scope."""
        try:
            pk = ObjectId(request.args.get("visit", ""))
        except (InvalidId, TypeError):
            return None
        return visits_in_scope(current_user, Visit).filter(pk=pk).first()

    def _demand_asked(self):
        """The demand of ?demand=<id> (the button on a demand's page), inside the scope."""
        try:
            pk = ObjectId(request.args.get("demand", ""))
        except (InvalidId, TypeError):
            return None
        return scoped_objects(Demand).filter(pk=pk).first()

    def edit_form(self, obj=None):
        form = super().edit_form(obj)
        del form.community, form.source, form.demand  # where and how it was raised stay
        return form

    def on_model_change(self, form, model, is_created):
        super().on_model_change(form, model, is_created)
        visit = self._visit_asked() if is_created else None
        if visit is not None:
            place_visit(model, visit)
        prepare(model, current_user.username, is_created)


def _demand_topics(demand):
    """Topics raised from the demand or carried out as it, as links for its page."""
    found = Topic.objects(Q(demand=demand.pk) | Q(demands=demand.pk)).only("title", "status")
    return [{"pk": t.pk, "title": t.title, "step": label(TOPIC_STATUSES, t.status)}
            for t in found.limit(10)]  # fmt: skip


def _visit_topics(visit):
    """Topics raised from a visit log, as links for its page."""
    found = Topic.objects(visit=visit.pk).only("title", "status").limit(10)
    return [{"pk": t.pk, "title": t.title, "step": label(TOPIC_STATUSES, t.status)} for t in found]


def init_topic_links(app):
    """What a demand's and a visit's pages need to link their topics and raise one."""
    app.jinja_env.globals["demand_topics"] = _demand_topics
    app.jinja_env.globals["visit_topics"] = _visit_topics
    app.jinja_env.globals["may_raise_topic"] = lambda: may(current_user, "topic", CREATE)
