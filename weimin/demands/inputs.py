"""What a lifecycle action is given — a note, an amount, an evaluation — checked against the
model's own limits. transitions.effects calls these for every path (admin, API, public pages),
so each limit is read from the model field in one place and every refusal names its field.
"""

from flask_babel import gettext as _
from mongoengine import ValidationError

from models.choices import SATISFACTION
from models.demand import Evaluation


def note_text(note):
    """The note as stored: stripped, None when empty."""
    return (note.strip() or None) if isinstance(note, str) else None


def too_long(text, document, name, field, errors, limit=None):
    """Text longer than `document.name` keeps (or than `limit`) gets a message under `field`."""
    longest = document._fields[name].max_length
    longest = min(longest, limit) if limit else longest
    if text is not None and not isinstance(text, str):
        errors[field] = [_("Enter text.")]
    elif text and len(text.strip()) > longest:
        errors[field] = [_("Enter at most %(n)d characters.", n=longest)]


def evaluation_errors(evaluation, errors):
    """The evaluation's choices and comment, with the Evaluation document's limits."""
    if (
        not isinstance(evaluation, Evaluation)
        or evaluation.satisfaction not in dict(SATISFACTION)
        or not isinstance(evaluation.resolved, bool)
    ):
        errors["evaluation"] = [_("Choose the satisfaction and whether it was resolved.")]
        return
    too_long(evaluation.comment, Evaluation, "comment", "comment", errors)
    if errors:
        return
    try:
        evaluation.validate()
    except ValidationError:
        errors["evaluation"] = [_("The evaluation could not be recorded.")]
