"""The grid worker's forms (phone-sized pages); the rules themselves live on the models."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from admin.grid_views import GRID_LABELS
from models.choices import PLACE_KINDS, VISIT_TAGS


def _required():
    return DataRequired(_l("Please fill this in"))


class TickBoxes(SelectMultipleField):
    """Tags as one checkbox each: easier to tap than a multiple select."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class VisitForm(FlaskForm):
    """Log one visit: where, whom, what was found."""

    grid = SelectField(GRID_LABELS["grid"], validators=[DataRequired(_l("Choose the grid"))])
    visited_at = DateTimeLocalField(
        GRID_LABELS["visited_at"],
        format="%Y-%m-%dT%H:%M",
        validators=[DataRequired(_l("Give the date and time of the visit"))],
    )
    place_kind = RadioField(GRID_LABELS["place_kind"], choices=PLACE_KINDS, default="household")
    place = StringField(
        GRID_LABELS["place"],
        validators=[_required(), Length(max=100)],
        description=_l("e.g. 3栋2单元401室, or the place's name"),
    )
    met = StringField(GRID_LABELS["met"], validators=[Optional(), Length(max=60)])
    met_phone = StringField(GRID_LABELS["met_phone"], validators=[Optional(), Length(max=20)])
    findings = TextAreaField(GRID_LABELS["findings"], validators=[_required(), Length(max=2000)])
    tags = TickBoxes(GRID_LABELS["tags"], choices=VISIT_TAGS, validators=[Optional()])
    follow_up = BooleanField(GRID_LABELS["follow_up"])


class TakeInForm(FlaskForm):
    """The visit's finding as a demand: prefilled from the visit, one tap to send."""

    item = SelectField(_l("Service item"), validators=[DataRequired(_l("Choose a service item"))])
    resident_name = StringField(
        _l("Resident"), validators=[DataRequired(_l("Give the resident's name")), Length(max=30)]
    )
    resident_phone = StringField(
        _l("Phone"), validators=[DataRequired(_l("Give the resident's phone")), Length(max=20)]
    )
    description = TextAreaField(_l("Description"), validators=[_required(), Length(max=2000)])
