"""A person's own messages: the volunteer's under /me/messages, the resident's as an include.

The resident pages show `messages_for_demand(demand)` with public/_messages.html; both pages
name events and statuses through the filters registered here.
"""

from flask import g, render_template

from admin.me import bp
from models.choices import label
from models.outbox_message import MESSAGE_EVENTS, MESSAGE_STATUSES
from weimin.notify import messages_for_volunteer

# What a person is told of a message's state: whether it went out, not how sending went.
PERSON_STATUS = {"failed": "pending", "gave_up": "pending"}


@bp.app_template_filter("message_event")
def message_event(code):
    return label(MESSAGE_EVENTS, code)


@bp.app_template_filter("message_status")
def message_status(code):
    return label(MESSAGE_STATUSES, PERSON_STATUS.get(code, code))


@bp.get("/messages")
def messages():
    return render_template("volunteer/messages.html", messages=messages_for_volunteer(g.volunteer))
