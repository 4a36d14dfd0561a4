from flask_babel import lazy_gettext as _l
from mongoengine import DateTimeField, DictField, Document, IntField, ObjectIdField, StringField
from mongoengine.errors import OperationError

from models.base import utcnow

AUDIT_ACTIONS = (
    ("create", _l("Created")),
    ("update", _l("Changed")),
    ("delete", _l("Deleted")),
    ("bulk", _l("Bulk write")),
    ("import", _l("Imported")),
    ("login", _l("Signed in")),
    ("login_failed", _l("Sign-in failed")),
    ("logout", _l("Signed out")),
    ("export", _l("Exported")),
    ("download", _l("Downloaded")),
    ("publish", _l("Published")),
    ("reopen", _l("Reopened")),
    ("job", _l("Job run")),
    ("revoke", _l("Revoked")),
    ("correction", _l("Correction requested")),
    ("void", _l("Voided")),
    ("merge", _l("Merged or linked")),
    ("print", _l("Printed")),
)
# Who wrote: a signed-in user, an API token, a job, a command, the system, or nobody signed in.
ACTOR_KINDS = (
    ("user", _l("Staff user")),
    ("token", _l("API token")),
    ("job", _l("Background job")),
    ("cli", _l("Command line")),
    ("system", _l("System")),
    ("anonymous", _l("Anonymous visitor")),
)


class AuditEntry(Document):
    """One write (or sign-in) in the append-only audit trail."""

    at = DateTimeField(required=True, default=utcnow)
    actor_kind = StringField(required=True, max_length=10, choices=ACTOR_KINDS)
    actor = StringField(required=True, max_length=80)
    action = StringField(required=True, choices=AUDIT_ACTIONS)
    collection = StringField(max_length=60)
    doc_id = StringField(max_length=60)
    subject = StringField(max_length=200)  # the record's ticket number or name when written
    street = ObjectIdField()
    changes = DictField()
    count = IntField()
    summary = StringField(max_length=500)
    ip = StringField(max_length=45)
    path = StringField(max_length=300)

    meta = {
        "collection": "audit_entries",
        "indexes": [
            ("actor_kind", "-at"),
            ("doc_id", "-at"),
            ("-at", "-_id"),
            ("street", "-at", "-_id"),
            ("collection", "doc_id", "-at"),
            ("actor", "-at"),
            ("subject", "-at"),
            ("action", "-at"),
        ],
        "ordering": ["-at"],
    }

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise OperationError("audit entries are append-only")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise OperationError("audit entries are append-only")

    def update(self, *args, **kwargs):
        raise OperationError("audit entries are append-only")
