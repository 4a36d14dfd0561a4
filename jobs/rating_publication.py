"""Publishing a street's star ratings of a period puts them on the public bulletin, for a 公示
of the rule set's objection_days; reopening takes them off until they are published again."""

from datetime import timedelta

from flask_babel import gettext as _

from models import RatingPeriod, RuleSet, StarRating
from models.base import utcnow
from models.clearance_month import MonthEvent
from models.rule_values import rating_params
from weimin.store import audit
from weimin.store.db import conditional_write


class RatingPublicationError(ValueError):
    """The ratings cannot be published or reopened now; the message says why."""


def _ratings(street, period):
    return StarRating.objects(street=street, period=period)


def _mark(state, published, action, by, note=None):
    """Flag the ratings and record the step; the state is saved (and audited) by the caller."""
    count = _ratings(state.street, state.period).update(set__published=published)
    state.history.append(MonthEvent(action=action, at=utcnow(), by=by, note=note))
    state.save()
    audit.record(
        "bulk", StarRating._get_collection_name(), state.pk, street=state.street.pk,
        count=count, summary=f"{action} {state.period}",
    )  # fmt: skip


def publish_ratings(street, period, by):
    """Publish a computed draft; the 公示 runs objection_days from now."""
    with conditional_write():
        state = RatingPeriod.objects(street=street, period=period).first()
        if state is None or state.computed_at is None or not _ratings(street, period).count():
            raise RatingPublicationError(
                _("The ratings of %(period)s have not been computed yet.", period=period)
            )
        if state.status == "published":
            raise RatingPublicationError(
                _("The ratings of %(period)s are already published.", period=period)
            )
        rules = RuleSet.current("rating", street)
        days = rating_params(rules.params if rules else None).objection_days
        now = utcnow()
        state.status, state.published_at, state.published_by = "published", now, by
        state.objection_days, state.objection_until = days, now + timedelta(days=days)
        _mark(state, True, "published", by)
    return state


def reopen_ratings(street, period, by, reason=None):
    """Take published ratings off the bulletin so that they can be recomputed."""
    with conditional_write():
        state = RatingPeriod.objects(street=street, period=period).first()
        if state is None or state.status != "published":
            raise RatingPublicationError(_("Only published ratings can be reopened."))
        state.status, state.published_at, state.published_by = "draft", None, None
        state.objection_days = state.objection_until = None
        _mark(state, False, "reopened", by, reason)
    return state
