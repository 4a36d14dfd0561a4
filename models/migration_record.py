"""What happened to one data migration in this database."""

from mongoengine import DateTimeField, DictField, Document, IntField, StringField

MIGRATION_STATUSES = ("running", "done", "failed")


class MigrationRecord(Document):
    """One numbered data migration: running, done or failed, when, its counts and its error.

    The records travel with the data (`flask data export` writes them), because they say which
    shape the stored documents are in.
    """

    number = StringField(primary_key=True, regex=r"^\d{4}$")
    name = StringField(required=True, max_length=120)
    status = StringField(required=True, choices=MIGRATION_STATUSES)
    started_at = DateTimeField()
    finished_at = DateTimeField()
    counts = DictField()
    error = StringField(max_length=2000)
    # The process that ran it last; its writes to the record are conditional on this.
    owner = StringField(max_length=200)
    attempts = IntField(default=0, min_value=0)

    meta = {"collection": "migrations", "indexes": ["status"], "ordering": ["number"]}

    def __str__(self):
        return f"{self.number} {self.name}"
