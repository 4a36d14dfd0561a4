"""A rule computed in two places gives one answer: late and on time, and the rates."""

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from admin.dashboard import demand_counts
from jobs.clearance import run_clearance
from jobs.scoring import Stats, raw_values
from jobs.tally import SHIPPED_CLEARANCE, Tally, rates
from models import ClearanceReport, Demand
from models.choices import UNCOUNTED
from tests.jobs.conftest import MONTH
from tests.jobs.test_properties import END, START, history
from weimin.core.periods import bounds
from weimin.demands.kpis import KPI_CODES, kpi_counts, kpi_filter
from weimin.demands.timeliness import in_time_query, overdue_before, overdue_now_query


def test_the_dashboards_overdue_count_is_the_reports_at_the_same_instant(make, march):
    run_clearance(MONTH)
    end = bounds(MONTH)[1]
    for name in ("a", "b", "c", "d"):
        community = march[name]
        report = ClearanceReport.objects.get(month=MONTH, community=community)
        worker = make.user("community_worker", community.street, community)
        assert demand_counts(worker, end)["overdue"] == report.overdue_open, name
    assert demand_counts(make.user("street_admin", march["street"]), end)["overdue"] == 2


def test_a_demand_past_its_deadline_counts_as_overdue_before_the_watch_flags_it(make, march):
    community = march["c"]
    make.demand(community, march["item"], received_at=START, deadline_at=START + timedelta(days=1))
    worker = make.user("community_worker", community.street, community)
    assert demand_counts(worker, END)["overdue"] == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=st.lists(history(), max_size=12), offset=st.integers(-40 * 24, 35 * 24))
def test_the_overdue_query_selects_exactly_the_open_records_overdue_before_says(app, docs, offset):
    Demand._get_collection().delete_many({})
    if docs:
        rows = [{**doc, "ticket_no": f"T{n}"} for n, doc in enumerate(docs)]
        Demand._get_collection().insert_many(rows)
    when = START + timedelta(hours=offset)
    stored = Demand.objects.open_at(when).filter(overdue_now_query(when)).count()
    open_then = [doc for doc in docs if Demand(**doc).was_open_at(when)]
    assert stored == sum(overdue_before(doc, when) for doc in open_then)


@given(docs=st.lists(history(), max_size=30))
def test_the_report_and_the_rating_rate_evaluations_alike(docs):
    tally, stats = Tally(), Stats()
    for doc in docs:
        tally.add(doc, START, END)
        left = doc.get("closed_at")
        if left is not None and doc.get("rejected_at") is None and START <= left < END:
            stats.add_demand(doc)
    report = rates(tally, SHIPPED_CLEARANCE)
    rating = raw_values(stats, SHIPPED_CLEARANCE.basically)
    for name in ("resolution_rate", "satisfaction_rate"):
        assert report[name] == rating[name], name
    assert (tally.closed, tally.closed_on_time) == (stats.closed, stats.on_time)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(docs=st.lists(history(), max_size=12), offset=st.integers(-40 * 24, 35 * 24))
def test_the_headline_counts_are_each_figures_own_condition(app, docs, offset):
    # The home page counts "overdue" as the open demands minus those still in time.
    Demand._get_collection().delete_many({})
    if docs:
        # Every fifth demand is one the figures do not count (voided, merged).
        uncounted = sorted(UNCOUNTED)
        rows = [
            {**doc, "ticket_no": f"T{n}",
             "status": uncounted[n % 2] if n % 5 == 4 else "received"}
            for n, doc in enumerate(docs)
        ]  # fmt: skip
        Demand._get_collection().insert_many(rows)
    when = START + timedelta(hours=offset)
    late, in_time = overdue_now_query(when), in_time_query(when)
    assert Demand.objects.filter(late & in_time).count() == 0
    assert Demand.objects.filter(late | in_time).count() == len(docs)
    direct = {code: kpi_filter(Demand.objects, code, when).count() for code in KPI_CODES}
    assert kpi_counts(Demand.objects, when) == direct
