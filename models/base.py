"""Helpers shared by the documents: the store's clock and the product's one time zone."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Every period, deadline and local date of the product is reckoned in this zone (RULES.md).
TZ = ZoneInfo("Asia/Shanghai")


def utcnow():
    """The current time, aware, in UTC (the store keeps UTC)."""
    return datetime.now(UTC)


def local_today():
    """Today's date in Asia/Shanghai."""
    return datetime.now(TZ).date()
