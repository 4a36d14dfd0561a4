"""Publishing a street's month freezes it; reopening keeps the published revision readable."""

from flask_babel import gettext as _

from jobs.clearance import refresh_district
from models import ClearanceMonth, ClearanceReport, ClearanceRevision
from models.base import utcnow
from models.clearance_month import MonthEvent
from weimin.store import audit
from weimin.store.db import conditional_write


class PublicationError(ValueError):
    """The month cannot be published or reopened now; the message says why."""


def _reports(street, month):
    return ClearanceReport.objects(month=month, street=street)


def _record(action, state, before, after, reason=None):
    """One entry per publish or reopen: the month's atomic updates bypass the save signals."""
    changes = {"status": {"before": before, "after": after}}
    if action == "reopen":
        changes["revision"] = {"before": state.revision, "after": state.revision + 1}
    if reason:
        changes["note"] = {"before": None, "after": reason}
    street = state.to_mongo().get("street")
    audit.record(action, "clearance_months", state.pk, changes, street=street, subject=str(state))


def publish_month(street, month, by):
    """Freeze a computed draft month of a street."""
    with conditional_write():
        state = ClearanceMonth.objects(street=street, month=month).first()
        if state is None or state.computed_at is None or not _reports(street, month).count():
            raise PublicationError(_("%(month)s has not been computed yet.", month=month))
        if state.status == "published":
            raise PublicationError(_("%(month)s is already published.", month=month))
        stale = _reports(street, month).filter(revision__ne=state.revision).count()
        if stale:
            raise PublicationError(_("Recompute %(month)s before publishing it.", month=month))
        now = utcnow()
        _reports(street, month).update(set__published=True)
        event = MonthEvent(action="published", at=now, by=by, revision=state.revision)
        state.update(
            set__status="published",
            set__published_at=now,
            set__published_by=by,
            push__history=event,
        )
        _record("publish", state, "draft", "published")
    refresh_district(month)


def reopen_month(street, month, by, reason=None):
    """Archive the published revision and open the next one for recomputation."""
    with conditional_write():
        state = ClearanceMonth.objects(street=street, month=month).first()
        if state is None or state.status != "published":
            raise PublicationError(_("Only a published month can be reopened."))
        now = utcnow()
        for report in _reports(street, month):
            values = report.to_mongo().to_dict()
            values.pop("_id", None)
            key = {k: values.pop(k, None) for k in ("month", "street", "community", "revision")}
            extra = {"archived_at": now, "archived_by": by, "reason": reason}
            ClearanceRevision._get_collection().update_one(
                key, {"$set": {**values, **extra}}, upsert=True
            )
        _reports(street, month).update(set__published=False)
        event = MonthEvent(action="reopened", at=now, by=by, revision=state.revision, note=reason)
        state.update(
            set__status="draft",
            inc__revision=1,
            unset__published_at=True,
            unset__published_by=True,
            push__history=event,
        )
        _record("reopen", state, "published", "draft", reason)
    refresh_district(month)
