"""The catalogue item form's field definitions, the item list's source marks and the version
history's changes, as the item pages show them."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from models.choices import label as choice_label
from models.field_def import FIELD_TYPES
from weimin.catalogue.attributes import empty_value, unused

FIELD_LABELS = {
    "name": _l("Machine name"),
    "label_zh": _l("Chinese label"),
    "label_en": _l("English label"),
    "type": _l("Type"),
    "required": _l("Required"),
    "choices": _l("Choices"),
    "min_value": _l("Minimum"),
    "max_value": _l("Maximum"),
    "min_length": _l("Shortest length"),
    "max_length": _l("Longest length"),
    "pattern": _l("Pattern (regular expression)"),
    "help_zh": _l("Help text (Chinese)"),
    "help_en": _l("Help text (English)"),
}
FIELD_ARGS = {key: {"label": text} for key, text in FIELD_LABELS.items()}
FIELD_ARGS["name"]["description"] = _l(
    "Stable key of the value, e.g. age; lower-case letters, digits, _"
)
FIELD_ARGS["choices"]["description"] = _l(
    "One per line: code | Chinese label | English label (one word: both)"
)
CHANGES = {
    "added": _l("Field added"),
    "removed": _l("Field removed"),
    "changed": _l("Field changed"),
}


def clear_unused(subform):
    """Empty the inputs the chosen type does not use: the page hides them, so whatever they
    still hold (from a type chosen before) is neither checked nor saved."""
    for key in unused(subform.type.data):
        if key in subform:
            field = subform[key]
            field.data, field.raw_data, field.process_errors = empty_value(key), [], []


def source_mark(view, context, model, name):
    """Where an item comes from: a district template, a street's copy of one, or the street."""
    if model.street is None:
        return Markup('<span class="badge badge-info" data-source="template">{}</span>').format(
            _("District template")
        )
    origin = model.template
    if origin is None:
        return Markup('<span class="text-muted small" data-source="own">{}</span>').format(
            _("Own item")
        )
    link = Markup('<a href="{}">{} {}</a>').format(
        view.get_url(".details_view", id=origin.pk), origin.code, origin.name
    )
    if origin.code is None:  # a template deleted before delete rules existed
        link = origin
    return Markup(
        '<span class="badge badge-secondary" data-source="copy">{}</span> <small>{}</small>'
    ).format(_("Adopted copy"), Markup(_("from %(origin)s", origin=link)))


def shown_value(key, value):
    """An attribute's value as the version history shows it."""
    if value is None or value == "" or value == []:
        return _("(empty)")
    if key == "type":
        return str(choice_label(FIELD_TYPES, value))
    if key == "required":
        return _("Yes") if value else _("No")
    if key == "choices":
        return "、".join(f"{c['code']} {c['label_zh']}".strip() for c in value)
    return str(value)
