"""Show stored UTC times in Asia/Shanghai."""

from datetime import UTC, datetime

from models.base import TZ


def local_time(value, fmt="%Y-%m-%d %H:%M"):
    """A UTC datetime (aware or naive) as local Asia/Shanghai text."""
    if not isinstance(value, datetime):
        return "" if value is None else str(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(TZ).strftime(fmt)


def datetime_formatter(view, value, name):
    return local_time(value)


def init_timefmt(app):
    app.add_template_filter(local_time, "localtime")

    @app.context_processor
    def clock():
        return {"now_utc": datetime.now(UTC)}
