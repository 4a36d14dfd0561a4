"""The dashboard's headline counts: each is one condition, which the demand list filters by too."""

from flask_babel import lazy_gettext as _l
from mongoengine.queryset.visitor import Q

from models.demand import counted_query, open_now_query
from weimin.core.periods import current_bounds
from weimin.demands.timeliness import in_time_query, overdue_now_query

# (code, label) in the order the dashboard shows its cards.
KPIS = (
    ("received_month", _l("Received this month")),
    ("closed_month", _l("Closed this month")),
    ("open", _l("Open demands")),
    ("overdue", _l("Overdue")),
)
KPI_CODES = tuple(code for code, _label in KPIS)


def kpi_condition(code, now):
    """The demands the headline figure `code` counts at `now`, as one condition."""
    start, end = current_bounds(now)
    if code == "received_month":
        return Q(received_at__gte=start, received_at__lt=end) & counted_query()
    if code == "closed_month":
        return Q(closed_at__gte=start, closed_at__lt=end) & counted_query()
    if code == "open":
        return open_now_query()
    if code == "overdue":
        return open_now_query() & overdue_now_query(now)
    raise ValueError(code)


def kpi_filter(queryset, code, now):
    """`queryset` narrowed to the headline figure `code` at `now` (any object with filter())."""
    return queryset.filter(kpi_condition(code, now))


def count_conditions(now):
    """{name: condition} of the indexed counts kpi_counts makes: each figure's own condition,
    but "overdue" is counted as the open demands minus those still in time (in_time_query)."""
    conditions = {code: kpi_condition(code, now) for code in KPI_CODES if code != "overdue"}
    conditions["open_in_time"] = open_now_query() & in_time_query(now)
    return conditions


def kpi_counts(queryset, now):
    """{code: how many demands of `queryset` the headline figure counts at `now`}."""
    found = {name: queryset.filter(q).count() for name, q in count_conditions(now).items()}
    counts = {code: found[code] for code in KPI_CODES if code in found}
    counts["overdue"] = found["open"] - found["open_in_time"]
    return {code: counts[code] for code in KPI_CODES}
