"""What the admin home shows, read from stored reports and index-backed queries only."""

import threading
import time

from flask import current_app

from models import CatalogueCategory, ClearanceReport, Demand, StarRating
from models.choices import CHANNELS, UNCOUNTED, label
from models.references import DELETED
from weimin.access import honour_scope, report_rollup, report_visibility, scope_ids
from weimin.core.periods import current_bounds, months_up_to
from weimin.store.db import counts_by

# Figures a minute old are fine on a dashboard; the cache spares the store a burst of counts
# when many people open the home page (and the embedded store, which counts by scanning).
CACHE_SECONDS = 60
_lock = threading.Lock()


def _cache():
    return current_app.extensions.setdefault("dashboard_cache", {})


def cached(key, compute, now=None):
    """compute() once per key and CACHE_SECONDS."""
    now = now if now is not None else time.monotonic()
    with _lock:
        hit = _cache().get(key)
        if hit and now - hit[0] < CACHE_SECONDS:
            return hit[1]
    value = compute()
    with _lock:
        _cache()[key] = (now, value)
    return value


def trends(user, now):
    """Clearance and satisfaction rates per month over the last 12 months (None when empty);
    a month the user may not see yet (a draft, policy.DRAFTS) is empty."""
    months = months_up_to(now, 12)
    query = ClearanceReport.objects(month__in=months, **report_rollup(user))
    query = query.filter(**report_visibility(user))
    reports = {r.month: r for r in query.only("month", "clearance_rate", "satisfaction_rate")}

    def pct(report, name):
        value = getattr(report, name, None) if report else None
        return None if value is None else round(value * 100, 1)

    return {
        "months": months,
        "clearance": [pct(reports.get(m), "clearance_rate") for m in months],
        "satisfaction": [pct(reports.get(m), "satisfaction_rate") for m in months],
    }


def breakdown(user, now):
    """This month's demands by category and by channel (one index-backed month range)."""
    start, end = current_bounds(now)
    match = {
        "received_at": {"$gte": start, "$lt": end},
        "status": {"$nin": list(UNCOUNTED)},
        **scope_ids(user),
    }
    result = counts_by(Demand._get_collection(), match, ("category", "channel"))
    names = {c.id: c.name for c in CatalogueCategory.objects(id__in=list(result["category"]))}
    # A category deleted before delete rules existed still counts, under "(deleted)".
    names = {k: names.get(k, str(DELETED)) if k else "—" for k in result["category"]}
    return {
        "category": sorted(
            ({"name": names[k], "value": n} for k, n in result["category"].items()),
            key=lambda row: -row["value"],
        ),
        "channel": [
            {"name": str(label(CHANNELS, code)), "value": n}
            for code, n in sorted(result["channel"].items(), key=lambda kv: -kv[1])
        ],
    }


def rating_distribution(user):
    """How many subjects hold each star level in the latest rated period of the scope."""
    scope = scope_ids(user)
    latest = StarRating.objects(**scope).order_by("-period").only("period").first()
    if latest is None:
        return {"period": None, "stars": [0] * 6}
    counts = [0] * 6
    for rating in StarRating.objects(period=latest.period, **scope).only("stars"):
        counts[min(max(rating.stars, 0), 5)] += 1
    return {"period": latest.period, "stars": counts}


def honour_lists(user, now):
    """Red and black lists of the latest month that has them, within what the user may see."""
    scope = honour_scope(user)
    query = ClearanceReport.objects(level="community", honour__in=["red", "black"], **scope)
    latest = query.order_by("-month").only("month").first()
    if latest is None:
        return {"month": None, "red": [], "black": []}
    rows = list(query.filter(month=latest.month).order_by("street", "rank"))
    return {
        "month": latest.month,
        "red": [r for r in rows if r.honour == "red"],
        "black": [r for r in rows if r.honour == "black"],
    }
