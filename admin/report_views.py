"""Monthly clearance in the admin: reports, the street board, publishing and reopening."""

from collections import defaultdict

from bson import ObjectId
from bson.errors import InvalidId
from flask import abort, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from admin.base import SecureModelView
from admin.filters import community_filter, street_filter
from admin.labels import LABELS
from models import ClearanceMonth, ClearanceReport, Street
from models.choices import label
from models.clearance_report import HONOURS, LEVELS, RATES
from weimin.access import may_publish, own_street, ranking_visibility, report_visibility
from weimin.core.timefmt import local_time
from weimin.exports.description import triple

REPORT_LABELS = {
    **LABELS,
    "month": _l("Month"),
    "level": _l("Level"),
    "revision": _l("Revision"),
    "carried_in": _l("Carried in"),
    "received": _l("Received"),
    "closed": _l("Closed"),
    "closed_on_time": _l("Closed on time"),
    "rejected": _l("Not admissible"),
    "open_at_end": _l("Open at month end"),
    "overdue_open": _l("Overdue open"),
    "evaluated": _l("Evaluated"),
    "clearance_rate": _l("Clearance rate"),
    "response_rate": _l("Response rate"),
    "resolution_rate": _l("Resolution rate"),
    "satisfaction_rate": _l("Satisfaction rate"),
    "composite": _l("Composite"),
    "cleared": _l("Cleared"),
    "rank": _l("Rank"),
    "honour": _l("Red/black list"),
    "published": _l("Published"),
    "published_at": _l("Published at"),
    "published_by": _l("Published by"),
    "computed_at": _l("Computed at"),
    "history": _l("History"),
    "archived_at": _l("Archived at"),
    "archived_by": _l("Archived by"),
    "reason": _l("Reason"),
    "communities": _l("Number of communities"),
    "communities_cleared": _l("Communities cleared"),
    "streets": _l("Number of streets"),
    "streets_computed": _l("Streets computed"),
    "response_base": _l("Due a response"),
    "responded_on_time": _l("Responded on time"),
    "resolved": _l("Evaluations: resolved"),
    "satisfied": _l("Evaluations: satisfied"),
    "basically": _l("Evaluations: basically satisfied"),
    "dissatisfied": _l("Evaluations: dissatisfied"),
    "ranked": _l("Communities ranked"),
    "rule_set_code": _l("Rule set code"),
    "rule_set_version": _l("Rule set version"),
}


def percent(view, context, model, name):
    value = getattr(model, name)
    return "—" if value is None else f"{value * 100:.1f}%"


def honour_badge(view, context, model, name):
    if not model.honour:
        return ""
    colour = "danger" if model.honour == "red" else "dark"
    return Markup('<span class="badge badge-{}">{}</span>').format(
        colour, label(HONOURS, model.honour)
    )


def provenance(docs):
    """A line per rule set behind these figures: its code and version, and when computed."""
    times = defaultdict(set)
    for doc in docs:
        times[(doc.rule_set_code, doc.rule_set_version)].add(local_time(doc.computed_at) or "—")
    lines = []
    for (code, version), seen in times.items():
        # One run writes its reports over a few moments: show the first and the last minute.
        at = min(seen) if len(seen) == 1 else f"{min(seen)}–{max(seen)}"
        lines.append(_("%(rules)s · computed at %(at)s", rules=rule_set_name(code, version), at=at))
    return lines


def rule_set_name(code, version):
    if not code:
        return _("Built-in default rules")
    return _("Rule set %(code)s v%(version)s", code=code, version=version)


class ReportListView(SecureModelView):
    """Read-only lists of clearance figures (current reports and archived revisions)."""

    can_create = can_edit = can_delete = False
    column_labels = REPORT_LABELS
    column_choices = {"level": LEVELS, "honour": HONOURS}
    column_formatters = {**dict.fromkeys(RATES, percent), "honour": honour_badge}
    column_export_percent = RATES
    column_filters = ("month", "level", "honour", "cleared", street_filter(), community_filter())
    column_default_sort = [("month", True), ("rank", False)]


class ClearanceReportView(ReportListView):
    list_template = "admin/reports/report_list.html"
    column_list = ("month", "level", "street", "community", "carried_in", "received", "closed",
                   "closed_on_time", "rejected", "open_at_end", "overdue_open", *RATES, "cleared",
                   "rank", "honour", "revision", "published")  # fmt: skip
    column_filters = (*ReportListView.column_filters, "published")

    def get_query(self):
        return super().get_query().filter(**report_visibility(current_user))

    def export_scope(self):
        drafts = report_visibility(current_user).items()
        return super().export_scope() + [triple(name, "", value) for name, value in drafts]

    @expose("/board/")
    def board(self):
        """A street's month: roll-up, ranking, red and black lists."""
        if self.scope_filter() is None:
            abort(403)
        street = own_street(current_user)
        streets = Street.objects(id=street.id) if street else Street.objects.order_by("code")
        street = pick(streets, request.args.get("street"))
        # A ranking compares communities: only months the user sees whole (ranking_visibility).
        visible = ranking_visibility(current_user)
        shown = ClearanceReport.objects(street=street, level="street").filter(**visible)
        months = sorted({r.month for r in shown.only("month")}, reverse=True)
        month = request.args.get("month") if request.args.get("month") in months else None
        month = month or (months[0] if months else None)
        reports = ClearanceReport.objects(month=month, street=street).filter(**visible)
        rows = sorted(
            (r for r in reports if r.level == "community"),
            key=lambda r: (r.rank is None, r.rank or 0, str(r.community)),
        )
        total = next((r for r in reports if r.level == "street"), None)
        return self.render(
            "admin/reports/board.html",
            street=street,
            streets=streets,
            months=months,
            month=month,
            rows=rows,
            total=total,
            provenance=provenance(rows + ([total] if total else [])),
            state=ClearanceMonth.objects(street=street, month=month).first() if month else None,
            may_publish=may_publish(current_user),
            percent=lambda v: "—" if v is None else f"{v * 100:.1f}%",
        )


def pick(query, raw):
    """The document with id `raw` from `query`, else the first one."""
    try:
        return query.filter(id=ObjectId(raw)).first() or query.first()
    except (InvalidId, TypeError):
        return query.first()


class ClearanceRevisionView(ReportListView):
    column_list = ("month", "revision", "level", "street", "community", "open_at_end", *RATES,
                   "rank", "honour", "archived_at", "archived_by")  # fmt: skip
    column_default_sort = [("month", True), ("revision", True)]
