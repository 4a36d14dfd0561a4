"""Spreadsheet exports for supervisors and admins: ratings, clearance reports, volunteer hours,
the audit trail; small ones download at once, large ones become background jobs."""

from flask import abort, request
from flask_admin import expose

from admin import export_sources as sources
from admin.export_jobs import ExportJobPages, deliver
from admin.policy import PolicyView
from models import ClearanceReport, StarRating
from weimin.access import EXPORT

FORMATS = ("xlsx", "csv")


class ExportView(ExportJobPages, PolicyView):
    action = EXPORT

    def _fmt(self):
        fmt = request.args.get("format", "xlsx")
        if fmt not in FORMATS:
            abort(404)
        return fmt

    @expose("/")
    def index(self):
        scope = sources.report_scope()
        periods = sorted(set(StarRating.objects(**scope).distinct("period")), reverse=True)
        months = sorted(set(ClearanceReport.objects(**scope).distinct("month")), reverse=True)
        return self.render("admin/exports/index.html", periods=periods, months=months)

    @expose("/ratings")
    def ratings(self):
        return deliver(sources.ratings(), self._fmt(), "star_ratings")

    @expose("/clearance")
    def clearance(self):
        return deliver(sources.clearance(), self._fmt(), "clearance_reports")

    @expose("/audit")
    def audit(self):
        return deliver(sources.audit_trail(), self._fmt(), "audit_entries")

    @expose("/volunteer-hours")
    def volunteer_hours(self):
        return deliver(sources.volunteer_hours(), self._fmt(), "volunteers")
