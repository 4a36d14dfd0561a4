"""The forms of a topic's steps; the rules that check them are weimin.topics'."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, NumberRange, Optional

from models.topic_choices import DECISION_MODES, MEETING_OUTCOMES, PARTIES, PLEDGE_KINDS

OPTIONS = 4  # options a meeting form offers
COUNT = [Optional(), NumberRange(min=0)]


class NoteForm(FlaskForm):
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])


class MeetingForm(FlaskForm):
    date = DateField(_l("Meeting date"), validators=[Optional()])
    minutes = TextAreaField(_l("Minutes"), validators=[Optional(), Length(max=5000)])
    mode = RadioField(_l("How it was decided"), choices=DECISION_MODES, validators=[Optional()])
    outcome = RadioField(_l("Outcome"), choices=MEETING_OUTCOMES, validators=[Optional()])
    decision = TextAreaField(_l("Decision"), validators=[Optional(), Length(max=1000)])


for _code, _party in PARTIES:
    setattr(MeetingForm, f"party_{_code}", StringField(_party, validators=[Length(max=200)]))
for _n in range(OPTIONS):
    setattr(MeetingForm, f"option_{_n}", StringField(_l("Option"), validators=[Length(max=200)]))
    setattr(MeetingForm, f"votes_{_n}", IntegerField(_l("Votes"), validators=COUNT))


class PledgeForm(FlaskForm):
    kind = SelectField(_l("Resource"), choices=[("", "—"), *PLEDGE_KINDS])
    text = StringField(_l("Who pledges what"), validators=[Length(max=300)])
    fund = SelectField(_l("Fund"), choices=[], validate_choice=False)
    amount = StringField(_l("Amount (yuan)"))
    organisation = SelectField(_l("Organisation"), choices=[], validate_choice=False)
    people = IntegerField(_l("Volunteers pledged"), validators=COUNT)


class CarryForm(FlaskForm):
    item = SelectField(_l("Micro-project or micro-affair item"), choices=[],
                       validate_choice=False)  # fmt: skip
    description = TextAreaField(_l("Description"), validators=[Length(max=2000)])
    resident_name = StringField(_l("Contact name"), validators=[Length(max=30)])
    resident_phone = StringField(_l("Contact phone"), validators=[Length(max=20)])


class EvaluateForm(FlaskForm):
    satisfied = IntegerField(_l("Residents satisfied"), validators=COUNT)
    basically = IntegerField(_l("Residents basically satisfied"), validators=COUNT)
    dissatisfied = IntegerField(_l("Residents dissatisfied"), validators=COUNT)
    comments = TextAreaField(_l("Residents' comments"), validators=[Length(max=2000)])


class CloseForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Length(max=500)])


FORMS = {"accept": NoteForm, "deliberate": MeetingForm, "pledge": PledgeForm,
         "carry_out": CarryForm, "evaluate": EvaluateForm, "close": CloseForm}  # fmt: skip


def meeting_data(form):
    """The meeting form as weimin.topics.moves.deliberate reads it."""
    return {
        "date": form.date.data,
        "participants": {code: form[f"party_{code}"].data for code, _l in PARTIES},
        "minutes": form.minutes.data,
        "options": [(form[f"option_{n}"].data, form[f"votes_{n}"].data) for n in range(OPTIONS)],
        "mode": form.mode.data,
        "outcome": form.outcome.data,
        "decision": form.decision.data,
    }


# Where a rule's message about a field of the data goes on the form.
ON_FORM = {"participants": "party_party", "options": "option_0", "note": "note"}
