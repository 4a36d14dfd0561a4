"""The resident's form: who they are, what they need, the consent, the challenge, and the
catalogue item's own fields (built and checked by weimin.catalogue.forms, as at the counter)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TelField, TextAreaField
from wtforms.validators import DataRequired, Length

from weimin.catalogue.forms import PREFIX, with_values


def _required(message):
    return DataRequired(message)


class ResidentForm(FlaskForm):
    """The fixed part; with_values adds the item's fields."""

    resident_name = StringField(
        _l("Your name"), validators=[_required(_l("Please give your name.")), Length(max=30)]
    )
    resident_phone = TelField(
        _l("Your phone"),
        validators=[_required(_l("Please give a phone we can reach you on.")), Length(max=20)],
        description=_l("A mainland mobile or landline number."),
    )
    resident_address = StringField(
        _l("Your address"),
        validators=[_required(_l("Please give your address.")), Length(max=200)],
        description=_l("Building, unit and room, e.g. 3幢2单元501室."),
    )
    description = TextAreaField(
        _l("What do you need?"),
        validators=[_required(_l("Please say what you need.")), Length(max=2000)],
    )
    consent = BooleanField(
        _l("I have read the notice above and agree that my personal data is used for it."),
        validators=[_required(_l("Without your consent we cannot take the request in here."))],
    )
    challenge = HiddenField()
    answer = StringField(_l("Your answer"), validators=[Length(max=4)])


def form_for(item, english=False, **kwargs):
    """A bound form for the item: ResidentForm plus the item's own fields."""
    return with_values(ResidentForm, item.specs(), english)(**kwargs)


def item_values(form):
    """{field name: cleaned value} of the item's fields, after form.validate()."""
    return {
        spec["name"]: getattr(form, PREFIX + spec["name"]).typed
        for spec in form.value_specs
        if getattr(getattr(form, PREFIX + spec["name"]), "typed", None) is not None
    }


def item_fields(form):
    """The item's form fields, in the item's order."""
    return [getattr(form, PREFIX + spec["name"]) for spec in form.value_specs]


PERSON = ("resident_name", "resident_phone", "resident_address", "description")


def person(form):
    """The fixed fields' data, as weimin.residents.intake.new_demand takes them."""
    return {name: getattr(form, name).data for name in PERSON}
