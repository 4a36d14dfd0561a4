"""A past month's report is the same whenever it is computed: at its end + 1, + 40 or + 400 days.

Random demand histories run through the product's own intake, actions and deadline watch, with
the watch's runs drawn too; the month is computed at each checkpoint along the way.
"""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.cn import ric

from jobs.clearance import run_clearance
from jobs.sla import run_sla
from models import ClearanceMonth, ClearanceReport, Community, Demand, JobRun, Volunteer
from models.demand import Evaluation
from weimin.core.periods import bounds
from weimin.demands.transitions import Conflict, TransitionError, apply

MONTHS = ("2026-02", "2026-03")
START, END = bounds("2026-02")[0], bounds("2026-03")[1]
HOUR = timedelta(hours=1)
CHECKPOINTS = (END + timedelta(days=1), END + timedelta(days=40), END + timedelta(days=400))
VOLATILE = {"_id", "computed_at", "revision"}
delay = st.one_of(st.none(), st.integers(0, 500))


@st.composite
def script(draw):
    """One demand: its kind, when it comes in, and after how many hours each next step."""
    return {
        "kind": draw(st.sampled_from(["affair", "affair", "wish"])),
        "received": START - timedelta(days=15) + draw(st.integers(0, 70 * 24)) * HOUR,
        "respond": draw(delay),  # assign an affair, claim a wish
        "finish": draw(delay),  # close / fulfil
        "reject": draw(st.booleans()) and draw(st.integers(0, 100)),
        "evaluate": draw(st.one_of(st.none(), st.integers(0, 20))),
        "satisfaction": draw(st.sampled_from(["satisfied", "basically", "dissatisfied"])),
    }


def events_of(plan, demand, org, volunteer):
    """(time, action, params) in order; a step the path refuses by then is skipped."""
    at = plan["received"]
    if plan["reject"] is not False and plan["respond"] is None:
        return [(at + plan["reject"] * HOUR, "reject", {"note": "不属于受理范围"})]
    if plan["respond"] is None:
        return []
    at += plan["respond"] * HOUR
    who = {"volunteer": volunteer} if plan["kind"] == "wish" else {"organisation": org}
    steps = [(at, "claim" if plan["kind"] == "wish" else "assign", who)]
    if plan["finish"] is None:
        return steps
    at += plan["finish"] * HOUR
    steps.append((at, "fulfil" if plan["kind"] == "wish" else "close", {}))
    if plan["kind"] == "affair":
        steps.append((at + HOUR, "answer", {}))
    if plan["evaluate"] is not None:
        evaluation = Evaluation(satisfaction=plan["satisfaction"], resolved=True)
        steps.append((at + (plan["evaluate"] + 2) * HOUR, "evaluate", {"evaluation": evaluation}))
    return steps


def reports():
    rows = ClearanceReport.objects(month__in=MONTHS).order_by("month", "level", "community")
    return [{k: v for k, v in r.to_mongo().items() if k not in VOLATILE} for r in rows]


def fresh():
    # Demands refer to each other (a rework to the demand it redoes): clear them all at once.
    Demand._get_collection().delete_many({})
    for model in (ClearanceReport, ClearanceMonth, JobRun, Volunteer, Community):
        model.objects.delete()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    plans=st.lists(script(), min_size=1, max_size=5),
    watch=st.lists(st.integers(0, 460 * 24), max_size=6),
)
def test_every_past_month_reads_the_same_at_1_40_and_400_days(make, seeded, plans, watch):
    fresh()
    street = make.street() if not hasattr(make, "_street") else make._street
    make._street = street
    community = make.community(street)
    org = make.organisation(street)
    items = {"affair": make.item(level="routine"), "wish": make.item(kind="wish")}
    events = [(START - timedelta(days=15) + hours * HOUR, "watch", None, {}) for hours in watch]
    for n, plan in enumerate(sorted(plans, key=lambda p: p["received"])):
        demand = make.demand(community, items[plan["kind"]], received_at=plan["received"])
        body = f"11010519800101{n:03d}"
        volunteer = make.volunteer(community, id_number=body + ric.calc_check_digit(body + "0"))
        events += [(at, action, demand.pk, params)
                   for at, action, params in events_of(plan, demand, org, volunteer)]  # fmt: skip
    events.sort(key=lambda e: (e[0], e[1] != "watch"))
    seen, pending = [], iter(events)
    upcoming = next(pending, None)
    for checkpoint in CHECKPOINTS:
        while upcoming is not None and upcoming[0] <= checkpoint:
            at, action, pk, params = upcoming
            if action == "watch":
                run_sla(now=at)
            else:
                try:
                    apply(Demand.objects.get(pk=pk), action, "测试", at=at, **params)
                except (Conflict, TransitionError):
                    pass  # the watch moved it first (a claim went back to the wall)
            upcoming = next(pending, None)
        for month in MONTHS:
            run_clearance(month)
        seen.append(reports())
    assert seen[0] == seen[1] == seen[2]
