"""The numbers a document may hold: below 10^15 in size, at most 12 decimals, finite.

Pins each edge of the bounds (for whole numbers and decimals, both signs), the exact message
for a number outside them (shortened in the middle when long) and for NaN and infinity.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning._bounds import MAX_DECIMALS, MAX_WHOLE_DIGITS, not_finite, number_problem

LARGEST = 10**15 - 1


def out_of_bounds(text: str) -> str:
    return (
        f"the number {text!r} is out of bounds: numbers must be below 10^15 in size with at "
        "most 12 decimals, so that every computation on them is exact"
    )


def test_the_bounds_are_fifteen_whole_digits_and_twelve_decimals() -> None:
    assert (MAX_WHOLE_DIGITS, MAX_DECIMALS) == (15, 12)


@pytest.mark.parametrize("value", [0, 1, -1, LARGEST, -LARGEST])
def test_whole_numbers_below_10_to_the_15_are_within(value: int) -> None:
    assert number_problem(value) is None


@pytest.mark.parametrize("value", [LARGEST + 1, -LARGEST - 1, 10**20])
def test_whole_numbers_from_10_to_the_15_are_refused_with_the_number(value: int) -> None:
    assert number_problem(value) == out_of_bounds(str(value))


@pytest.mark.parametrize(
    "text",
    [
        "0",
        "4.10",
        "-4.10",
        "999999999999999",
        "-999999999999999",
        "999999999999999.999999999999",
        "0.000000000001",
        "-0.000000000001",
        "1E+14",
        "1.000000000000",
    ],
)
def test_decimals_within_the_bounds_are_accepted(text: str) -> None:
    assert number_problem(Decimal(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "1000000000000000",
        "-1000000000000000",
        "1E+15",
        "0.0000000000001",
        "1.0000000000000",
        "-0.0000000000001",
    ],
)
def test_decimals_past_either_bound_are_refused_with_the_number(text: str) -> None:
    value = Decimal(text)
    assert number_problem(value) == out_of_bounds(str(value))


def test_a_long_number_is_shown_by_its_first_and_last_18_characters() -> None:
    value = int("1" + "2" * 50 + "3")
    text = str(value)
    assert number_problem(value) == out_of_bounds(f"{text[:18]}…{text[-18:]}")
    assert number_problem(10**39) == out_of_bounds(str(10**39))  # 40 characters: shown whole
    forty_one = str(10**40)
    assert number_problem(10**40) == out_of_bounds(f"{forty_one[:18]}…{forty_one[-18:]}")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("NaN"), "NaN"), (Decimal("-Infinity"), "-Infinity"), (Decimal("sNaN"), "sNaN")],
)
def test_nan_and_infinity_are_named_as_no_number_a_document_carries(
    value: Decimal, shown: str
) -> None:
    assert number_problem(value) == (
        f'expected a number (got "{shown}"): NaN and infinity are numbers no document format '
        "carries; leave the value out"
    )
    assert not_finite(".inf") == (
        'expected a number (got ".inf"): NaN and infinity are numbers no document format '
        "carries; leave the value out"
    )


@pytest.mark.parametrize("value", [True, False])
def test_booleans_are_no_numbers_to_bound(value: bool) -> None:
    assert number_problem(value) is None


@given(st.integers(min_value=-(10**20), max_value=10**20))
def test_a_whole_number_is_within_exactly_when_below_10_to_the_15(value: int) -> None:
    within = abs(value) < 10**15
    assert (number_problem(value) is None) == within
    assert (number_problem(Decimal(value)) is None) == within


@given(st.integers(min_value=0, max_value=30), st.integers(min_value=1, max_value=9))
def test_a_decimal_is_within_exactly_when_it_has_at_most_12_decimals(
    places: int, digit: int
) -> None:
    value = Decimal(digit).scaleb(-places)
    assert (number_problem(value) is None) == (places <= 12)
