"""Star ratings with their breakdowns, and volunteer star levels; read-only."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import community_filter, street_filter
from admin.labels import LABELS
from models.choices import CRITERION_LABELS
from models.rule_params import COUNTED_CRITERIA
from models.star_rating import BREAKDOWN_NOTE, SUBJECT_TYPES
from weimin.access import rating_visibility
from weimin.exports.description import triple

CRITERIA = CRITERION_LABELS
RATING_LABELS = {
    **LABELS,
    "period": _l("Period"),
    "subject_type": _l("Rated as"),
    "subject_name": _l("Name"),
    "score": _l("Score"),
    "stars": _l("Stars"),
    "reward": _l("Reward (yuan)"),
    "not_eligible": _l("Not eligible to bid"),
    "unrated_streak": _l("Unrated periods running"),
    "breakdown": _l("Breakdown"),
    "rule_set": _l("Rule set"),
    "rule_set_version": _l("Rule set version"),
    "computed_at": _l("Computed at"),
    "next_threshold": _l("Next level at (hours)"),
    "published": _l("Published"),
}


def raw_text(line):
    if line.raw is None:
        return "—"
    if line.code in COUNTED_CRITERIA:
        return f"{line.raw:g}"
    return f"{line.raw * 100:.1f}%"


def breakdown_table(view, context, model, name):
    """Every criterion: raw value, target, weight and points; the points add up to the score."""
    head = Markup("<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>").format(
        _l("Criterion"), _l("Raw value"), _l("Full points at"), _l("Weight"), _l("Points")
    )
    rows = Markup("").join(
        Markup("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>").format(
            CRITERIA.get(line.code, line.code), raw_text(line),
            "—" if line.target is None else f"{line.target:g}", f"{line.weight * 100:g}%",
            line.points,
        )
        for line in model.breakdown
    )  # fmt: skip
    total = Markup('<tr class="font-weight-bold"><td colspan="4">{}</td><td>{}</td></tr>').format(
        _l("Score"), model.score
    )
    table = Markup('<table class="table table-sm table-bordered mb-1">{}{}{}</table>')
    note = Markup('<p class="small text-muted mb-0 breakdown-note">{}</p>').format(BREAKDOWN_NOTE)
    return table.format(head, rows, total) + note


def breakdown_inline(view, context, model, name):
    parts = [f"{CRITERIA.get(line.code, line.code)} {line.points}" for line in model.breakdown]
    return Markup('<span class="small">{}</span>').format(" · ".join(parts))


def stars_text(view, context, model, name):
    return "★" * model.stars if model.stars else _l("Unrated")


class StarRatingView(SecureModelView):
    can_create = can_edit = can_delete = False
    list_template = "admin/rating/list.html"
    breakdown_note = BREAKDOWN_NOTE  # under the list, whose rows show the points
    column_labels = RATING_LABELS
    column_list = ("period", "subject_type", "subject_name", "street", "score", "stars",
                   "reward", "not_eligible", "breakdown", "rule_set_version",
                   "computed_at", "published")  # fmt: skip
    column_details_list = (*column_list[:-4], "unrated_streak", "breakdown", "rule_set",
                           "rule_set_version", "computed_at", "published")  # fmt: skip
    column_choices = {"subject_type": SUBJECT_TYPES}
    column_filters = ("period", "subject_type", "stars", "not_eligible", "published",
                      street_filter())  # fmt: skip
    column_searchable_list = ("subject_name",)
    column_default_sort = [("period", True), ("sort_score", True)]
    column_sortable_list = ("period", "subject_type", "subject_name", ("score", "sort_score"),
                            "stars", "not_eligible")  # fmt: skip
    column_formatters = {"breakdown": breakdown_inline, "stars": stars_text}
    column_formatters_detail = {"breakdown": breakdown_table, "stars": stars_text}

    def get_query(self):
        # Drafts only for those who may publish them (weimin.access.rating_visibility).
        return super().get_query().filter(**rating_visibility(current_user))

    def export_scope(self):
        drafts = rating_visibility(current_user).items()
        return super().export_scope() + [triple(name, "", value) for name, value in drafts]


class VolunteerStarView(SecureModelView):
    can_create = can_edit = can_delete = False
    column_labels = RATING_LABELS
    column_list = ("volunteer", "community", "hours", "stars", "next_threshold",
                   "rule_set_version", "computed_at")  # fmt: skip
    column_filters = ("stars", street_filter(), community_filter())
    column_default_sort = [("stars", True)]
    column_sortable_list = ("stars", "computed_at")
    column_formatters = {"stars": stars_text}
