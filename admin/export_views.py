"""Spreadsheet exports for supervisors and admins: ratings, clearance reports, volunteer hours."""

import json

from flask import abort, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.base import EXPORT, PolicyView
from admin.scope import scoped_objects
from models import AuditEntry, ClearanceReport, StarRating, Volunteer
from weimin.exports import Column, send
from weimin.privacy import personal_value

FORMATS = ("xlsx", "csv")
AUDIT_ROWS = 50000  # the newest entries; filter in the admin list for older ones


def _scope():
    if current_user.role == "community_worker":
        return {"community": current_user.community}
    if current_user.role == "street_admin":
        return {"street": current_user.street}
    return {}


def _pct(value):
    return None if value is None else round(value, 4)


class ExportView(PolicyView):
    policy = {
        "district_admin": {EXPORT},
        "street_admin": {EXPORT},
        "community_worker": {EXPORT},
        "supervisor": {EXPORT},
    }
    action = EXPORT

    def _fmt(self):
        fmt = request.args.get("format", "xlsx")
        if fmt not in FORMATS:
            abort(404)
        return fmt

    @expose("/")
    def index(self):
        periods = sorted(set(StarRating.objects(**_scope()).distinct("period")), reverse=True)
        months = sorted(set(ClearanceReport.objects(**_scope()).distinct("month")), reverse=True)
        return self.render("admin/exports/index.html", periods=periods, months=months)

    @expose("/ratings")
    def ratings(self):
        period = request.args.get("period", "")
        ratings = StarRating.objects(period=period, **_scope()).order_by("street", "-sort_score")
        rows, codes = [], []
        for r in ratings:
            row = {
                "subject": r.subject_name,
                "type": _("Community") if r.subject_type == "community" else _("Organisation"),
                "street": r.street.name,
                "score": r.score,
                "stars": r.stars,
                "reward": r.reward,
                "not_eligible": r.not_eligible,
                "version": r.rule_set_version,
            }
            for line in r.breakdown:
                if line.code not in codes:
                    codes.append(line.code)
                row[f"{line.code}.raw"] = line.raw
                row[f"{line.code}.weight"] = line.weight
                row[f"{line.code}.points"] = line.points
            rows.append(row)
        columns = [
            Column("subject", _("Name")),
            Column("type", _("Type")),
            Column("street", _("Street")),
            Column("score", _("Score")),
            Column("stars", _("Stars")),
            Column("reward", _("Reward (yuan)")),
            Column("not_eligible", _("Not eligible to bid")),
            Column("version", _("Rule-set version")),
        ]
        for code in codes:
            columns += [
                Column(f"{code}.raw", f"{code} · {_('raw value')}"),
                Column(f"{code}.weight", f"{code} · {_('weight')}"),
                Column(f"{code}.points", f"{code} · {_('points')}"),
            ]
        return send(columns, rows, self._fmt(), f"星级评定-{period}", _("Star ratings"))

    @expose("/clearance")
    def clearance(self):
        month = request.args.get("month", "")
        query = ClearanceReport.objects(month=month, level="community", **_scope())
        rows = [
            {
                "street": r.street.name,
                "community": r.community.name,
                "rank": r.rank,
                "carried_in": r.carried_in,
                "received": r.received,
                "closed": r.closed,
                "closed_on_time": r.closed_on_time,
                "rejected": r.rejected,
                "open_at_end": r.open_at_end,
                "overdue_open": r.overdue_open,
                "clearance_rate": _pct(r.clearance_rate),
                "response_rate": _pct(r.response_rate),
                "resolution_rate": _pct(r.resolution_rate),
                "satisfaction_rate": _pct(r.satisfaction_rate),
                "composite": _pct(r.composite),
                "cleared": r.cleared,
                "published": r.published,
            }
            for r in query.order_by("street", "rank")
        ]
        labels = (
            ("street", _("Street")),
            ("community", _("Community")),
            ("rank", _("Rank")),
            ("carried_in", _("Carried in")),
            ("received", _("Received")),
            ("closed", _("Closed")),
            ("closed_on_time", _("Closed on time")),
            ("rejected", _("Rejected")),
            ("open_at_end", _("Open at month end")),
            ("overdue_open", _("Overdue open")),
            ("clearance_rate", _("Clearance rate")),
            ("response_rate", _("Response rate")),
            ("resolution_rate", _("Resolution rate")),
            ("satisfaction_rate", _("Satisfaction rate")),
            ("composite", _("Composite")),
            ("cleared", _("Cleared")),
            ("published", _("Published")),
        )
        columns = [
            Column(key, text, percent=key.endswith("_rate") or key == "composite")
            for key, text in labels
        ]
        return send(columns, rows, self._fmt(), f"月月清零-{month}", _("Monthly clearance"))

    @expose("/audit")
    def audit(self):
        """The audit trail of the user's street (district admins: everything), newest first."""
        if current_user.role not in ("district_admin", "street_admin"):
            abort(403)
        scope = {"street": current_user.street.id} if current_user.role == "street_admin" else {}
        rows = [
            {
                "at": e.at,
                "actor_kind": e.actor_kind,
                "actor": e.actor,
                "action": e.action,
                "collection": e.collection,
                "doc_id": e.doc_id,
                "ip": e.ip,
                "path": e.path,
                "changes": json.dumps(e.changes, ensure_ascii=False, default=str)[:30000],
            }
            for e in AuditEntry.objects(**scope).order_by("-at").limit(AUDIT_ROWS)
        ]
        labels = (
            ("at", _("Time")),
            ("actor_kind", _("Actor type")),
            ("actor", _("Actor")),
            ("action", _("Action")),
            ("collection", _("Collection")),
            ("doc_id", _("Record")),
            ("ip", _("IP address")),
            ("path", _("Path")),
            ("changes", _("Changes")),
        )
        columns = [Column(key, text) for key, text in labels]
        return send(columns, rows, self._fmt(), "操作日志", _("Audit trail"))

    @expose("/volunteer-hours")
    def volunteer_hours(self):
        rows = [
            {
                "name": v.name,
                "id_number": personal_value(current_user, v, "id_number"),
                "phone": personal_value(current_user, v, "phone"),
                "community": v.community.name,
                "hours": v.approved_hours,
            }
            for v in scoped_objects(Volunteer).order_by("community", "name")
        ]
        columns = [
            Column("name", _("Name")),
            Column("id_number", _("ID number")),
            Column("phone", _("Phone")),
            Column("community", _("Community")),
            Column("hours", _("Approved hours")),
        ]
        return send(columns, rows, self._fmt(), "志愿服务时长", _("Volunteer hours"))
