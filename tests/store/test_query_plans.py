"""On a real MongoDB, every list sort the admin offers and the jobs' queries use an index."""

import os
from datetime import UTC, datetime

import pytest

from admin import VIEWS

pytestmark = pytest.mark.skipif(
    not os.environ.get("TEST_MONGODB_URI"), reason="needs a real MongoDB (TEST_MONGODB_URI)"
)


def stages(plan):
    """Every stage name of a winning plan, nested ones included."""
    yield plan.get("stage")
    for key in ("inputStage", "queryPlan"):
        if key in plan:
            yield from stages(plan[key])
    for child in plan.get("inputStages", ()):
        yield from stages(child)


def scans(queryset):
    explained = queryset.explain()
    planner = explained.get("queryPlanner", explained)
    return "COLLSCAN" in set(stages(planner["winningPlan"]))


def test_every_sortable_list_column_is_served_by_an_index(app, make):
    street = make.street()
    community = make.community(street)
    slow = []
    for view_cls, model, _name, _category, endpoint in VIEWS:
        view = view_cls(model, endpoint=f"plan_{endpoint}")
        for column, target in view.get_sortable_columns().items():
            field = target if isinstance(target, str) else target.name
            for scope in ({}, {"street": street.pk}, {"community": community.pk}):
                if any(key not in model._fields for key in scope):
                    continue
                query = model.objects(**scope).order_by(f"-{field}").limit(20)
                if scans(query):
                    slow.append(f"{endpoint}.{column} {scope}")
    assert not slow, slow


def test_the_jobs_queries_use_indexes(app, make):
    from jobs.clearance import month_demands
    from models import Demand, ServiceRecord

    community = make.community()
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)
    base = Demand.objects(community=community.pk)
    queries = [
        base.open_at(start),
        base.filter(received_at__gte=start, received_at__lt=end),
        Demand.objects(street__in=[community.street.pk], closed_at__gte=start, closed_at__lt=end),
        Demand.objects(street__in=[community.street.pk], accepted_at__gte=start, kind="project"),
        ServiceRecord.objects(street__in=[community.street.pk], status="approved"),
    ]
    assert list(month_demands(community.pk, start, end)) == []
    slow = [str(q._query) for q in queries if scans(q)]
    assert not slow, slow
