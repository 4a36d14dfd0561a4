"""The dashboard's headline counts: each is one query, which the demand list filters by too."""

from flask_babel import lazy_gettext as _l

from weimin.core.periods import current_bounds
from weimin.demands.timeliness import overdue_now_query

# (code, label) in the order the dashboard shows its cards.
KPIS = (
    ("received_month", _l("Received this month")),
    ("closed_month", _l("Closed this month")),
    ("open", _l("Open demands")),
    ("overdue", _l("Overdue")),
)
KPI_CODES = tuple(code for code, _label in KPIS)


def kpi_filter(queryset, code, now):
    """`queryset` (demands) narrowed to the headline figure `code` at `now`."""
    start, end = current_bounds(now)
    if code == "received_month":
        return queryset.received_between(start, end)
    if code == "closed_month":
        return queryset.filter(closed_at__gte=start, closed_at__lt=end)
    if code == "open":
        return queryset.open_now()
    if code == "overdue":
        return queryset.open_now().filter(overdue_now_query(now))
    raise ValueError(code)
