"""weimin.core.sheets on its own: exact, fast decoding of Decimal128 values."""

from decimal import Decimal

from bson import Decimal128
from hypothesis import example, given
from hypothesis import strategies as st

from weimin.core.sheets import decimal

EDGES = ["0", "-0", "0.00", "-0E-2", "1E+6111", "-1E-6176", "9" * 34, "-" + "9" * 34 + "E-6176",
         "12345.67", "20000.00", "Infinity", "-Infinity", "NaN", "-NaN", "sNaN"]  # fmt: skip


def same(value):
    expected, got = value.to_decimal(), decimal(value)
    assert str(got) == str(expected)
    assert got.is_nan() or got == expected


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: len(d.as_tuple().digits) <= 34 and -6176 <= d.as_tuple().exponent <= 6111
    )
)
@example(Decimal("123.450"))
def test_decimal_gives_what_to_decimal_gives(number):
    same(Decimal128(number))


def test_decimal_handles_zeros_extremes_and_specials():
    for text in EDGES:
        same(Decimal128(text))
    # The non-canonical forms: the 11 combination bits, and a coefficient above 34 digits.
    same(Decimal128.from_bid(bytes(15) + b"\x60"))
    same(Decimal128.from_bid((10**34).to_bytes(15, "little") + b"\x30"))
