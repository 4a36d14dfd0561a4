"""Finding a demand by its ticket number and the last four digits of the resident's phone."""

from models import Demand


def by_ticket(ticket, phone4):
    """The demand, or None for an unknown ticket and a wrong suffix alike (nothing leaks)."""
    ticket, phone4 = (ticket or "").strip(), (phone4 or "").strip()
    if not ticket or len(phone4) != 4 or not phone4.isdigit():
        return None
    demand = Demand.objects(ticket_no=ticket).first()
    if demand is None or not (demand.resident_phone or "").endswith(phone4):
        return None
    return demand
