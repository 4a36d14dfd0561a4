"""WTForms fields built from an item's field definitions, and the admin's choices editor."""

from flask_babel import gettext as _
from markupsafe import escape
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, StopValidation
from wtforms.widgets import (
    CheckboxInput,
    DateInput,
    DateTimeLocalInput,
    ListWidget,
    NumberInput,
    TelInput,
)

from models.base import TZ
from models.field_def import Choice
from weimin.catalogue.defs import choice_label, label
from weimin.catalogue.spec import FieldError, clean_value, from_store, to_store

# Form field names of runtime fields: the prefix keeps them apart from the document's own.
PREFIX = "v_"


class RequiredMark(InputRequired):
    """Mark a runtime field as required (asterisk, browser hint); SpecCheck does the check."""

    def __call__(self, form, field):
        return None


class SpecCheck:
    """Validate with the field's definition and keep the typed value for populate_obj."""

    def __init__(self, spec):
        self.spec = spec

    def __call__(self, form, field):
        field.typed = None
        try:
            field.typed = clean_value(self.spec, field.data)
        except FieldError as exc:
            raise StopValidation(str(exc)) from None


def form_field(spec, english=False):
    """An unbound WTForms field for one definition."""
    kind = spec["type"]
    # Checkboxes inherit the validators: a required mark would make the browser want them all.
    marked = spec["required"] and kind != "multi_choice"
    helptext = (english and spec.get("help_en")) or spec.get("help_zh") or ""
    kw = {
        "label": label(spec, english),
        # A street admin writes the help text; Flask-Admin renders a description unescaped.
        "description": escape(helptext),
        "validators": [RequiredMark()] * marked + [SpecCheck(spec)],
    }
    options = [
        SelectChoice(c["code"], choice_label(spec, c["code"], english)) for c in spec["choices"]
    ]
    if kind == "textarea":
        return TextAreaField(**kw)
    if kind in ("integer", "decimal"):
        limits = {
            k: str(spec[f"{k}_value"]) for k in ("min", "max") if spec[f"{k}_value"] is not None
        }
        step = "1" if kind == "integer" else "any"
        return StringField(widget=NumberInput(step=step, **limits), **kw)
    if kind == "date":
        return StringField(widget=DateInput(), **kw)
    if kind == "datetime":
        return StringField(widget=DateTimeLocalInput(), **kw)
    if kind == "choice":
        return SelectField(choices=[SelectChoice("", "—"), *options], validate_choice=False, **kw)
    if kind == "multi_choice":
        checkboxes = {"widget": ListWidget(prefix_label=False), "option_widget": CheckboxInput()}
        return SelectMultipleField(choices=options, validate_choice=False, **checkboxes, **kw)
    if kind == "yes_no":
        answers = [SelectChoice(*pair) for pair in (("", "—"), ("yes", _("Yes")), ("no", _("No")))]
        return SelectField(choices=answers, validate_choice=False, **kw)
    if kind == "phone":
        return StringField(widget=TelInput(), **kw)
    return StringField(**kw)


def form_value(spec, stored):
    """A stored value as the form field shows it."""
    value = from_store(spec, stored)
    if value is None:
        return None
    if spec["type"] == "datetime" and hasattr(value, "astimezone"):
        return value.astimezone(TZ).strftime("%Y-%m-%dT%H:%M")
    if spec["type"] == "yes_no":
        return "yes" if value else "no"
    if isinstance(value, list):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def with_values(form_class, specs, english=False):
    """form_class plus one field per definition; populate_obj writes them into obj.values."""
    by_field = {PREFIX + spec["name"]: spec for spec in specs}

    def populate_obj(self, obj):
        values = dict(obj.values or {})  # retired fields' values stay as they are
        for name, field in self._fields.items():
            spec = by_field.get(name)
            if spec is None:
                field.populate_obj(obj, name)
            elif getattr(field, "typed", None) is None:
                values.pop(spec["name"], None)
            else:
                values[spec["name"]] = to_store(spec, field.typed)
        obj.values = values

    attrs = {name: form_field(spec, english) for name, spec in by_field.items()}
    attrs.update(populate_obj=populate_obj, value_specs=specs)
    return type(form_class.__name__, (form_class,), attrs)


def initial_values(specs, values):
    """Form data for the runtime fields from a demand's stored values."""
    values = values or {}
    return {PREFIX + spec["name"]: form_value(spec, values.get(spec["name"])) for spec in specs}


class ChoicesField(TextAreaField):
    """Choices edited as lines `code | 中文 | English`; a line of one part is code and label."""

    def process_data(self, value):
        self.data = [_choice_dict(choice) for choice in value or []]

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        self.data = []
        for number, line in enumerate(valuelist[0].splitlines(), 1):
            parts = [part.strip() for part in line.replace("｜", "|").split("|")]
            if not any(parts):
                continue
            if len(parts) > 3 or not parts[0] or len(parts[0]) > 40:
                message = _("Line %(n)d: write code | Chinese label | English label.", n=number)
                raise ValueError(message)
            code, zh, en = (parts + ["", ""])[:3]
            self.data.append({"code": code, "label_zh": zh or code, "label_en": en or None})

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        lines = []
        for c in self.data or []:
            parts = [c["code"]] if c["label_zh"] == c["code"] else [c["code"], c["label_zh"]]
            lines.append(" | ".join(parts + ([c["label_en"]] if c.get("label_en") else [])))
        return "\n".join(lines)

    def populate_obj(self, obj, name):
        setattr(obj, name, [Choice(**choice) for choice in self.data or []])


def _choice_dict(choice):
    if isinstance(choice, dict):
        return choice
    return {"code": choice.code, "label_zh": choice.label_zh, "label_en": choice.label_en}
