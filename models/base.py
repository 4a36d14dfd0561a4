"""Helpers shared by the documents."""

from datetime import UTC, datetime


def utcnow():
    """The current time, aware, in UTC (the store keeps UTC)."""
    return datetime.now(UTC)
