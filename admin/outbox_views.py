"""The outbox in the back office: every message of the user's scope, how sending went, and a
retry for the failed ones. Personal data is masked in the list; read-only otherwise."""

from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from admin.base import SecureModelView
from admin.labels import LABELS
from models.choices import label
from models.outbox_message import (
    MESSAGE_CHANNELS,
    MESSAGE_EVENTS,
    MESSAGE_STATUSES,
    RECIPIENT_KINDS,
)
from weimin.access import shown
from weimin.access.masking import mask_name, mask_phone
from weimin.access.policy import RETRY
from weimin.notify.senders import configured_channels
from weimin.notify.sending import retry

COLOURS = {"pending": "secondary", "sent": "success", "failed": "warning", "gave_up": "danger",
           "cancelled": "light"}  # fmt: skip
RETRYABLE = ("failed", "gave_up")
OUTBOX_LABELS = {
    **LABELS,
    "created_at": _l("Time"),
    "event": _l("Event"),
    "channel": _l("Sending channel"),
    "recipient_kind": _l("Recipient type"),
    "recipient_name": _l("Recipient"),
    "recipient_phone": _l("Recipient phone"),
    "ticket_no": _l("Ticket number"),
    "text": _l("Message text"),
    "link": _l("Link"),
    "status": _l("Status"),
    "attempts": _l("Attempts"),
    "last_error": _l("Last error"),
    "next_attempt_at": _l("Next attempt"),
    "sent_at": _l("Sent at"),
    "key": _l("Message key"),
    "limit": _l("Attempts allowed"),
    "record": _l("Service record"),
    "subject_at": _l("Event time"),
}


def _recipient(view, context, model, name):
    """Who it went to, masked: a person's surname and phone ends; a community by name."""
    kind = label(RECIPIENT_KINDS, model.recipient_kind)
    if model.recipient_kind == "community":
        return f"{kind}：{model.recipient_name or ''}"
    masked = " ".join(filter(None, [mask_name(model.recipient_name),
                                    mask_phone(model.recipient_phone)]))  # fmt: skip
    return f"{kind}：{masked}"


def _phone(view, context, model, name):
    return shown(current_user, model, "recipient_phone", kind="phone")


def _status(view, context, model, name):
    text = label(MESSAGE_STATUSES, model.status)
    badge = Markup('<span class="badge badge-{}" data-status="{}">{}</span>').format(
        COLOURS.get(model.status, "light"), model.status, text
    )
    if model.status == "pending" and model.channel not in configured_channels():
        badge += Markup(' <small class="text-muted no-sender">{}</small>').format(
            _("no sender configured")
        )
    if model.status in RETRYABLE and view.allowed(RETRY):
        badge += Markup(
            '<form method="post" action="{}" class="d-inline retry-form">'
            '<input type="hidden" name="csrf_token" value="{}">'
            '<input type="hidden" name="id" value="{}">'
            '<button class="btn btn-sm btn-outline-primary ml-1">{}</button></form>'
        ).format(view.get_url(".retry_view"), generate_csrf(), model.pk, _("Retry"))
    return badge


class OutboxMessageView(SecureModelView):
    scope = {"street": "street", "community": "community"}
    can_create = can_edit = can_delete = False
    list_template = "admin/outbox/list.html"
    column_labels = OUTBOX_LABELS
    column_list = ("created_at", "event", "channel", "recipient_name", "ticket_no", "status",
                   "attempts", "last_error")  # fmt: skip
    column_details_list = ("created_at", "event", "channel", "recipient_kind", "recipient_name",
                           "recipient_phone", "ticket_no", "text", "link", "status", "attempts",
                           "last_error", "next_attempt_at", "sent_at")  # fmt: skip
    column_choices = {"event": MESSAGE_EVENTS, "channel": MESSAGE_CHANNELS,
                      "status": MESSAGE_STATUSES, "recipient_kind": RECIPIENT_KINDS}  # fmt: skip
    column_filters = ("status", "event")
    column_sortable_list = ("created_at",)
    column_default_sort = [("created_at", True)]
    column_formatters = {"recipient_name": _recipient, "status": _status}
    column_formatters_detail = {"recipient_name": _recipient, "recipient_phone": _phone,
                                "status": _status}  # fmt: skip

    def list_references(self):
        return []  # plain ids: nothing to load

    def render(self, template, **kwargs):
        kwargs.setdefault("senders", configured_channels())
        return super().render(template, **kwargs)

    @expose("/retry/", methods=("POST",))
    def retry_view(self):
        """Send a failed message again (audited); a message that moved on is left alone."""
        if not self.allowed(RETRY):
            abort(403)
        message = self.get_one(request.form.get("id"))
        if retry(message):
            flash(_("The message will be sent again."), "success")
        else:
            flash(_("Only a failed message can be sent again."), "warning")
        return redirect(url_for(".index_view"))
