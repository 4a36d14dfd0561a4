"""The volunteer's own forms (phone-sized pages); the rules themselves live on the models."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from admin.record_views import RECORD_LABELS


def _required():
    return DataRequired(_l("Please fill this in"))


class RecordForm(FlaskForm):
    """Log (or correct) the hours of one activity."""

    activity_name = StringField(
        RECORD_LABELS["activity_name"], validators=[_required(), Length(max=100)]
    )
    activity_date = DateField(
        RECORD_LABELS["activity_date"],
        validators=[DataRequired(_l("Give the date of the activity"))],
    )
    organisation = SelectField(
        RECORD_LABELS["organisation"], validators=[DataRequired(_l("Choose the organising unit"))]
    )
    location = StringField(RECORD_LABELS["location"], validators=[_required(), Length(max=200)])
    content = TextAreaField(RECORD_LABELS["content"], validators=[_required(), Length(max=1000)])
    hours = DecimalField(
        RECORD_LABELS["hours"],
        places=None,
        validators=[InputRequired(_l("Give the hours served, e.g. 2.5"))],
    )
    leader = StringField(RECORD_LABELS["leader"], validators=[_required(), Length(max=30)])
    demand = StringField(
        _l("Demand ticket number (optional)"),
        validators=[Optional(), Length(max=40)],
        description=_l(
            "The demand or micro-project this service answered, handled by you, your team or"
            " the organising unit."
        ),
    )
    late_reason = TextAreaField(
        RECORD_LABELS["late_reason"],
        validators=[Optional(), Length(max=500)],
        description=_l("Needed when entered more than 10 working days after the activity."),
    )
    reason = TextAreaField(
        _l("Why are you correcting it?"), validators=[Optional(), Length(max=500)]
    )


class CorrectionRequestForm(FlaskForm):
    """Ask the organisers to correct an approved record (Art. 13)."""

    text = TextAreaField(
        _l("What should be corrected?"),
        validators=[DataRequired(_l("Say what is wrong")), Length(max=500)],
    )
