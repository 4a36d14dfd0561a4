"""A topic's step pages: one form per step (议 meeting, 筹 pledge, 办 demand, 评 evaluation, close).

The moves and their checks are weimin.topics.steps' and weimin.topics.moves'; this only turns
forms into their data and their messages back onto the fields.
"""

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, flash, redirect, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.scope import scoped_objects
from admin.topic_forms import FORMS, ON_FORM, meeting_data
from models import CatalogueItem, Fund, Organisation
from models.choices import label
from models.topic_choices import PARTIES, PLEDGE_KINDS, TOPIC_STATUSES
from weimin.access import EDIT, shown
from weimin.core.money import yuan
from weimin.topics import steps
from weimin.topics.carry import KINDS
from weimin.topics.errors import Conflict, TopicError


def _pick(query, value):
    try:
        return query.filter(pk=ObjectId(value)).first() if value else None
    except (InvalidId, TypeError):
        return None


def funds_for(topic):
    """Open funds that serve the topic's community, with what each can still give."""
    funds = scoped_objects(Fund).filter(street=topic.street, status="open")
    return [f for f in funds if f.community is None or f.community.pk == topic.community.pk]


def items_for(topic):
    items = CatalogueItem.objects.for_street(topic.street).filter(kind__in=KINDS, active=True)
    return list(items.only("code", "name", "kind").order_by("code"))


class TopicPagesMixin:
    """Routes of TopicView beyond Flask-Admin's; `get_one` keeps them inside the scope."""

    def topic_context(self, topic):
        return {
            "status_label": lambda code: label(TOPIC_STATUSES, code) if code else "",
            "action_label": steps.action_label,
            "party_label": lambda code: label(PARTIES, code),
            "pledge_label": lambda code: label(PLEDGE_KINDS, code),
            "actions": steps.available(topic) if self.allowed(EDIT) else [],
            "yuan": yuan,
            "raiser_phone": shown(current_user, topic, "raiser_phone"),
        }

    def _form(self, topic, action):
        form = FORMS[action]()
        if action == "pledge":
            form.fund.choices = [("", "—")] + [
                (
                    str(f.pk),
                    _("%(fund)s (available %(left)s yuan)", fund=f.name, left=yuan(f.available)),
                )  # fmt: skip
                for f in funds_for(topic)
            ]
            orgs = scoped_objects(Organisation).filter(street=topic.street, active=True)
            form.organisation.choices = [("", "—")] + [
                (str(o.pk), o.name) for o in orgs.only("name").order_by("name")
            ]
        if action == "carry_out":
            form.item.choices = [("", "—")] + [(str(i.pk), i.name) for i in items_for(topic)]
            if request.method == "GET":
                form.description.data = topic.description
                form.resident_name.data = topic.raiser_name
                form.resident_phone.data = topic.raiser_phone
        return form

    def _data(self, topic, action, form):
        if action == "deliberate":
            return meeting_data(form)
        data = {name: field.data for name, field in form._fields.items()}
        if action == "pledge":
            data["fund"] = _pick(Fund.objects(pk__in=[f.pk for f in funds_for(topic)]),
                                 form.fund.data)  # fmt: skip
            data["organisation"] = _pick(scoped_objects(Organisation), form.organisation.data)
        if action == "carry_out":
            data["item"] = next((i for i in items_for(topic) if str(i.pk) == form.item.data),
                                None)  # fmt: skip
        return data

    @expose("/step/", methods=("GET", "POST"))
    def step_view(self):
        """The form of one step; on success the topic's page with its timeline."""
        topic = self.get_one(request.args.get("id"))
        action = request.args.get("do")
        if action not in FORMS:
            abort(404)
        back = self.get_url(".details_view", id=str(topic.pk))
        if request.method == "POST" and not self.allowed(EDIT):
            abort(403)
        if not self.allowed(EDIT) or action not in steps.available(topic):
            try:
                steps.check(topic, action)
            except TopicError as exc:
                flash(exc.message, "error")
            return redirect(back)
        form = self._form(topic, action)
        if request.method == "POST" and form.validate_on_submit():
            try:
                steps.apply(topic, action, current_user.username, self._data(topic, action, form))
            except TopicError as exc:
                self._put(form, exc)
            except Conflict as exc:
                flash(str(exc), "error")
            else:
                flash(_("%(step)s: done.", step=steps.action_label(action)), "success")
                return redirect(back)
        return self.render("admin/topic/step.html", topic=topic, form=form, action=action,
                           action_text=steps.action_label(action))  # fmt: skip

    @staticmethod
    def _put(form, exc):
        placed = False
        for name, messages in exc.errors.items():
            field = getattr(form, ON_FORM.get(name, name), None)
            if field is not None:
                field.errors = [*field.errors, *map(str, messages)]
                placed = True
            else:
                for message in messages:
                    flash(str(message), "error")
        if not placed and not exc.errors:
            flash(exc.message, "error")
        elif placed:
            flash(exc.message, "error")
