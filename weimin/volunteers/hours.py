"""Deciding and correcting service records: approval counts once, hours stay exact (Decimal),
earlier values stay in the history (Art. 13)."""

import threading
from decimal import Decimal

from bson import Decimal128
from flask_babel import lazy_gettext as _l
from mongoengine import ValidationError
from mongoengine.errors import SaveConditionError

from models.base import utcnow
from models.service_record import CORRECTABLE, Correction, ServiceRecord
from models.volunteer import Volunteer
from weimin import notify
from weimin.access import ref_id
from weimin.store import audit
from weimin.volunteers.records import check
from weimin.volunteers.stars import star_rules

# mongomock (the embedded store and the tests) matches and then writes in two steps, so two
# threads could both match one filter; MongoDB's single-document update is atomic by itself.
_write_lock = threading.RLock()


def cap_hours(hours, cap):
    """The hours that count: as served, at most `cap` per activity (None: no cap)."""
    return min(Decimal(hours), cap) if cap is not None else Decimal(hours)


def credited(hours, street):
    """The hours that count under the street's rule set."""
    _, cap = star_rules(street)
    return cap_hours(hours, cap)


def approve(record_id, by):
    """Approve a submitted record; True only for the call that did it (later ones: no change)."""
    coll = ServiceRecord._get_collection()
    staged = []  # the volunteer's message, written before the approval (weimin.notify)
    with _write_lock:
        for _ in range(5):
            raw = coll.find_one({"_id": record_id, "status": "submitted"})
            if raw is None:
                break
            street = raw.get("street")
            credit = credited(raw["hours"].to_decimal(), street)
            person = Volunteer.objects(pk=raw["volunteer"]).only("name", "phone").first()
            if person is not None:
                staged += notify.record_staged(raw, person, credit)
            done = coll.update_one(
                # hours in the filter: a correction in between makes us recompute the credit
                {"_id": record_id, "status": "submitted", "hours": raw["hours"]},
                {
                    "$set": {
                        "status": "approved",
                        "credited_hours": Decimal128(credit),
                        "decided_at": utcnow(),
                        "decided_by": by,
                    },
                    "$unset": {"reject_reason": ""},
                },
            ).matched_count
            if done:
                Volunteer.add_approved_hours(raw["volunteer"], credit)
                _audit(record_id, street, "approved", credited_hours=str(credit))
                notify.queue(staged)
                return True
    notify.withdraw(staged)
    return False


def reject(record_id, by, reason):
    """Reject a submitted record with a reason; True only for the call that did it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _l("A rejection needs a reason"),
            errors={"reject_reason": ValidationError(_l("A rejection needs a reason"))},
        )
    with _write_lock:
        done = ServiceRecord.objects(pk=record_id, status="submitted").update_one(
            set__status="rejected",
            set__reject_reason=reason[:500],
            set__decided_at=utcnow(),
            set__decided_by=by,
        )
    if done:
        street = ServiceRecord.objects.only("street").get(pk=record_id).street
        _audit(record_id, street.pk, "rejected", reject_reason=reason[:500])
    return bool(done)


def _audit(record_id, street, status, **values):
    """Atomic updates bypass the document signals, so they enter the trail here."""
    changes = {"status": {"before": "submitted", "after": status}}
    changes.update({k: {"before": None, "after": v} for k, v in values.items()})
    audit.record("update", "service_records", record_id, changes, street=street)


def _shown(value):
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def correct(record_id, changes, by, reason="", resubmit=False):
    """Change a record's Art. 7 fields, keep the earlier values, adjust approved hours.

    A rejected record that is corrected goes back to `submitted` when `resubmit` is set.
    """
    with _write_lock:
        record = ServiceRecord.objects.get(pk=record_id)
        before, length = record.status, len(record.history)
        diff = {}
        for name in CORRECTABLE:
            if name in changes and _shown(getattr(record, name)) != _shown(changes[name]):
                diff[name] = [_shown(getattr(record, name)), _shown(changes[name])]
                setattr(record, name, changes[name])
        if before == "approved" and diff and not (reason or "").strip():
            raise ValidationError(
                _l("A correction needs a reason"),
                errors={
                    "reason": ValidationError(
                        _l("A correction of an approved record needs a reason")
                    )
                },
            )
        action = "edit"
        if resubmit and before == "rejected":
            action, record.status = "resubmit", "submitted"
            record.reject_reason = record.decided_at = record.decided_by = None
        elif not diff:
            return record
        delta = Decimal(0)
        if before == "approved":
            old = Decimal(record.credited_hours or 0)
            record.credited_hours = credited(record.hours, record.street)
            delta = record.credited_hours - old
            record.correction_request = None
        record.history.append(Correction(by=by, action=action, reason=reason, changes=diff))
        check(record)
        try:
            record.save(save_condition={"status": before, "history__size": length})
        except SaveConditionError:
            raise ValidationError(
                _l("Someone else changed this record meanwhile; reload and try again")
            ) from None
        if delta:
            Volunteer.add_approved_hours(ref_id(record, "volunteer"), delta)
        return record


def request_correction(record_id, volunteer_id, text, by):
    """A volunteer asks for a correction of an approved record; staff act on it."""
    text = (text or "").strip()[:500]
    entry = Correction(by=by, action="request", reason=text)
    query = ServiceRecord.objects(pk=record_id, volunteer=volunteer_id, status="approved")
    done = bool(query.update_one(set__correction_request=text, push__history=entry))
    if done:
        street = ServiceRecord.objects.only("street").get(pk=record_id).street
        changes = {"correction_request": {"before": None, "after": text}}
        audit.record("correction", "service_records", record_id, changes, street=street.pk)
    return done


def recount_approved_hours(volunteer_id):
    """Set a volunteer's total from the approved records themselves (repair after a crash)."""
    approved = ServiceRecord.objects(volunteer=volunteer_id).approved()
    total = sum(
        (r.credited_hours or r.hours for r in approved.only("hours", "credited_hours")),
        Decimal(0),
    )
    Volunteer.objects(pk=volunteer_id).update_one(set__approved_hours=total)
    return total
