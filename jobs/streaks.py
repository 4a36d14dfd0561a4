"""Unrated periods running: every rating's streak read from its subject's ratings in period order.

A period's streak depends on the periods before it, so it is recomputed over all of a
subject's stored ratings after any of them changes: computing 2025 before 2024, or 2024 again
later, leaves the same figures as computing them in order (RULES.md, "Unrated two periods
running").
"""

from collections import defaultdict

from models import RuleSet, StarRating
from models.rule_values import rating_params
from weimin.core.periods import parse_period

CHUNK = 1000  # subject ids per read
FIELDS = ("period", "stars", "rule_set", "unrated_streak", "not_eligible")


def streaks(ratings, flag_of):
    """{rating id: (unrated_streak, not_eligible)} of one subject's raw ratings, in any order."""
    # Unrated periods run while each starts where the one before ended: a period without a
    # rating breaks the run. flag_of(rule set id) is how many running that rule set flags.
    spans = sorted(((parse_period(d["period"]), d) for d in ratings), key=_order)
    result, streak, last_end = {}, 0, None
    for span, doc in spans:
        running = streak if span.start == last_end else 0
        streak = running + 1 if not doc.get("stars") else 0
        result[doc["_id"]] = (streak, streak >= flag_of(doc.get("rule_set")))
        last_end = span.end
    return result


def _order(pair):
    span, doc = pair
    return span.start, span.end, doc["period"]


def _flags(rule_set_ids):
    """A function from a rule set id to its unrated_periods_to_flag (None: the defaults)."""
    found = RuleSet.objects(id__in=[i for i in rule_set_ids if i is not None]).only("params")
    flags = {r.pk: rating_params(r.params).unrated_periods_to_flag for r in found}
    default = rating_params(None).unrated_periods_to_flag
    return lambda rule_set: flags.get(rule_set, default)


def _read(subjects):
    """{(subject type, id): [raw ratings]}: one read per subject type and CHUNK subjects."""
    ids = defaultdict(list)
    for subject_type, pk in subjects:
        ids[subject_type].append(pk)
    found = defaultdict(list)
    for subject_type, pks in ids.items():
        for n in range(0, len(pks), CHUNK):
            where = {"subject_type": subject_type, f"{subject_type}__in": pks[n : n + CHUNK]}
            query = StarRating.objects(**where).only(subject_type, *FIELDS).order_by()
            for doc in query.no_cache().as_pymongo():
                found[(subject_type, doc[subject_type])].append(doc)
    return found


def refresh_streaks(subjects):
    """Recompute the streaks of these (subject type, id) pairs; return how many ratings changed."""
    found = _read(subjects)
    flag_of = _flags({d.get("rule_set") for docs in found.values() for d in docs})
    # Only changed ratings are written, grouped by their new figures: a handful of updates.
    changes = defaultdict(list)
    for docs in found.values():
        stored = {d["_id"]: (d.get("unrated_streak"), d.get("not_eligible")) for d in docs}
        for rating, figures in streaks(docs, flag_of).items():
            if stored[rating] != figures:
                changes[figures].append(rating)
    for (streak, flagged), ratings in changes.items():
        for n in range(0, len(ratings), CHUNK):
            StarRating.objects(id__in=ratings[n : n + CHUNK]).update(
                set__unrated_streak=streak, set__not_eligible=flagged
            )
    return sum(len(ratings) for ratings in changes.values())
