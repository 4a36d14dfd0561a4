"""The service catalogue: field specs and their forms, schema and filters; versions and fit."""

from mongoengine import signals

from models import CatalogueItemVersion
from weimin.catalogue.versions import stamp_author


def init_catalogue(app):
    """Stamp every new version of an item's fields with its author, whichever path saves it."""
    signals.pre_save.connect(stamp_author, sender=CatalogueItemVersion)
