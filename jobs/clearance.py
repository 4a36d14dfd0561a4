"""Monthly clearance (月月清零): reports per community, roll-ups per street and district."""

from dataclasses import dataclass, fields
from datetime import date

from mongoengine import NotUniqueError

from jobs.runs import new_run, street_of, tracked
from jobs.tally import FIELDS, Tally, figures, rank
from models import ClearanceMonth, ClearanceReport, Community, Demand, RuleSet, Street
from models.base import utcnow
from models.rule_values import ClearanceParams, clearance_params
from weimin.core.periods import bounds, month_text, previous_month, shift_month
from weimin.demands.deadlines import DeadlineRules

BATCH = 1000


class Frozen(Exception):
    """The street's month is published; it changes only after an explicit reopen."""


@dataclass
class Rules:
    """The clearance rule set in force for a street, and which one it is."""

    params: ClearanceParams
    code: str | None
    version: int | None


def clearance_rules(street=None):
    doc = RuleSet.current("clearance", street)
    return Rules(
        params=clearance_params(doc.params if doc else None),
        code=doc.code if doc else None,
        version=doc.version if doc else None,
    )


def month_demands(community_id, start, end):
    """The demands that can count in [start, end): carried in, or received during it."""
    base = Demand.objects(community=community_id).counted()
    carried = base.open_at(start)
    received = base.filter(received_at__gte=start, received_at__lt=end)
    for query in (carried, received):
        yield from query.only(*FIELDS).order_by().no_cache().as_pymongo().batch_size(BATCH)


def tally_community(community_id, start, end, deadlines=None):
    return tally_months(community_id, [(start, end)], deadlines)[0]


def tally_months(community_id, spans, deadlines=None):
    """One community's tally of each month span, from one read of the demands they can count:
    a demand that counts in any of the months is carried into the first or received after."""
    tallies = [Tally() for _span in spans]
    deadlines = deadlines or DeadlineRules.current()
    for doc in month_demands(community_id, spans[0][0], max(end for _start, end in spans)):
        for tally, (start, end) in zip(tallies, spans, strict=True):
            tally.add(doc, start, end, deadlines)
    return tallies


def stored(figs):
    return {name: value for name, value in figs.items() if not name.startswith("_")}


def upsert(month, street, community, level, values, guard=True):
    """Write one report on its natural key; a published one refuses (unique index)."""
    sets = {f"set__{name}": value for name, value in values.items()}
    query = ClearanceReport.objects(month=month, street=street, community=community)
    try:
        (query.filter(published__ne=True) if guard else query).update_one(
            upsert=True, set__level=level, set__computed_at=utcnow(), **sets
        )
    except NotUniqueError as exc:
        raise Frozen(month) from exc


def tally_of(reports):
    """Sum the counts of stored reports back into a Tally."""
    tally = Tally()
    names = [f.name for f in fields(Tally) if f.name != "open_direct"]
    for report in reports:
        tally.merge(Tally(**{name: getattr(report, name) or 0 for name in names}))
    return tally


def rolled_up(tally, rules, communities, cleared):
    values = stored(figures(tally, rules.params))
    values.update(communities=communities, communities_cleared=cleared, ranked=None)
    values.update(rule_set_code=rules.code, rule_set_version=rules.version)
    return values


def compute_street(street, month, start, end, progress, tallies=None):
    """Reports, ranking and roll-up of one street's month; Frozen when it is published.
    `tallies`: the communities' tallies of the month when they were read already."""
    state = ClearanceMonth.objects(street=street, month=month).modify(
        upsert=True, new=True, set_on_insert__status="draft", set_on_insert__revision=1
    )
    if state.status == "published":
        raise Frozen(month)
    rules, deadlines = clearance_rules(street), DeadlineRules.current(street)
    rows, total = [], Tally()
    for community in Community.objects(street=street).order_by("code").only("code"):
        if tallies is not None and community.pk in tallies:
            tally = tallies[community.pk]
        else:
            tally = tally_community(community.pk, start, end, deadlines)
        rows.append((community.pk, community.code, figures(tally, rules.params)))
        total.merge(tally)
        progress.step()
    places = rank(rows, rules.params.red, rules.params.black)
    common = {"revision": state.revision, "ranked": len(places), "communities": 1}
    common.update(rule_set_code=rules.code, rule_set_version=rules.version)
    for community_id, _code, figs in rows:
        position, honour = places.get(community_id, (None, None))
        values = {**stored(figs), **common, "rank": position, "honour": honour}
        values["communities_cleared"] = int(figs["cleared"])
        upsert(month, street, community_id, "community", values)
    ClearanceReport.objects(
        month=month, street=street, level="community", published__ne=True,
        community__nin=[row[0] for row in rows],
    ).delete()  # fmt: skip
    cleared = sum(figs["cleared"] for *_, figs in rows)
    values = {**rolled_up(total, rules, len(rows), cleared), "revision": state.revision}
    upsert(month, street, None, "street", values)
    state.update(set__computed_at=utcnow())
    return values


def refresh_district(month):
    """Roll the current street reports up to the district; published once every street is."""
    streets = list(ClearanceReport.objects(month=month, level="street"))
    if not streets:
        return None
    values = rolled_up(
        tally_of(streets),
        clearance_rules(None),
        sum(r.communities or 0 for r in streets),
        sum(r.communities_cleared or 0 for r in streets),
    )
    # A street never computed has no draft month either: count against every street that exists.
    every = set(Street.objects.scalar("id"))
    months = ClearanceMonth.objects(month=month, status="published").only("street").as_pymongo()
    published = {doc["street"] for doc in months}
    values.update(streets=len(every), streets_computed=len(streets))
    values["published"] = bool(every) and every <= published
    upsert(month, None, None, "district", values, guard=False)
    return values


def streets_for(street_id):
    """The streets a run covers (one, or every street) and how many communities each has."""
    only = street_of(street_id)
    streets = [only] if only else list(Street.objects.order_by("code"))
    return streets, {s.pk: Community.objects(street=s).count() for s in streets}


def clear_month(month, streets, per_street, progress, tallies=None):
    """Compute one month for these streets; published street-months stay frozen."""
    start, end = bounds(month)
    summary = {"month": month, "computed": [], "frozen": []}
    for street in streets:
        try:
            compute_street(street, month, start, end, progress, tallies)
            summary["computed"].append(street.code)
        except Frozen:
            summary["frozen"].append(street.code)
            progress.step(per_street[street.pk])
    refresh_district(month)
    summary["communities"] = sum(per_street.values())
    return summary


def run_clearance(month, street_id=None, run_id=None):
    """Compute a month's reports for every street (or one); published streets stay frozen."""
    with tracked("clearance", month, street_id, run_id) as progress:
        bounds(month)
        streets, per_street = streets_for(street_id)
        progress.begin(sum(per_street.values()))
        summary = clear_month(month, streets, per_street, progress)
        progress.finish(summary)
    return summary


def month_before(today=None):
    """The month before a local calendar day's (a date or YYYY-MM-DD; None: today)."""
    if today is None:
        return previous_month()
    day = today if isinstance(today, date) else date.fromisoformat(today)
    return shift_month(month_text(day.year, day.month), -1)


def draft_months(today=None):
    """The month just ended and every earlier month that some street still has as a draft."""
    last = month_before(today)
    earlier = ClearanceMonth.objects(status="draft", month__lt=last).distinct("month")
    return sorted({*earlier, last})


def recompute_drafts(today=None, by="schedule"):
    """Recompute every draft month, one run each; published street-months stay as they are."""
    runs = []
    for month in draft_months(today):
        run = new_run("clearance", month, requested_by=by)
        runs.append(run_clearance(month, run_id=str(run.pk)))
    return {"months": [summary["month"] for summary in runs], "runs": runs}
