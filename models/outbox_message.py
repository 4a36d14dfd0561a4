"""One message of the outbox: an event someone should hear about, and how sending it went."""

from flask_babel import lazy_gettext as _l
from mongoengine import DateTimeField, Document, IntField, ObjectIdField, StringField

from models.base import utcnow

MESSAGE_EVENTS = (
    ("received", _l("Demand received")),
    ("assigned", _l("Demand assigned")),
    ("overdue", _l("Demand overdue")),
    ("answered", _l("Demand answered")),
    ("claim_expiring", _l("Claim expiring")),
    ("record_approved", _l("Service hours approved")),
)
MESSAGE_STATUSES = (
    ("pending", _l("Waiting to be sent")),
    ("sent", _l("Sent")),
    ("failed", _l("Sending failed (will retry)")),
    ("gave_up", _l("Gave up")),
    ("cancelled", _l("Cancelled (the event did not happen)")),
)
# "inbox": shown in the back office only (a community has no phone of its own).
MESSAGE_CHANNELS = (
    ("sms", _l("SMS")),
    ("wechat", _l("WeChat template message")),
    ("inbox", _l("Back-office notice")),
)
RECIPIENT_KINDS = (
    ("resident", _l("The resident")),
    ("volunteer", _l("Volunteer")),
    ("organisation", _l("Organisation contact")),
    ("community", _l("Community")),
)


class OutboxMessage(Document):
    """A message written in the same path as its event; `key` makes a retried event a no-op."""

    key = StringField(required=True, max_length=200)
    event = StringField(required=True, choices=MESSAGE_EVENTS)
    channel = StringField(required=True, choices=MESSAGE_CHANNELS)
    recipient_kind = StringField(required=True, choices=RECIPIENT_KINDS)
    recipient_name = StringField(max_length=80)
    recipient_phone = StringField(max_length=20)
    text = StringField(required=True, max_length=500)
    # A path on the public site (follow link, evaluation link, /me/); the sender adds the host.
    link = StringField(max_length=500)
    # Plain ids (not references): a message outlives nothing it names and blocks no delete.
    street = ObjectIdField()
    community = ObjectIdField()
    demand = ObjectIdField()
    ticket_no = StringField(max_length=40)
    volunteer = ObjectIdField()
    organisation = ObjectIdField()
    record = ObjectIdField()
    # The timeline step (or deadline) that is the event: the sender checks it was stored.
    subject_at = DateTimeField()
    status = StringField(required=True, choices=MESSAGE_STATUSES, default="pending")
    attempts = IntField(default=0, min_value=0)
    # Attempts after which the sender gives up; a retry from the admin raises it.
    limit = IntField(default=6, min_value=1)
    next_attempt_at = DateTimeField()
    last_error = StringField(max_length=500)
    created_at = DateTimeField(required=True, default=utcnow)
    sent_at = DateTimeField()
    updated_at = DateTimeField(default=utcnow)

    meta = {
        "collection": "outbox_messages",
        "indexes": [
            {"fields": ["key"], "unique": True},
            ("status", "next_attempt_at"),
            ("demand", "created_at"),
            ("volunteer", "-created_at", "-_id"),
            ("-created_at", "-_id"),
            ("street", "-created_at", "-_id"),
            ("community", "-created_at", "-_id"),
            ("status", "-created_at", "-_id"),
            ("event", "-created_at", "-_id"),
            ("street", "status", "-created_at", "-_id"),
            ("community", "status", "-created_at", "-_id"),
            ("street", "event", "-created_at", "-_id"),
            ("community", "event", "-created_at", "-_id"),
        ],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        return self.key
