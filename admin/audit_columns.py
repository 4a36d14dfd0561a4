"""The audit trail's actor column and its coded filters, in words: never a stored code."""

from flask_admin.babel import lazy_gettext as admin_l
from flask_admin.contrib.mongoengine.filters import BaseMongoEngineFilter
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from mongoengine import Q

from admin.people_names import person
from models import User
from weimin.store.audit_labels import actor_text


class LabelledChoiceFilter(BaseMongoEngineFilter):
    """Equals one coded value, offered by its label; a link may still carry the code."""

    def __init__(self, column, name, choices):
        # The label is the option's value too: the page's filter data holds words, not codes.
        super().__init__(column, name, options=tuple((text, text) for _code, text in choices))
        self.choices = choices

    def clean(self, value):
        by_label = {str(text): code for code, text in self.choices}
        return by_label.get(value, value)

    def validate(self, value):
        return self.clean(value) in {code for code, _text in self.choices}

    def apply(self, query, value):
        return query.filter(**{self.column: value})

    def operation(self):
        return admin_l("equals")


class ActorFilter(BaseMongoEngineFilter):
    """Who acted, by a person's name (or part of it) or the account's username."""

    def apply(self, query, value):
        usernames = User.objects(name__icontains=value).distinct("username")
        return query.filter(Q(actor__icontains=value) | Q(actor_kind="user", actor__in=usernames))

    def operation(self):
        return admin_l("contains")


def actor_column(view, context, model, name):
    """The person's name (the account kept in data-actor), a job's kind or a migration."""
    shown = person(model.actor) if model.actor_kind == "user" else actor_text(model)
    return Markup('<span class="audit-actor" data-actor="{}">{}</span>').format(model.actor, shown)


# Fields of audited records that no list shows, named for the trail's before/after table.
UNLISTED_FIELDS = {
    "topic": _l("Topic"),
    "phone_tail": _l("Phone last digits"),
    "subsidy_released": _l("Subsidy released"),
    "subsidy_released_at": _l("Subsidy released at"),
    "duplicate_state": _l("Duplicate check"),
    "follow_up": _l("Follow-up"),
    "follow_up_of": _l("Follow-up of"),
    "rev": _l("Revision"),
    "fields": _l("Item fields"),
    "created_by": _l("Created by"),
    "name_pinyin": _l("Name in pinyin"),
    "name_initials": _l("Name initials"),
    "holder": _l("Holder"),
    "total_hours": _l("Total hours"),
    "lines": _l("Lines"),
    "first_date": _l("First activity"),
    "last_date": _l("Last activity"),
    "fingerprint": _l("Fingerprint"),
    "issued_at": _l("Issued at"),
    "sort_score": _l("Score for sorting"),
    "scale": _l("Scale"),
    "rule_set_code": _l("Rule set code"),
    "total": _l("To process"),
    "done": _l("Processed"),
    "owner": _l("Owner"),
    "source": _l("Source"),
    "path": _l("Path"),
    "args": _l("Filter"),
    "fmt": _l("File format"),
    "scope": _l("Scope"),
    "filename": _l("File name"),
    "message": _l("Message"),
    "file_id": _l("File"),
    "size": _l("Size"),
    "task_id": _l("Task id"),
    "attempts": _l("Attempts"),
    "finished_at": _l("Finished at"),
    "expires_at": _l("Expires at"),
    "_id": _l("Migration number"),
    "started_at": _l("Started at"),
    "counts": _l("Counts"),
    "error": _l("Error"),
}
