"""What the admin home shows, read from stored reports and index-backed queries only."""

import threading
import time
from collections import defaultdict

from flask import current_app

from models import CatalogueCategory, ClearanceReport, Demand, StarRating, Street
from models.choices import CHANNELS, label
from models.references import DELETED, ref_id
from weimin.access import (
    READ,
    demand_scope,
    honour_scope,
    may,
    may_ledger,
    rating_visibility,
    report_rollup,
    report_visibility,
    scope_ids,
    scoped_query,
)
from weimin.core.periods import months_up_to
from weimin.demands.kpis import kpi_filter
from weimin.demands.rates import ratio
from weimin.funds import pledges
from weimin.store.grouping import counts_of
from weimin.store.prefetch import prefetch

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


def breakdown(user, now, total=None):
    """This month's demands by category and by channel: an indexed count per category of the
    user's scope and per channel (`total`: how many there are, the received_month figure)."""
    month = kpi_filter(Demand.objects.in_scope(**demand_scope(user)), "received_month", now)
    total = month.count() if total is None else total
    names = {c.pk: c.name for c in scoped_query(user, CatalogueCategory).only("name")}
    by_category = counts_of(month, "category", [*names, None], total)
    unknown = [k for k in by_category if k is not None and k not in names]
    if unknown:  # another street's category, or one deleted before delete rules existed
        names.update((c.pk, c.name) for c in CatalogueCategory.objects(id__in=unknown))
    by_channel = counts_of(month, "channel", [code for code, _label in CHANNELS], total)

    def rows(counts, name):
        found = [{"name": name(k), "value": n} for k, n in counts.items()]
        return sorted(found, key=lambda row: -row["value"])  # stable: catalogue order on ties

    return {
        # A category deleted before delete rules existed still counts, under "(deleted)".
        "category": rows(by_category, lambda k: names.get(k, str(DELETED)) if k else "—"),
        "channel": rows(by_channel, lambda code: str(label(CHANNELS, code))),
    }


def rating_distribution(user):
    """How many subjects hold each star level in the latest rated period of the scope."""
    ratings = StarRating.objects(**scope_ids(user)).filter(**rating_visibility(user))
    latest = ratings.order_by("-period").only("period").first()
    if latest is None:
        return {"period": None, "stars": [0] * 6}
    counts = [0] * 6
    for rating in ratings.filter(period=latest.period).only("stars"):
        counts[min(max(rating.stars, 0), 5)] += 1
    return {"period": latest.period, "stars": counts}


def honour_lists(user, now):
    """Red and black lists per street — each street's latest month the user may see, numbered
    within the street; a list of a month not yet published is marked as a draft. Two reads of
    the reports and one of the communities they name, however many streets."""
    scope = honour_scope(user)
    query = ClearanceReport.objects(level="community", honour__in=["red", "black"], **scope)
    latest = {}
    for doc in query.only("street", "month").order_by().as_pymongo():
        latest[doc["street"]] = max(latest.get(doc["street"], ""), doc["month"])
    if not latest:
        return []
    listed = defaultdict(list)
    for report in query.filter(month__in=sorted(set(latest.values()))).order_by("rank"):
        street = ref_id(report, "street")
        if latest.get(street) == report.month:
            listed[street].append(report)
    prefetch([r for rows in listed.values() for r in rows], ["community"])
    streets = Street.objects(id__in=list(latest)).order_by("code").only("name", "code")
    groups = []
    for street in streets:
        rows = listed[street.pk]
        groups.append({
            "street": street,
            "month": latest[street.pk],
            "draft": not all(r.published for r in rows),
            "red": [r for r in rows if r.honour == "red"],
            "black": [r for r in rows if r.honour == "black"],
        })  # fmt: skip
    return groups


def street_comparison(user):
    """Per street: the figures of the latest month computed (for the user: report_visibility),
    from the stored street reports; None for users the comparison is not for."""
    if not may(user, "street_comparison", READ):
        return None
    visible = report_visibility(user)
    reports = ClearanceReport.objects(level="street", **visible)
    latest = reports.order_by("-month").only("month").first()
    if latest is None:
        return {"month": None, "rows": []}
    by_street = {ref_id(r, "street"): r for r in reports.filter(month=latest.month)}
    rows = []
    for street in Street.objects.order_by("code").only("name", "code"):
        report = by_street.get(street.pk)
        on_time = ratio(report.closed_on_time or 0, report.closed or 0) if report else None
        rows.append({"street": street, "report": report,
                     "on_time_rate": None if on_time is None else float(on_time)})  # fmt: skip
    return {"month": latest.month, "rows": rows}


def pledges_due(user):
    """How many pledges past due are unpaid, for the staff who record the money (else None)."""
    return len(pledges.reminders(user)) if may_ledger(user, "pledge") else None
