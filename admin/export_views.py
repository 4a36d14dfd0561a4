"""Spreadsheet exports for supervisors and admins: ratings, clearance reports, volunteer hours,
the audit trail; small ones download at once, large ones become background jobs."""

from flask import abort, request
from flask_admin import expose
from flask_babel import gettext as _
from flask_login import current_user

from admin.export_jobs import ExportJobPages, deliver, describe, owner_scope
from admin.policy import PolicyView
from models import ClearanceReport, StarRating
from weimin.access import EXPORT, may, report_visibility
from weimin.exports.description import all_of

FORMATS = ("xlsx", "csv")
AREA = {"street": "street", "community": "community"}  # reports carry both


class ExportView(ExportJobPages, PolicyView):
    action = EXPORT

    def _fmt(self):
        fmt = request.args.get("format", "xlsx")
        if fmt not in FORMATS:
            abort(404)
        return fmt

    def _report(self, source, collection, name, title, scope=AREA, **params):
        description = describe(
            source, self._fmt(), name, title, where=owner_scope(scope), params=params
        )
        return deliver(description, collection)

    @expose("/")
    def index(self):
        scope = all_of(owner_scope(AREA))
        periods = sorted(set(StarRating.objects(scope).distinct("period")), reverse=True)
        reports = ClearanceReport.objects(scope).filter(**report_visibility(current_user))
        months = sorted(set(reports.distinct("month")), reverse=True)
        return self.render("admin/exports/index.html", periods=periods, months=months)

    @expose("/ratings")
    def ratings(self):
        period = request.args.get("period", "")
        name = f"星级评定-{period}"
        return self._report("ratings", "star_ratings", name, _("Star ratings"), period=period)

    @expose("/clearance")
    def clearance(self):
        month = request.args.get("month", "")
        name, title = f"月月清零-{month}", _("Monthly clearance")
        return self._report("clearance", "clearance_reports", name, title, month=month)

    @expose("/audit")
    def audit(self):
        if not may(current_user, "audit", EXPORT):
            abort(403)
        scope = {"street": "street"}
        return self._report("audit", "audit_entries", "操作日志", _("Audit trail"), scope)

    @expose("/volunteer-hours")
    def volunteer_hours(self):
        title = _("Volunteer hours")
        return self._report("volunteer_hours", "volunteers", "志愿服务时长", title)
