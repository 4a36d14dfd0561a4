"""Who may apply to a call, and why not: kind, stars, the rating rule, service area, deadline."""

from flask_babel import gettext as _

from models import StarRating
from models.choices import ORG_TYPES, label
from models.references import ref_id
from weimin.core.periods import parse_period
from weimin.purchase.calls import is_open


def latest_rating(organisation, at):
    """The organisation's rating of the latest period begun before `at`, or None.

    Its `not_eligible` flag is the rating rule's ("unrated two periods running", computed by
    jobs.streaks for every stored rating): read here, never re-stated."""
    ratings = StarRating.objects(subject_type="organisation", organisation=organisation.pk).only(
        "period", "stars", "not_eligible"
    )
    spans = [(parse_period(r.period), r) for r in ratings]
    spans = [(span, r) for span, r in spans if span.start < at]
    if not spans:
        return None
    return max(spans, key=lambda pair: (pair[0].start, pair[0].end, pair[1].period))[1]


def reasons(call, organisation, at, at_deadline=False):
    """Why `organisation` may not take part in `call` at `at`; [] when it may.

    `at_deadline`: judged as the applications stood when the call closed, so the deadline
    itself is no reason."""
    found = []
    if not at_deadline and call.status != "published":
        found.append(_("The call is not open for applications."))
    elif not at_deadline and not is_open(call, at):
        found.append(_("The application deadline has passed."))
    if not organisation.active:
        found.append(_("The organisation is no longer active."))
    if call.org_kinds and organisation.org_type not in call.org_kinds:
        kinds = "、".join(str(label(ORG_TYPES, k)) for k in call.org_kinds)
        found.append(
            _(
                "Wrong kind of organisation: the call is open to %(kinds)s only.",
                kinds=kinds,
            )
        )
    rating = latest_rating(organisation, at)
    if rating is not None and rating.not_eligible:
        found.append(
            _(
                "Not eligible under the rating rule: unrated in consecutive periods "
                "(latest %(period)s).",
                period=rating.period,
            )
        )
    stars = rating.stars if rating is not None else 0
    if call.min_stars and stars < call.min_stars:
        found.append(
            _(
                "Star level too low: the call needs %(need)s stars, the organisation has %(have)s.",
                need=call.min_stars,
                have=stars,
            )
        )
    if not _in_area(call, organisation):
        found.append(_("Outside the service area of the call."))
    return found


def _in_area(call, organisation):
    """A street's call: organisations of that street; a district-wide call: of any street.
    Listed communities narrow either to organisations of those communities; one serving a whole
    street (no community of its own) is in when its street holds a listed community."""
    street = ref_id(organisation, "street")
    if call.street is not None and street != ref_id(call, "street"):
        return False
    if not call.communities:
        return True
    own = ref_id(organisation, "community")
    if own is not None:
        return own in {c.pk for c in call.communities}
    return any(ref_id(c, "street") == street for c in call.communities)
