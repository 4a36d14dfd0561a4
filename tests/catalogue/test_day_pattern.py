"""A datetime filter bound reads a bare date exactly when a date field would accept it."""

import pytest

from weimin.catalogue import filters
from weimin.catalogue.spec import FieldError, clean_value

DATETIME = {"name": "at", "type": "datetime", "label": "时间"}


@pytest.mark.parametrize(
    "raw", [" 2026-03-05 ", "2026-03-05", "2026-3-5", "20260305", "2026-03-05x"]
)
def test_a_filter_takes_a_whole_day_where_a_date_field_takes_a_date(app, raw):
    try:
        clean_value({"name": "d", "type": "date", "label": "日"}, raw)
        is_date = True
    except FieldError:
        is_date = False
    with app.test_request_context():
        try:
            operator, value = filters._bound(DATETIME, raw, "to")
        except FieldError:
            operator, value = None, None
    whole_day = operator == "$lt" and (value.hour, value.minute) == (0, 0)
    assert whole_day is is_date
