"""Hand an export over: at once when it is small, through a background job when it is large.

A view describes its export (weimin.exports.description); the rows come from that description
either way. A large export becomes an ExportJob keeping the description; its page
(admin.export_views) shows the progress and, once the file is in GridFS, a download link that
only its owner can use and that expires after EXPORT_TTL_HOURS.
"""

import logging

from flask import current_app, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from jobs.dispatch import submit_export
from models import ExportJob
from models.base import utcnow
from weimin.access import area_key, own_street, scope_filter_for
from weimin.core.sheets import XLSX_MAX_ROWS, send_table
from weimin.exports.description import Description, scope_triples
from weimin.exports.tables import table as export_table
from weimin.store import audit

log = logging.getLogger(__name__)


def describe(source, fmt, name, title, **parts):
    """The Description of an export the current user asks for now, in their language."""
    user = current_user._get_current_object()
    return Description(
        source=source,
        owner=user.pk,
        scope=area_key(user),
        fmt=fmt,
        locale=str(get_locale()),
        name=name,
        title=title,
        **parts,
    )


def owner_scope(mapping, district_wide=False):
    """The current user's scope over documents with these scope fields, as triples."""
    return scope_triples(scope_filter_for(current_user, mapping), district_wide)


def deliver(description, collection, back=None):
    """The response to an export request: the file, or a redirect to its background job."""
    fmt = description.fmt
    table = export_table(description, current_user._get_current_object())
    if fmt == "xlsx" and table.count > XLSX_MAX_ROWS:
        flash(
            _(
                "%(count)s rows do not fit in one XLSX sheet (at most 1,048,575): "
                "choose CSV or narrow the list.",
                count=table.count,
            ),
            "error",
        )
        return redirect(back or url_for("exports.index"))
    large = table.count > current_app.config["EXPORT_SYNC_MAX_ROWS"]
    street = own_street(current_user)
    entry = {
        "count": table.count,
        "summary": f"{table.name}.{fmt}"[:500],
        "street": street and street.pk,
    }
    if not large:
        audit.record("export", collection, changes={"format": fmt}, **entry)
        return send_table(table, fmt)
    args = [[key, value] for key, value in request.args.items(multi=True)]
    asked = {"owner": current_user.pk, "path": request.path, "args": args, "fmt": fmt}
    job = ExportJob.objects(status__in=("queued", "running"), **asked).first()
    if job is not None:  # the same export is already on its way
        return redirect(url_for("exports.job", job_id=job.pk))
    audit.record("export", collection, changes={"format": fmt, "background": True}, **entry)
    job = ExportJob(
        **asked,
        source=description.source,
        description=description.to_doc(),
        scope=description.scope,
        locale=description.locale,
        filename=f"{table.name}.{fmt}",
        total=table.count,
    ).save()
    try:
        submit_export(job)
    except Exception:
        log.exception("export %s could not be queued", job.pk)
        message = _("The export could not be started. Try again later, or ask an administrator.")
        job.update(set__status="failed", set__message=message, set__finished_at=utcnow())
        flash(message, "error")
        return redirect(back or url_for("exports.index"))
    hours = current_app.config["EXPORT_TTL_HOURS"]
    message = _(
        "%(count)s rows: the file is being prepared in the background. This page shows its "
        "progress; the download link stays valid for %(hours)s hours.",
        count=table.count,
        hours=hours,
    )
    flash(message, "info")
    return redirect(url_for("exports.job", job_id=job.pk))
