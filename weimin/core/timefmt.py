"""Show stored UTC times in Asia/Shanghai."""

from datetime import UTC, date, datetime, timedelta

from flask_babel import format_date

from models.base import TZ


def local_time(value, fmt="%Y-%m-%d %H:%M"):
    """A UTC datetime (aware or naive) as local Asia/Shanghai text."""
    if not isinstance(value, datetime):
        return "" if value is None else str(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(TZ).strftime(fmt)


def deadline_text(value):
    """A deadline as its due day: 00:00 (local) of the next day reads "<due day> 24:00"."""
    if not isinstance(value, datetime):
        return local_time(value)
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(TZ)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return (local - timedelta(days=1)).strftime("%Y-%m-%d 24:00")
    return local.strftime("%Y-%m-%d %H:%M")


def long_date(value):
    """A day as people write it: 2026年1月3日 (a datetime: its local day)."""
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(TZ).date()
    if not isinstance(value, date):
        return "" if value is None else str(value)
    return format_date(value, "long")


def deadline_formatter(view, context, model, name):
    return deadline_text(getattr(model, name))


def datetime_formatter(view, value, name):
    return local_time(value)


def init_timefmt(app):
    app.add_template_filter(local_time, "localtime")
    app.add_template_filter(deadline_text, "deadline")
    app.add_template_filter(long_date, "longdate")

    @app.context_processor
    def clock():
        return {"now_utc": datetime.now(UTC)}
