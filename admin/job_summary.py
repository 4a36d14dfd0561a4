"""A job run's summary as people read it: Chinese names, lists and star counts spelled out."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

SUMMARY_LABELS = {
    "month": _l("Month"),
    "months": _l("Months"),
    "period": _l("Period"),
    "computed": _l("Streets computed"),
    "frozen": _l("Published, left unchanged"),
    "communities": _l("Number of communities"),
    "rated": _l("Rated"),
    "streaks_changed": _l("Unrated streaks updated"),
    "stars": _l("By star level"),
    "skipped": _l("Skipped"),
    "volunteer_stars": _l("Volunteer stars"),
    "checked": _l("Checked"),
    "flagged": _l("Flagged overdue"),
    "escalated": _l("Escalated"),
    "conflict": _l("Changed meanwhile, left alone"),
    "claims_returned": _l("Claims returned to the wish wall"),
    "runs": _l("Runs"),
}


def _text(key, value):
    if isinstance(value, dict):
        if key in ("stars", "volunteer_stars"):  # {"4": 3}: three rated four stars
            return " · ".join(
                f"{'★' * int(k) if str(k).isdigit() and int(k) else _l('Unrated')} {v}"
                for k, v in value.items()
            )
        return "；".join(f"{SUMMARY_LABELS.get(k, k)} {_text(k, v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "、".join(_text(key, v) for v in value) or "—"
    return str(value)


def summary_list(view, context, model, name):
    """Every figure of the summary on its own line, under its Chinese name."""
    summary = getattr(model, name) or {}
    if not isinstance(summary, dict):
        return str(summary)
    rows = Markup("").join(
        Markup('<dt class="col-sm-4">{}</dt><dd class="col-sm-8 mb-1">{}</dd>').format(
            SUMMARY_LABELS.get(key, key), _text(key, value)
        )
        for key, value in summary.items()
    )
    return Markup('<dl class="row mb-0 job-summary">{}</dl>').format(rows)
