"""How many requests one phone or one address may send in a day through the resident page.

Counted from the stored demands themselves (channel 居民自助, last 24 hours), so the limit holds
across processes and restarts; the ("channel", "-received_at") index serves the count.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from models import Demand
from models.validators import normalise_phone

PER_PHONE = 3
PER_ADDRESS = 5
WINDOW = timedelta(hours=24)


def clean_address(text):
    """The address as stored and compared: surrounding and repeated spaces dropped."""
    return " ".join((text or "").split())


def _recent(now):
    return Demand.objects(channel="resident", received_at__gte=now - WINDOW)


def limit_errors(phone, address, now):
    """{field: message} for a phone or address that has reached its daily limit."""
    config = current_app.config
    errors = {}
    per_phone = config.get("RESIDENT_PER_PHONE_PER_DAY", PER_PHONE)
    per_address = config.get("RESIDENT_PER_ADDRESS_PER_DAY", PER_ADDRESS)
    if phone and _recent(now).filter(resident_phone=normalise_phone(phone)).count() >= per_phone:
        errors["resident_phone"] = _(
            "This phone has sent %(n)d requests today. Please wait until tomorrow, or come to "
            "the community service counter.",
            n=per_phone,
        )
    address = clean_address(address)
    if address and _recent(now).filter(resident_address=address).count() >= per_address:
        errors["resident_address"] = _(
            "This address has sent %(n)d requests today. Please wait until tomorrow, or come "
            "to the community service counter.",
            n=per_address,
        )
    return errors
