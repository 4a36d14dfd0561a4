"""Volunteers: service hours and their late rule, stars, sign-in sheets, accounts."""

from mongoengine import signals

from models import ServiceRecord
from weimin.volunteers.records import mark_late_before_save


def init_volunteers(app):
    """Apply the late rule to every service record saved, whichever path saves it."""
    signals.pre_save.connect(mark_late_before_save, sender=ServiceRecord)
