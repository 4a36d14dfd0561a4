"""The consent text a resident ticks before giving personal data (个人信息保护法 Art. 13-17).

The text is versioned: a demand records the version it was given under, so a later change of
wording never rewrites what an earlier resident agreed to. Change VERSION with the wording.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models.consent import Consent
from weimin.core.timefmt import local_time

VERSION = "2026-12-v1"

# (heading, text): purpose, what is collected, who sees it, how long it is kept, rights.
SECTIONS = (
    (
        _l("Purpose"),
        _l(
            "Your name, phone, address and what you fill in are used only to handle this "
            "request: to contact you, to send someone to help, to tell you how it goes and to "
            "ask you afterwards how it went."
        ),
    ),
    (
        _l("Who sees it"),
        _l(
            "The community workers and the street office handling your request, and the "
            "organisation or volunteer sent to help you (only what they need to serve you). "
            "Supervisors see your phone number masked. Nothing that identifies you is "
            "published: the wish wall and the follow page show no name, phone or address."
        ),
    ),
    (
        _l("How long it is kept"),
        _l(
            "While your request is handled, and for three years after it is closed, as the "
            "work record of the community; afterwards it is deleted or made anonymous."
        ),
    ),
    (
        _l("Your rights"),
        _l(
            "You may ask the community to show, correct or delete your data, or withdraw this "
            "consent, at the community service counter. Without this consent we cannot take "
            "the request in here; you can still come to the counter or call the hotline."
        ),
    ),
)


def record(now):
    """The consent record a demand keeps: this text's version and the moment it was ticked."""
    return Consent(version=VERSION, at=now)


def consent_text(record):
    """The consent record as staff read it: version and local time, or a dash when none."""
    if record is None:
        return "—"
    return _("Notice %(version)s, agreed %(at)s", version=record.version, at=local_time(record.at))


def consent_formatter(view, context, model, name):
    """Flask-Admin formatter for Demand.consent on the details page."""
    return consent_text(model.consent)
