import hashlib
from decimal import Decimal

from mongoengine import (
    DateField,
    DateTimeField,
    Decimal128Field,
    Document,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.base import utcnow
from models.codes import new_code
from models.references import ReferenceField
from models.service_record import ServiceRecord
from models.volunteer import Volunteer


class CertificateLine(EmbeddedDocument):
    """Hours and content recorded by one organisation."""

    organisation = StringField(required=True, max_length=100)
    activities = IntField(required=True, min_value=1)
    hours = Decimal128Field(required=True, min_value=0)
    content = StringField(max_length=1000)


class Certificate(Document):
    """A volunteer service certificate (Art. 15), frozen when issued; checkable by its code.

    `holder` is the masked name: the public check shows no personal data.
    """

    code = StringField(required=True, max_length=19)
    volunteer = ReferenceField(Volunteer, required=True)
    holder = StringField(required=True, max_length=30)
    total_hours = Decimal128Field(required=True, min_value=0)
    lines = ListField(EmbeddedDocumentField(CertificateLine))
    first_date = DateField()
    last_date = DateField()
    fingerprint = StringField(required=True, max_length=64)
    issued_at = DateTimeField(required=True, default=utcnow)

    meta = {
        "collection": "certificates",
        "indexes": [
            {"fields": ["code"], "unique": True},
            ("volunteer", "fingerprint"),
            ("volunteer", "-issued_at"),
        ],
        "ordering": ["-issued_at"],
    }

    def __str__(self):
        return self.code

    @classmethod
    def issue(cls, volunteer, holder):
        """The certificate over the approved records; the same one while nothing changed."""
        records = list(
            ServiceRecord.objects(volunteer=volunteer, status="approved").order_by(
                "activity_date", "id"
            )
        )
        if not records:
            return None
        counted = [
            (r, Decimal(r.credited_hours if r.credited_hours is not None else r.hours))
            for r in records
        ]
        key = "|".join(f"{r.pk}:{hours}" for r, hours in counted)
        fingerprint = hashlib.sha256(key.encode()).hexdigest()
        existing = cls.objects(volunteer=volunteer, fingerprint=fingerprint).first()
        if existing:
            return existing
        lines = {}
        for record, hours in counted:
            line = lines.setdefault(record.organisation.name, [0, Decimal(0), []])
            line[0] += 1
            line[1] += hours
            if record.activity_name not in line[2]:
                line[2].append(record.activity_name)
        return cls(
            code=new_code(),
            volunteer=volunteer,
            holder=holder,
            total_hours=sum((hours for _, hours in counted), Decimal(0)),
            lines=[
                CertificateLine(
                    organisation=name, activities=n, hours=h, content="、".join(names)[:1000]
                )
                for name, (n, h, names) in lines.items()
            ],
            first_date=records[0].activity_date,
            last_date=records[-1].activity_date,
            fingerprint=fingerprint,
        ).save()
