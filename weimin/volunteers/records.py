"""The late rule of service records (Art. 11), the one check every write path runs, and the
demands a volunteer's own record may answer.

A record entered more than 10 official working days after its activity is late and needs a
reason. `late` is computed here, on the official calendar, before every save (a pre_save
receiver connected by init_volunteers) and before every check without a save (the sign-in
sheet import inserts in bulk and checks each row first); ServiceRecord.clean() then asks for
the reason.
"""

from flask_babel import gettext as _
from mongoengine import ValidationError
from mongoengine.queryset.visitor import Q

from models import Demand
from models.base import TZ, utcnow
from weimin.core.errors import validate_flat
from weimin.core.workdays import working_days_between

LATE_AFTER_WORKING_DAYS = 10  # Art. 11


def is_late(activity_date, entered_at):
    """True when entered more than 10 official working days after the activity."""
    entered = entered_at.astimezone(TZ).date()
    return working_days_between(activity_date, entered) > LATE_AFTER_WORKING_DAYS


def mark_late(record):
    """Set the record's `late` flag from its activity date and when it was entered."""
    if record.activity_date:
        record.late = is_late(record.activity_date, record.submitted_at or utcnow())
    return record


def check(record):
    """Mark a record late or not and validate it, messages under their fields."""
    validate_flat(mark_late(record))
    return record


def mark_late_before_save(sender, document, **kwargs):
    """pre_save receiver: no save skips the late rule."""
    mark_late(document)


def linkable_demands(volunteer, organisation=None):
    """Demands of the volunteer's street held by them (a wish they hold or fulfilled)
    or by one of their teams or the record's organising unit."""
    units = [team.pk for team in volunteer.teams]
    if organisation is not None:
        units.append(organisation.pk)
    held = Q(assigned_volunteer=volunteer.pk) | Q(assigned_org__in=units)
    return Demand.objects(street=volunteer.street).filter(held)


def demand_to_link(volunteer, ticket_no, organisation=None):
    """The demand a volunteer's own record answers, by its ticket number.

    An unknown ticket and one the volunteer may not link get the same message, so the form
    tells nothing about demands beyond their own.
    """
    demand = linkable_demands(volunteer, organisation).filter(ticket_no=ticket_no).first()
    if demand is None:
        message = _("None of the demands you or your team handle has this ticket number.")
        raise ValidationError(message, errors={"demand": ValidationError(message)})
    return demand
