"""Star ratings per period for organisations and communities, and volunteer star levels."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from jobs.runs import street_of, tracked
from jobs.scoring import Stats, breakdown, reward_for, stars_for
from jobs.streaks import refresh_streaks
from models import (
    Community,
    Demand,
    LedgerEntry,
    Organisation,
    PurchaseContract,
    RatingPeriod,
    RuleSet,
    ServiceRecord,
    StarRating,
    Street,
    Volunteer,
    VolunteerStar,
)
from models.base import utcnow
from models.rule_values import rating_params
from models.star_rating import CriterionScore
from weimin.core.periods import month_of, months_between, parse_period
from weimin.core.workdays import TZ
from weimin.funds.totals import moved
from weimin.grids.coverage import coverage_by_community
from weimin.topics.figures import topic_counts
from weimin.volunteers.stars import star_progress, star_rules

# What closed_on_time reads of a closed demand, and whom it is counted for.
DEMAND_FIELDS = ("community", "assigned_org", "closed_at", "deadline_at", "overdue_at")
BATCH = 1000
STEP = 50  # progress is written every STEP volunteers


def decimal_of(value):
    """A stored Decimal128 (or number) as a Decimal; 0 when missing."""
    if value is None:
        return Decimal(0)
    return value.to_decimal() if hasattr(value, "to_decimal") else Decimal(str(value))


def _each(query):
    """The raw documents of a query, streamed unsorted in batches."""
    return query.order_by().no_cache().as_pymongo().batch_size(BATCH)


def _subjects(doc):
    """Whom a demand counts for: its community, and the organisation assigned to it."""
    yield "community", doc["community"]
    if doc.get("assigned_org"):
        yield "organisation", doc["assigned_org"]


def collect(streets, start, end):
    """One pass over the period's closed demands, accepted projects and approved hours."""
    stats = defaultdict(Stats)
    closed = Demand.objects(
        street__in=streets, closed_at__gte=start, closed_at__lt=end, rejected_at=None
    ).only(*DEMAND_FIELDS, "evaluation")
    for doc in _each(closed):
        for subject in _subjects(doc):
            stats[subject].add_demand(doc)
    # A project counts in the period its acceptance passed (验收通过), closed or not.
    accepted = (
        Demand.objects(
            street__in=streets, accepted_at__gte=start, accepted_at__lt=end, kind="project"
        )
        .counted()
        .only("community", "assigned_org")
    )
    for doc in _each(accepted):
        for subject in _subjects(doc):
            stats[subject].projects += 1
    first, last = start.astimezone(TZ).date(), end.astimezone(TZ).date()
    records = ServiceRecord.objects(
        street__in=streets, status="approved", activity_date__gte=first, activity_date__lt=last
    ).only("organisation", "community", "hours", "credited_hours")
    for doc in _each(records):
        credited = doc.get("credited_hours")
        hours = decimal_of(doc.get("hours") if credited is None else credited)
        for kind, key in (("organisation", "organisation"), ("community", "community")):
            if doc.get(key):
                stats[(kind, doc[key])].hours += hours
    # Purchased services: each contract's acceptance score, in the period its acceptance passed.
    contracts = PurchaseContract.objects(
        street__in=streets, accepted_at__gte=start, accepted_at__lt=end
    ).only("organisation", "acceptance_score")
    for doc in _each(contracts):
        if doc.get("acceptance_score") is not None:
            stats[("organisation", doc["organisation"])].acceptance.append(doc["acceptance_score"])
    # Money the community's funds raised and paid out (weimin.funds.totals).
    for community, money in moved(LedgerEntry.objects(street__in=streets), first, last).items():
        if community is not None:
            stats[("community", community)].money = money
    # The outcomes of the community's deliberation topics (weimin.topics.figures).
    for community, counts in topic_counts(streets, start, end).items():
        stats[("community", community)].topics = counts
    # The grids' visit coverage, averaged over the period's months (weimin.grids.coverage).
    months = months_between(month_of(start), month_of(end - timedelta(microseconds=1)))
    for community, share in coverage_by_community(months, street__in=streets).items():
        stats[("community", community)].visit_coverage = share
    return stats


def rate(subject_type, subject, street, period, kind, stats, rules):
    """Score one subject from its Stats and upsert the rating on (period, subject)."""
    params = rating_params(rules.params)
    lines, score = breakdown(stats, params, kind)
    stars = stars_for(score, params)
    key = {"organisation": None, "community": None, subject_type: subject.pk}
    entries = [
        CriterionScore(
            code=code,
            raw=None if raw is None else float(raw),
            target=None if target is None else float(target),
            weight=float(weight),
            points=points,
        )
        for code, raw, target, weight, points in lines
    ]
    StarRating.objects(period=period, subject_type=subject_type, **key).update_one(
        upsert=True,
        set__street=street.pk,
        set__subject_name=subject.name,
        set__score=score,
        set__sort_score=float(score),
        set__scale=int(params.scale),
        set__stars=stars,
        set__reward=reward_for(stars, params),
        # unrated_streak and not_eligible depend on the other periods: run_ratings refreshes them
        set__breakdown=entries,
        set__rule_set=rules.pk,
        set__rule_set_code=rules.code,
        set__rule_set_version=rules.version,
        set__computed_at=utcnow(),
    )
    return stars


def subjects_of(street):
    yield from (("community", c) for c in Community.objects(street=street).only("name"))
    orgs = Organisation.objects(street=street, active=True).only("name")
    yield from (("organisation", o) for o in orgs)


def run_volunteer_stars(streets, progress=None):
    """Star level of every volunteer in these streets from their approved hours."""
    levels, pending = defaultdict(int), 0
    for street in streets:
        thresholds, _cap = star_rules(street)
        rules = RuleSet.current("volunteer_stars", street)
        people = Volunteer.objects(street=street).only("approved_hours", "community")
        for doc in people.order_by().no_cache().as_pymongo().batch_size(BATCH):
            stand = star_progress(decimal_of(doc.get("approved_hours")), thresholds)
            VolunteerStar.objects(volunteer=doc["_id"]).update_one(
                upsert=True,
                set__street=street.pk,
                set__community=doc.get("community"),
                set__hours=stand.hours,
                set__stars=stand.level,
                set__next_threshold=stand.next_threshold,
                set__rule_set_version=rules.version if rules else None,
                set__computed_at=utcnow(),
            )
            levels[stand.level] += 1
            pending += 1
            if progress and pending == STEP:
                progress.step(pending)
                pending = 0
    if progress:
        progress.step(pending)
    return {str(level): count for level, count in sorted(levels.items())}


def run_ratings(period, street_id=None, run_id=None):
    """Rate every organisation and community of the streets whose rule set uses this period."""
    with tracked("ratings", period, street_id, run_id) as progress:
        span = parse_period(period)
        kind, start, end = span.kind, span.start, span.end
        only = street_of(street_id)
        streets = [only] if only else list(Street.objects.order_by("code"))
        rules = {s.pk: RuleSet.current("rating", s) for s in streets}
        due = [
            s for s in streets if rules[s.pk] and rating_params(rules[s.pk].params).period == kind
        ]
        skipped = [s.code for s in streets if s not in due]
        # A street's published ratings are frozen until reopened (like a published month).
        published = set(RatingPeriod.objects(period=period, status="published").scalar("street"))
        frozen = [s for s in due if s in published]
        due = [s for s in due if s not in published]
        subjects = [(s, t, subject) for s in due for t, subject in subjects_of(s)]
        people = Volunteer.objects(street__in=[s.pk for s in streets]).count()
        progress.begin(len(subjects) + people)
        stats = collect([s.pk for s in due], start, end)
        stars = defaultdict(int)
        for street, subject_type, subject in subjects:
            found = stats.get((subject_type, subject.pk), Stats())
            args = (subject_type, subject, street, period, kind, found)
            stars[rate(*args, rules[street.pk])] += 1
            progress.step()
        for street in due:
            RatingPeriod.objects(street=street, period=period).update_one(
                upsert=True, set_on_insert__status="draft", set__computed_at=utcnow()
            )
        rated = [(subject_type, subject.pk) for _street, subject_type, subject in subjects]
        summary = {
            "period": period,
            "rated": len(subjects),
            "frozen": [s.code for s in frozen],
            "streaks_changed": refresh_streaks(rated),
            "stars": {str(k): v for k, v in sorted(stars.items())},
            "skipped": skipped,
            "volunteer_stars": run_volunteer_stars(streets, progress),
        }
        progress.finish(summary)
    return summary
