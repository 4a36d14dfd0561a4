"""The parts of a topic: its meeting, pledges, evaluation and timeline (embedded documents)."""

from mongoengine import (
    DateField,
    DateTimeField,
    Decimal128Field,
    EmbeddedDocument,
    EmbeddedDocumentField,
    IntField,
    ListField,
    StringField,
)

from models.base import utcnow
from models.fund import Fund
from models.organisation import Organisation
from models.references import ReferenceField
from models.topic_choices import (
    DECISION_MODES,
    MEETING_OUTCOMES,
    PARTIES,
    PLEDGE_KINDS,
    TOPIC_ACTIONS,
    TOPIC_STATUSES,
)


class Participant(EmbeddedDocument):
    """Who sat at the table for one party (names or units, free text)."""

    party = StringField(required=True, choices=PARTIES)
    names = StringField(required=True, max_length=200)


class Option(EmbeddedDocument):
    """One option put to the meeting, with the votes it got (None under consensus)."""

    text = StringField(required=True, max_length=200)
    votes = IntField(min_value=0)


class Meeting(EmbeddedDocument):
    """The deliberation meeting (议): who came, what was said, how it was decided."""

    date = DateField(required=True)
    participants = ListField(EmbeddedDocumentField(Participant))
    minutes = StringField(required=True, max_length=5000)
    options = ListField(EmbeddedDocumentField(Option))
    mode = StringField(required=True, choices=DECISION_MODES)
    outcome = StringField(required=True, choices=MEETING_OUTCOMES)
    decision = StringField(required=True, max_length=1000)


class Pledge(EmbeddedDocument):
    """A resource pledged (筹). Money is only promised here: it moves through the fund's ledger."""

    kind = StringField(required=True, choices=PLEDGE_KINDS)
    text = StringField(required=True, max_length=300)
    fund = ReferenceField(Fund)
    amount = Decimal128Field(min_value=0)
    organisation = ReferenceField(Organisation)
    people = IntField(min_value=0)  # volunteers pledged
    at = DateTimeField(default=utcnow)


class TopicEvaluation(EmbeddedDocument):
    """The residents' evaluation of the outcome (评), published on the board."""

    satisfied = IntField(required=True, min_value=0)
    basically = IntField(required=True, min_value=0)
    dissatisfied = IntField(required=True, min_value=0)
    comments = StringField(max_length=2000)
    at = DateTimeField(default=utcnow)

    @property
    def total(self):
        return self.satisfied + self.basically + self.dissatisfied


class TopicStep(EmbeddedDocument):
    """One step of a topic's timeline."""

    at = DateTimeField(required=True, default=utcnow)
    actor = StringField(max_length=80)
    action = StringField(required=True, choices=TOPIC_ACTIONS)
    from_status = StringField(choices=TOPIC_STATUSES)
    to_status = StringField(choices=TOPIC_STATUSES)
    note = StringField(max_length=1000)
