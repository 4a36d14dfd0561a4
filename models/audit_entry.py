from mongoengine import DateTimeField, DictField, Document, IntField, ObjectIdField, StringField
from mongoengine.errors import OperationError

from models.base import utcnow

AUDIT_ACTIONS = (
    ("create", "create"),
    ("update", "update"),
    ("delete", "delete"),
    ("bulk", "bulk"),
    ("import", "import"),
    ("login", "login"),
    ("login_failed", "login_failed"),
    ("logout", "logout"),
    ("export", "export"),
    ("download", "download"),
)


class AuditEntry(Document):
    """One write (or sign-in) in the append-only audit trail."""

    at = DateTimeField(required=True, default=utcnow)
    actor_kind = StringField(required=True, max_length=10)  # user, token, job, cli, system
    actor = StringField(required=True, max_length=80)
    action = StringField(required=True, choices=AUDIT_ACTIONS)
    collection = StringField(max_length=60)
    doc_id = StringField(max_length=60)
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
            "-at",
            ("street", "-at"),
            ("collection", "doc_id", "-at"),
            ("actor", "-at"),
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
