"""Pace's whole-year roots: the integer shortcut gives Decimal's own power, digit for digit,
takes every case it may and leaves to Decimal's ``**`` exactly the cases it must.

A base of the subclass below counts the times Decimal's power is asked for, so a test sees
whether the shortcut answered or fell back, not only that the number is right.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import pace
from malstyrning.pace import _integer_root, compound_growth, root_power, years_between
from malstyrning.periods import Period


@pytest.fixture(autouse=True)
def _no_roundings_kept():
    """Each test starts without the roundings of 1 / years that earlier ones kept."""
    pace._ROUNDINGS.clear()


class _Counted(Decimal):
    """A decimal that counts how often it is raised to a power with ``**``."""

    powers = 0

    def __pow__(self, other, modulo=None):  # type: ignore[override]
        type(self).powers += 1
        return Decimal(self).__pow__(other, modulo)


def _root(base: Decimal | str, years: int | str) -> tuple[Decimal, int]:
    """``root_power`` of ``base`` over ``years`` and the times it fell back to ``**``."""
    _Counted.powers = 0
    whole = Decimal(years)
    result = root_power(_Counted(base), 1 / whole, whole)
    return result, _Counted.powers


def _same(first: Decimal, second: Decimal) -> bool:
    """Equal, with the same digits and exponent."""
    return first.compare_total(second) == 0


def _expected(base: Decimal | str, years: int | str) -> Decimal:
    return Decimal(base) ** (1 / Decimal(years))


# -- the shortcut answers, with Decimal's digits ------------------------------------------------


@pytest.mark.parametrize("years", [2, 3, 4, 5, 7, 12, 64])
@pytest.mark.parametrize(
    "base",
    ["1.21", "0.5", "1.000001", "0.999999", "2", "1E+60", "9.9E+60", "1E-60", "3.7E-59"],
)
def test_whole_years_up_to_64_are_rooted_in_integers_with_decimals_digits(base, years):
    result, fallbacks = _root(base, years)
    assert _same(result, _expected(base, years))
    assert fallbacks == 0


@pytest.mark.parametrize("precision", [1, 2, 5, 28, 60, 200])
def test_the_shortcut_works_in_every_precision_up_to_200(precision):
    with decimal.localcontext(decimal.Context(prec=precision)):
        for years in (2, 3, 7):
            result, fallbacks = _root("87.3", years)
            assert _same(result, _expected("87.3", years))
            assert fallbacks == 0


@pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=28, Emax=1000, Emin=-1000),
        decimal.Context(prec=28, traps=[decimal.Overflow, decimal.DivisionByZero]),
    ],
    ids=["smallest exponent range", "other traps"],
)
def test_the_shortcut_works_in_any_context_that_rounds_half_even_over_a_wide_range(context):
    with decimal.localcontext(context):
        result, fallbacks = _root("1.5", 3)
        assert _same(result, _expected("1.5", 3))
        assert fallbacks == 0


def test_an_exact_root_keeps_the_contexts_digits():
    result, fallbacks = _root("8", 3)
    assert str(result) == "2.000000000000000000000000000"
    assert fallbacks == 0


def test_a_root_that_rounds_up_to_the_next_power_of_ten_keeps_the_contexts_digits():
    # The root of this base is 0.99...96 with 30 nines: at 28 digits it is 1.00...0.
    root = (10**30 - 1) * 10 + 6
    base = Decimal(f"{root * root}E-62")  # every digit: no context rounds it
    result, fallbacks = _root(base, 2)
    assert str(result) == "1.000000000000000000000000000"
    assert _same(result, _expected(base, 2))
    assert fallbacks == 0


# -- and leaves the rest to Decimal ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "years"),
    [
        ("1.5", 1),  # one year: nothing to root
        ("1.5", 65),  # beyond the roots done in integers
        ("1.5", "2.5"),  # not whole years
        ("1", 3),  # one is its own root
        ("0", 3),
        ("Infinity", 3),
        ("1E+61", 2),  # beyond the range of sizes done in integers
        ("1E-61", 2),
    ],
)
def test_other_years_and_bases_are_left_to_decimals_power(base, years):
    result, fallbacks = _root(base, years)
    assert _same(result, _expected(base, years))
    assert fallbacks == 1


def test_a_negative_base_is_left_to_decimal_which_refuses_it():
    with pytest.raises(decimal.InvalidOperation):
        _root("-8", 3)
    assert _Counted.powers == 1


@pytest.mark.parametrize(
    "context",
    [
        decimal.Context(prec=201),
        decimal.Context(prec=28, rounding=decimal.ROUND_HALF_UP),
        decimal.Context(prec=28, Emax=999),
        decimal.Context(prec=28, Emin=-999),
        decimal.Context(prec=28, traps=[decimal.Inexact]),
        decimal.Context(prec=28, traps=[decimal.Rounded]),
    ],
    ids=["precision", "rounding", "emax", "emin", "inexact", "rounded"],
)
def test_an_unusual_context_is_left_to_decimals_power(context):
    base, exponent, years = Decimal("1.5"), 1 / Decimal(3), Decimal(3)
    _Counted.powers = 0
    with decimal.localcontext(context):
        try:
            expected = base**exponent
        except (decimal.Inexact, decimal.Rounded) as error:
            with pytest.raises(type(error)):
                root_power(_Counted(base), exponent, years)
        else:
            assert _same(root_power(_Counted(base), exponent, years), expected)
    assert _Counted.powers == 1


# The square root of a number with 97 digits, worked out to 49: 28 are kept, and the 21 dropped
# are `rest`. Within 10**11 of half-way Decimal's own power decides.
_KEPT = 3 * 10**27 + 7
_HALF = 5 * 10**20
_BAND = 10**11


@pytest.mark.parametrize(
    ("rest", "fallbacks"),
    [
        (_HALF, 1),
        (_HALF + _BAND, 1),
        (_HALF - _BAND, 1),
        (_HALF + _BAND + 1, 0),
        (_HALF - _BAND - 1, 0),
        (0, 0),
    ],
    ids=["half-way", "band's top", "band's bottom", "above", "below", "exact"],
)
def test_a_root_close_to_half_way_between_two_results_is_left_to_decimal(rest, fallbacks):
    root = _KEPT * 10**21 + rest
    base = Decimal(f"{root * root}E-96")
    result, counted = _root(base, 2)
    assert _same(result, _expected(base, 2))
    assert counted == fallbacks


def test_the_rounding_of_one_over_the_years_is_the_exponents_own():
    # 1 / 3 rounded down and rounded up: each exponent's power, not the one worked out first.
    with decimal.localcontext(decimal.Context(prec=28, rounding=decimal.ROUND_DOWN)):
        down = Decimal(1) / 3
    with decimal.localcontext(decimal.Context(prec=28, rounding=decimal.ROUND_UP)):
        up = Decimal(1) / 3
    base = Decimal("123456.789")
    for exponent in (down, up, down):
        _Counted.powers = 0
        result = root_power(_Counted(base), exponent, Decimal(3))
        assert _same(result, base**exponent)
        assert _Counted.powers == 0


# -- integer roots ---------------------------------------------------------------------------


@pytest.mark.parametrize("root", [2, 3, 5, 17])
@pytest.mark.parametrize("exact", [10**10, 10**10 + 1, 7, 2])
def test_an_integer_root_is_the_whole_part_of_the_root(root, exact):
    for number in (exact**root - 1, exact**root, exact**root + 1, (exact + 1) ** root - 1):
        found = _integer_root(number, root, math.exp(math.log(number) / root))
        assert found**root <= number < (found + 1) ** root


def test_an_integer_root_starts_above_a_guess_that_is_exactly_the_root():
    assert _integer_root(10**30, 3, 1e10) == 10**10
    assert _integer_root(10**30 - 1, 3, 1e10) == 10**10 - 1


# -- growth --------------------------------------------------------------------------------------


def test_compound_growth_from_a_negative_base_to_zero_is_minus_one():
    assert compound_growth(Decimal(-5), Decimal(0), Decimal(2)) == -1
    assert str(compound_growth(Decimal(100), Decimal(121), Decimal(2))) == "0.1"
    assert str(compound_growth(Decimal(100), Decimal(100), Decimal(3))) == "0"


def test_compound_growth_between_values_of_opposite_signs_is_refused_not_a_number():
    for start, end in ((5, -5), (-5, 5)):
        with pytest.raises(decimal.InvalidOperation):
            compound_growth(Decimal(start), Decimal(end), Decimal(2))


def test_years_are_counted_from_period_end_to_period_end():
    assert years_between(Period("2019"), Period("2021")) == 2
    assert years_between(Period("2019"), Period("2020-T1")) == Decimal("0.3333333333333333")


# -- every precision, digit for digit ------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "base", "shown"),
    [
        (2, "3.96", "2.0"),  # 1.98997...: the last digit carries
        (2, "0.998", "1.0"),  # 0.998999...: carries into one digit more, kept at two
        (1, "0.9801", "1"),  # 0.99 at one digit
        (3, "99.8", "9.99"),  # 9.98999...: carries within the digits kept
    ],
)
def test_a_root_whose_last_digit_carries_keeps_the_contexts_digits(precision, base, shown):
    with decimal.localcontext(decimal.Context(prec=precision)):
        result, fallbacks = _root(base, 2)
        assert str(result) == shown
        assert _same(result, _expected(base, 2))
    assert fallbacks == 0


@given(
    digits=st.integers(1, 10**12 - 1),
    exponent=st.integers(-66, 48),
    years=st.integers(2, 12),
    precision=st.sampled_from([1, 2, 3, 5, 9, 16, 28, 40]),
)
def test_a_whole_years_root_is_decimals_power_in_every_precision(
    digits: int, exponent: int, years: int, precision: int
) -> None:
    base = Decimal(digits).scaleb(exponent)
    with decimal.localcontext(decimal.Context(prec=precision)):
        whole = Decimal(years)
        assert _same(root_power(base, 1 / whole, whole), base ** (1 / whole))
