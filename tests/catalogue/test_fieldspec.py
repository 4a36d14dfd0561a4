"""The one validator behind forms, the API and the fit check, used without a request."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from bson import Decimal128

from models.field_def import definition_errors, normalise
from tests.catalogue.conftest import FIELDS
from weimin.catalogue.defs import fit_error, misfits
from weimin.catalogue.schema import json_schema, values_schema
from weimin.catalogue.spec import FieldError, clean_value, store_values

SPECS = {spec["name"]: normalise(spec) for spec in FIELDS}

GOOD = [
    ("note", " 老人 ", "老人"),
    ("age", 7, 7),
    ("age", "8", 8),
    ("age", 9.0, 9),
    ("amount", 0.1, Decimal("0.1")),
    ("amount", "3", Decimal("3")),
    ("visit_date", "2024-02-29", date(2024, 2, 29)),
    ("visit_at", "2024-05-01 08:00", datetime(2024, 5, 1, 0, 0, tzinfo=UTC)),
    ("visit_at", "2024-05-01T08:00:00Z", datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
    ("floor", "1", "1"),
    ("needs", "clean", ["clean"]),
    ("needs", ["clean", "meal", "clean"], ["meal", "clean"]),
    ("alone", False, False),
    ("alone", "否", False),
    ("contact", "+86 138 0013 8000", "13800138000"),
    ("id_no", "11010519491231002x", "11010519491231002X"),
    ("detail", None, None),
]
BAD = [
    ("note", 12),
    ("age", True),
    ("age", 1.5),
    ("age", "1e3"),
    ("amount", "NaN"),
    ("amount", [1]),
    ("visit_date", datetime(2024, 1, 1)),
    ("visit_at", "2024-13-01 00:00"),
    ("floor", 1),
    ("needs", {"meal": 1}),
    ("alone", 1),
    ("contact", 13800138000),
]


@pytest.mark.parametrize(("name", "raw", "expected"), GOOD)
def test_good_input_becomes_a_typed_value(name, raw, expected):
    assert clean_value(SPECS[name], raw) == expected


@pytest.mark.parametrize(("name", "raw"), BAD)
def test_bad_input_is_refused(name, raw):
    with pytest.raises(FieldError):
        clean_value(SPECS[name], raw)


def test_the_marshmallow_schema_uses_the_same_validator():
    loaded = values_schema(list(SPECS.values()))().load({"age": "12", "alone": "yes"})
    assert loaded == {"age": 12, "alone": True}
    stored = store_values(list(SPECS.values()), {"amount": Decimal("2.5"), "age": None})
    assert stored == {"amount": Decimal128("2.5")}
    assert (
        "Beijing time" in json_schema(list(SPECS.values()))["properties"]["visit_at"]["description"]
    )


def test_definition_checks():
    specs = [
        normalise({"name": "a", "label_zh": "甲", "type": "integer", "min_value": Decimal("1.5")}),
        normalise(
            {"name": "b", "label_zh": "乙", "type": "text", "min_length": 5, "max_length": 2}
        ),
        normalise({"name": "c", "label_zh": "丙", "type": "date", "max_value": Decimal(3)}),
        normalise(
            {
                "name": "d",
                "label_zh": "丁",
                "type": "choice",
                "choices": [{"code": "x", "label_zh": "X"}, {"code": "x", "label_zh": "Y"}],
            }
        ),
        normalise({"name": "e", "label_zh": "戊", "type": "yes_no", "choices": [{"code": "x"}]}),
        normalise({"name": "f", "label_zh": "己", "type": "colour"}),
    ]
    assert {pos: sorted(keys) for pos, keys in definition_errors(specs).items()} == {
        0: ["min_value"],
        1: ["max_length"],
        2: ["min_value"],
        3: ["choices"],
        4: ["choices"],
        5: ["type"],
    }
    assert definition_errors([SPECS["age"], SPECS["floor"]]) == {}


def test_fit_check_rules():
    age, floor = SPECS["age"], SPECS["floor"]
    assert fit_error(age, 5) is None and fit_error(age, None) is not None  # required
    assert fit_error(age, True) is not None and fit_error(age, "5") is not None  # wrong type
    assert fit_error(age, 500) is not None  # out of range
    assert fit_error(SPECS["amount"], Decimal128("1")) is None
    assert fit_error(SPECS["amount"], 1) is not None
    assert fit_error(SPECS["visit_date"], datetime(2024, 1, 1, 5, tzinfo=UTC)) is not None
    narrowed = {**floor, "choices": floor["choices"][:1]}
    docs = [{"values": {"floor": "2"}}, {"values": {"floor": "1"}}, {"values": {}}]
    assert [doc for doc, _r in misfits([floor], [narrowed], docs)] == docs[:1]
    relabelled = {**floor, "label_zh": "所在楼层"}
    assert misfits([floor], [relabelled], docs) == []
    assert misfits([floor], [floor], docs) == []
