"""Earlier revisions of a published month, kept when the month is reopened."""

from mongoengine import DateTimeField, StringField

from models.clearance_report import ClearanceFigures


class ClearanceRevision(ClearanceFigures):
    """A frozen copy of a report as it was published; one per scope, month and revision."""

    archived_at = DateTimeField(required=True)
    archived_by = StringField(max_length=80)
    reason = StringField(max_length=500)

    meta = {
        "collection": "clearance_revisions",
        "indexes": [
            ("community", "-month"),
            ("level", "-month"),
            ("cleared", "-month"),
            ("honour", "-month"),
            {"fields": ["month", "street", "community", "revision"], "unique": True},
            ("street", "month", "-revision"),
            ("-month", "-revision", "-_id"),
        ],
        "ordering": ["-month", "-revision"],
    }
