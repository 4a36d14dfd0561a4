"""A large spreadsheet export built in the background, and the file it left in GridFS."""

from flask_babel import lazy_gettext as _l
from mongoengine import (
    DateTimeField,
    DictField,
    Document,
    IntField,
    ListField,
    ReferenceField,
    StringField,
)

from models.base import utcnow
from models.user import User

EXPORT_STATUSES = (
    ("queued", _l("Queued")),
    ("running", _l("Running")),
    ("done", _l("Done")),
    ("failed", _l("Failed")),
    ("expired", _l("Expired")),
)
EXPORT_FORMATS = ("xlsx", "csv")


class ExportJob(Document):
    """Who asked for which list, how far the file is, and until when it can be downloaded.

    `description` says what the file holds (weimin.exports.description): the worker builds
    the rows from it, with the owner's scope, masking and language; the path and arguments of
    the request are kept to recognise the same export asked for twice.
    """

    owner = ReferenceField(User, required=True)
    source = StringField(required=True, max_length=80)  # the list or report exported
    description = DictField()
    path = StringField(required=True, max_length=2000)
    args = ListField(ListField(StringField()))  # [[name, value], …] as the request had them
    fmt = StringField(required=True, choices=EXPORT_FORMATS)
    scope = StringField(max_length=200)  # the owner's role and area when asked (downloads check it)
    locale = StringField(max_length=20)
    filename = StringField(required=True, max_length=200)
    status = StringField(required=True, choices=EXPORT_STATUSES, default="queued")
    total = IntField(default=0)
    done = IntField(default=0)
    message = StringField(max_length=1000)
    # A random token, not an ObjectId: knowing when a file was made gives nothing to guess.
    # (Files made before may still carry an ObjectId until they expire; both are read.)
    file_id = StringField(max_length=64)
    size = IntField()
    task_id = StringField(max_length=64)
    attempts = IntField(default=0)
    created_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField()
    expires_at = DateTimeField()

    meta = {
        "collection": "export_jobs",
        "indexes": [
            ("owner", "-created_at"),
            ("owner", "status"),
            ("status", "expires_at"),
            ("status", "created_at"),
            "file_id",
            "-created_at",
        ],
        "ordering": ["-created_at"],
    }

    def __str__(self):
        return self.filename
