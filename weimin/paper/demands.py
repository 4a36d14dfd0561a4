"""A demand's two papers: the resident's receipt (受理回执) and the handler's work order (工单).

The receipt leaves the office in the resident's pocket: their name, phone and address are
masked on it as on public pages. The work order goes to whoever handles the demand, who needs
to reach the resident: personal data as the printing user may see it (in full for the staff
over the demand, the only ones who may print it).
"""

from datetime import UTC, timedelta

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from models import ObjectionContact
from models.base import TZ, utcnow
from models.choices import CHANNELS, HANDLING_LEVELS, KINDS, STATUSES, label
from weimin.access import shown
from weimin.access.masking import mask_name, mask_phone
from weimin.catalogue.defs import label as field_label
from weimin.catalogue.schema import display
from weimin.core.timefmt import deadline_text, local_time, long_date
from weimin.demands.links import follow_token
from weimin.paper.paper import Paper


def follow_url(demand):
    """The resident's private follow link, absolute (it goes into a QR code)."""
    return url_for("resident.follow_page", token=follow_token(demand), _external=True)


def due_day(deadline):
    """The day a deadline falls due: one that ends at 00:00 is due the day before."""
    if deadline is None:
        return None
    local = (deadline if deadline.tzinfo else deadline.replace(tzinfo=UTC)).astimezone(TZ)
    return (local - timedelta(microseconds=1)).date()


def centre(demand):
    """The service centre's name and contact line for the foot of the receipt."""
    community, street = demand.community, demand.street
    name = _("%(community)s service centre", community=getattr(community, "name", ""))
    contact = ObjectionContact.objects(street=street).first() if street else None
    if contact is None:
        return name, ""
    return name, f"{contact.office} {contact.phone}" + (
        f"（{contact.hours}）" if contact.hours else ""
    )


def _issuer(demand):
    return " · ".join(
        n for n in (getattr(demand.street, "name", ""), getattr(demand.community, "name", "")) if n
    )


def receipt(demand):
    """The receipt a resident takes home: what was asked, when to expect it, how to follow it."""
    name, contact = centre(demand)
    # A wish on the wall runs against its claim window: its date comes when it is claimed.
    on_wall = demand.kind == "wish" and demand.status == "published"
    due = None if on_wall else due_day(demand.deadline_at)
    return Paper(
        kind="receipt",
        size="A5",
        title=_("Acceptance receipt"),
        issuer=_issuer(demand),
        number_label=_("Ticket no."),
        number=demand.ticket_no,
        rows=[
            (_("Resident's name"), mask_name(demand.resident_name)),
            (_("Contact phone"), mask_phone(demand.resident_phone)),
            (_("Date taken in"), long_date(demand.received_at)),
            (_("Service item"), getattr(demand.item, "name", "")),
            (_("Taken in through"), label(CHANNELS, demand.channel)),
            (_("Expected by"), long_date(due) if due else _("Set when the wish is claimed")),
        ],
        blocks=[(_("What was asked"), demand.description, 0)],
        qr_url=follow_url(demand),
        qr_caption=_("Scan to follow your case (keep this link private):"),
        signatures=[_("Received by")],
        notes=[
            _("You can also look the case up with the ticket no. and your phone's last 4 digits."),
            _("%(centre)s, phone: %(contact)s", centre=name, contact=contact or "—"),
        ],
        filename=f"{_('Acceptance receipt')}-{demand.ticket_no}",
    )


def _assignee(demand):
    parts = [getattr(demand.assigned_org, "name", None)]
    parts.append(getattr(demand.assigned_volunteer, "name", None))
    return " / ".join(p for p in parts if p) or _("Not assigned yet")


def _values(demand, user):
    """The item's own fields with their values, masked by field type as for the user."""
    item = demand.item
    specs = item.field_history() if item is not None else {}
    english = str(get_locale() or "").startswith("en")
    rows = []
    for name, stored in (demand.values or {}).items():
        spec = specs.get(name) or {"name": name, "type": "text", "choices": []}
        text = display(spec, stored, english)
        rows.append((field_label(spec, english), shown(user, demand, name, text, spec["type"])))
    return rows


def work_order(demand, user):
    """The work order for whoever handles the demand: every field, room for notes, signatures."""
    rows = [
        (_("Kind"), label(KINDS, demand.kind)),
        (_("Service item"), getattr(demand.item, "name", "")),
        (_("Category"), getattr(demand.category, "name", "")),
        (_("Handling level"), label(HANDLING_LEVELS, demand.handling_level) or ""),
        (_("Community"), _issuer(demand)),
        (_("Resident's name"), demand.resident_name),
        (_("Contact phone"), shown(user, demand, "resident_phone")),
        (_("Address"), shown(user, demand, "resident_address")),
        (_("Taken in through"), label(CHANNELS, demand.channel)),
        (_("Received at"), local_time(demand.received_at)),
        (_("Respond by"), local_time(demand.response_due_at)),
        (_("Deadline"), deadline_text(demand.deadline_at) if demand.deadline_at else ""),
        (_("Status"), label(STATUSES, demand.status)),
        (_("Assigned to"), _assignee(demand)),
        *_values(demand, user),
    ]
    if demand.overdue:
        rows.append((_("Overdue"), _("Yes")))
    return Paper(
        kind="work_order",
        size="A4",
        title=_("Work order"),
        issuer=_issuer(demand),
        number_label=_("Ticket no."),
        number=demand.ticket_no,
        rows=rows,
        blocks=[
            (_("What was asked"), demand.description, 0),
            (_("Handling notes"), "", 5),
            (_("Result and the resident's opinion"), "", 2),
        ],
        # The resident's follow link is theirs alone; this code opens the demand for staff.
        qr_url=url_for("demand.details_view", id=str(demand.pk), _external=True),
        qr_caption=_("Scan to open this demand in the back office (sign-in needed):"),
        signatures=[
            _("Handled by"),
            _("Date"),
            _("Resident's confirmation"),
            _("Date"),
            _("Checked by"),
            _("Date"),
        ],
        notes=[
            _(
                "Printed by %(user)s at %(at)s",
                user=getattr(user, "name", "") or getattr(user, "username", ""),
                at=local_time(utcnow()),
            )
        ],
        filename=f"{_('Work order')}-{demand.ticket_no}",
    )
