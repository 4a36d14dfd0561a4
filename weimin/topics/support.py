"""Residents' support of a raised topic: one per phone, kept as a keyed hash of the phone."""

import hashlib
import hmac

from flask import current_app
from flask_babel import gettext as _
from mongoengine import NotUniqueError, ValidationError

from models import Topic, TopicSupport
from models.validators import normalise_phone, validate_phone
from weimin.topics.errors import TopicError

SALT = b"topic-support"
SUPPORTABLE = ("raised",)  # support counts while the topic waits for its meeting


def phone_key(phone):
    """The keyed hash of a normalised mainland phone; the phone itself is never stored."""
    try:
        validate_phone(phone)
    except ValidationError as exc:
        raise TopicError(_("Enter a valid mainland phone number.")) from exc
    national = normalise_phone(phone)
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), SALT, hashlib.sha256).digest()
    return hmac.new(key, national.encode(), hashlib.sha256).hexdigest()


def add_support(topic, phone):
    """Count one resident's support; refused a second time from the same phone."""
    if topic.status not in SUPPORTABLE:
        raise TopicError(_("This topic no longer collects support."))
    digest = phone_key(phone)
    try:
        TopicSupport(topic=topic, phone_hash=digest).save()
    except NotUniqueError as exc:
        raise TopicError(_("This phone number has already supported this topic.")) from exc
    Topic.objects(pk=topic.pk).update_one(inc__supporters=1)
    topic.reload("supporters")
    return topic.supporters
