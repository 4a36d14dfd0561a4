"""The demo's reports: twelve months of clearance computed, the older ones published, and
the current year's star ratings as drafts — what a street office has after a year of use."""

from datetime import datetime

from jobs.clearance_range import run_clearance_range
from jobs.publication import publish_month
from jobs.ratings import run_ratings
from models import Street
from weimin.core.periods import months_up_to, previous_month
from weimin.core.workdays import TZ
from weimin.store import audit

BY = "demo"


def compute_reports(months=12, progress=None):
    """Run the product's own jobs over the demo months; what was computed and published."""
    progress = progress or (lambda share: None)
    now = datetime.now(TZ)
    shown = months_up_to(now, months)
    # One run for the months, as an admin recomputes a range: each community read once.
    run_clearance_range(shown[0], shown[-1])
    progress(0.8)
    # The month just ended is still a draft: its responses and evaluations keep coming in.
    published = [month for month in shown if month < previous_month(now)]
    for street in Street.objects.order_by("code"):
        for month in published:
            publish_month(street, month, BY)
    audit.record(
        "bulk",
        "clearance_reports",
        count=len(published),
        summary=f"演示数据：{shown[0]}至{shown[-1]}已计算，{published[-1]}及以前已发布"
        if published
        else "演示数据：已计算",
    )
    progress(0.85)
    run_ratings(str(now.year))
    progress(1.0)
    return {"months_computed": len(shown), "months_published": len(published)}
