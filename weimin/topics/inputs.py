"""Checks of a step's form data: a message per field, in the user's language."""

from datetime import date

from flask_babel import gettext as _

from models.base import local_today
from models.topic_choices import DECISION_MODES, MEETING_OUTCOMES, PARTIES


def text(value):
    return (value or "").strip() if isinstance(value, str) else ""


def meeting_errors(data):
    """The meeting's date, at least two parties at the table, minutes, options and decision."""
    errors = {}
    day = data.get("date")
    if not isinstance(day, date):
        errors["date"] = [_("Give the date of the meeting.")]
    elif day > local_today():
        errors["date"] = [_("The meeting cannot be in the future.")]
    parties = {p: text(n) for p, n in (data.get("participants") or {}).items() if text(n)}
    if any(p not in dict(PARTIES) for p in parties):
        errors["participants"] = [_("Unknown party.")]
    elif len(parties) < 2:
        errors["participants"] = [_("A deliberation needs at least two parties at the table.")]
    data["participants"] = parties
    if not text(data.get("minutes")):
        errors["minutes"] = [_("Write the minutes of the meeting.")]
    mode = data.get("mode")
    if mode not in dict(DECISION_MODES):
        errors["mode"] = [_("Say whether the meeting voted or reached consensus.")]
    options = [(text(t), v) for t, v in data.get("options") or () if text(t)]
    if any(v is not None and (not isinstance(v, int) or v < 0) for _t, v in options):
        errors["options"] = [_("Votes are whole numbers, 0 or more.")]
    elif mode == "vote" and len(options) < 2:
        errors["options"] = [_("A vote needs at least two options.")]
    elif mode == "vote" and any(v is None for _t, v in options):
        errors["options"] = [_("Give the votes each option received.")]
    data["options"] = options
    if data.get("outcome") not in dict(MEETING_OUTCOMES):
        errors["outcome"] = [_("Say whether the meeting adopted the topic.")]
    if not text(data.get("decision")):
        errors["decision"] = [_("Write what the meeting decided.")]
    return errors


def counts(data):
    """(errors, numbers) of an evaluation: residents satisfied, basically, dissatisfied."""
    errors, numbers = {}, {}
    for name in ("satisfied", "basically", "dissatisfied"):
        value = data.get(name)
        if not isinstance(value, int) or value < 0:
            errors[name] = [_("Give a whole number, 0 or more.")]
        numbers[name] = value
    if not errors and sum(numbers.values()) == 0:
        errors["satisfied"] = [_("Record at least one resident's evaluation.")]
    return errors, numbers
