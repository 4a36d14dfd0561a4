"""The report exports: star ratings, monthly clearance, volunteer hours (the audit trail: audit).

Each builds its Table from a Description (the owner's scope and the report's arguments) and
the owner, counting its rows and yielding them lazily.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import ClearanceReport, Community, RuleSet, StarRating, Street, Volunteer
from models.choices import CRITERION_LABELS
from models.rule_params import COUNTED_CRITERIA
from models.star_rating import BREAKDOWN_NOTE
from weimin.access import rating_visibility, ref_id, report_visibility, shown
from weimin.core.sheets import Column, Table
from weimin.exports.audit import audit_trail
from weimin.exports.description import all_of
from weimin.store.db import distinct_values, stream

RATE_FIELDS = ("clearance_rate", "response_rate", "resolution_rate", "satisfaction_rate")


def names(document):
    """{id: name} of every street or community (a few hundred at most); rows are scoped."""
    return {d["_id"]: d.get("name") for d in document.objects.only("name").as_pymongo()}


def _pct(value):
    return None if value is None else round(value, 4)


def _criteria(query):
    """The breakdown codes of these ratings, in their rule sets' order (a rating's breakdown has
    one line per criterion of the rule set that computed it)."""
    codes = []
    used = RuleSet.objects(id__in=distinct_values(query, "rule_set")).order_by("version")
    for rule_set in used:
        codes += [c for c in (rule_set.params or {}).get("criteria", {}) if c not in codes]
    orphans = query.filter(rule_set=None).distinct("breakdown.code")  # imported without one
    return codes + sorted(set(orphans) - set(codes))


def _is_share(code, part):
    return part == "weight" or (part == "raw" and code not in COUNTED_CRITERIA)


def ratings(description, user):
    """Star ratings of one period with every criterion's raw value, weight and points."""
    period = description.params.get("period", "")
    query = StarRating.objects(all_of(description.where), period=period)
    query = query.filter(**rating_visibility(user)).order_by("street", "-sort_score")
    codes = _criteria(query)
    kinds = {"community": _("Community"), "organisation": _("Organisation")}
    streets = names(Street)
    fields = ("subject_name", "subject_type", "street", "score", "stars", "reward")
    fields += ("not_eligible", "rule_set_version", "computed_at", "breakdown")

    def rows():
        for r in stream(query.only(*fields)):
            row = {
                "subject": r.get("subject_name"),
                "type": kinds.get(r.get("subject_type")),
                "street": streets.get(r.get("street")),
                "score": r.get("score"),
                "stars": r.get("stars"),
                "reward": r.get("reward"),
                "not_eligible": r.get("not_eligible", False),
                "version": r.get("rule_set_version"),
                "computed_at": r.get("computed_at"),
            }
            for line in r.get("breakdown") or ():
                code = line["code"]
                row[f"{code}.raw"], row[f"{code}.weight"] = line.get("raw"), line.get("weight")
                row[f"{code}.points"] = line.get("points")
            yield row

    columns = [
        Column("subject", _("Name")),
        Column("type", _("Type")),
        Column("street", _("Street")),
        Column("score", _("Score")),
        Column("stars", _("Stars")),
        Column("reward", _("Reward (yuan)")),
        Column("not_eligible", _("Not eligible to bid")),
        Column("version", _("Rule-set version")),
        Column("computed_at", _("Computed at")),
    ]
    parts = (("raw", _("raw value")), ("weight", _("weight")), ("points", _("points")))
    for code in codes:
        name = CRITERION_LABELS.get(code, code)
        columns += [
            # Rates and weights are fractions, written as percentages; counts stay counts.
            Column(f"{code}.{part}", f"{name} · {text}", percent=_is_share(code, part))
            for part, text in parts
        ]
    count = query.count()
    return Table(description.name, description.title, columns, rows(), count, BREAKDOWN_NOTE)


CLEARANCE_LABELS = (
    ("street", _l("Street")),
    ("community", _l("Community")),
    ("rank", _l("Rank")),
    ("carried_in", _l("Carried in")),
    ("received", _l("Received")),
    ("closed", _l("Closed")),
    ("closed_on_time", _l("Closed on time")),
    ("rejected", _l("Rejected")),
    ("open_at_end", _l("Open at month end")),
    ("overdue_open", _l("Overdue open")),
    ("clearance_rate", _l("Clearance rate")),
    ("response_rate", _l("Response rate")),
    ("resolution_rate", _l("Resolution rate")),
    ("satisfaction_rate", _l("Satisfaction rate")),
    ("composite", _l("Composite")),
    ("cleared", _l("Cleared")),
    ("published", _l("Published")),
)


def clearance(description, user):
    """One month's clearance report, a row per community, ranked within each street."""
    month = description.params.get("month", "")
    query = ClearanceReport.objects(all_of(description.where), month=month, level="community")
    query = query.filter(**report_visibility(user)).order_by("street", "rank")
    streets = names(Street)
    communities = names(Community)
    percent = {*RATE_FIELDS, "composite"}

    def rows():
        for r in stream(query):
            row = {key: r.get(key) for key, _text in CLEARANCE_LABELS}
            row.update({key: _pct(r.get(key)) for key in percent})
            row["street"] = streets.get(r.get("street"))
            row["community"] = communities.get(r.get("community"))
            row["cleared"], row["published"] = bool(r.get("cleared")), bool(r.get("published"))
            yield row

    columns = [Column(key, str(text), percent=key in percent) for key, text in CLEARANCE_LABELS]
    return Table(description.name, description.title, columns, rows(), query.count())


def volunteer_hours(description, user):
    """Approved hours of every volunteer in scope; identifiers masked as the owner may see them."""
    query = Volunteer.objects(all_of(description.where)).order_by("community", "name")
    communities = names(Community)

    def rows():
        only = ("name", "id_number", "phone", "street", "community", "approved_hours")
        for raw in stream(query.only(*only)):
            v = Volunteer._from_son(raw)
            yield {
                "name": v.name,
                "id_number": shown(user, v, "id_number"),
                "phone": shown(user, v, "phone"),
                "community": communities.get(ref_id(v, "community")),
                "hours": v.approved_hours,
            }

    columns = [
        Column("name", _("Name")),
        Column("id_number", _("ID number")),
        Column("phone", _("Phone")),
        Column("community", _("Community")),
        Column("hours", _("Approved hours")),
    ]
    return Table(description.name, description.title, columns, rows(), query.count())


REPORTS = {
    "ratings": ratings,
    "clearance": clearance,
    "audit": audit_trail,
    "volunteer_hours": volunteer_hours,
}
