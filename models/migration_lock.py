"""The lease that lets one process at a time run the data migrations."""

from mongoengine import DateTimeField, Document, StringField


class MigrationLock(Document):
    """Held by the process migrating now; a lease not renewed for long may be taken over.

    Taken and released with raw conditional writes (weimin/store/migrations.py). It is not
    part of an export: a lock makes sense only for the processes of one deployment.
    """

    name = StringField(primary_key=True)
    owner = StringField(required=True, max_length=200)
    taken_at = DateTimeField()
    renewed_at = DateTimeField()

    meta = {"collection": "migration_lock"}

    def __str__(self):
        return f"{self.name} held by {self.owner}"
