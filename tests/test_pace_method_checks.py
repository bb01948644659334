"""The pace method's options as values: what a threshold, a score and a base accept, the
exact error for each thing refused, and where the score reaches its ends.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from malstyrning.errors import InvalidPaceMethod
from malstyrning.pace_method import BaseChoice, PaceMethod, PaceThresholds
from malstyrning.periods import Period


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"high": "0.5", "medium": "0.6", "low": 0},
            (
                "pace thresholds must fall from high to medium to low (got 0.5, 0.6, 0); state "
                "them as high > medium > low"
            ),
        ),
        (
            {"high": "0.5", "medium": "0.5", "low": 0},
            (
                "pace thresholds must fall from high to medium to low (got 0.5, 0.5, 0); state "
                "them as high > medium > low"
            ),
        ),
        (
            {"high": "0.9", "medium": "0.5", "low": "0.5"},
            (
                "pace thresholds must fall from high to medium to low (got 0.9, 0.5, 0.5); state "
                "them as high > medium > low"
            ),
        ),
        (
            {"high": "0.9", "medium": "0.5", "low": 0, "best": "0.9"},
            "the pace threshold for the best score (0.9) must lie above high (0.9)",
        ),
        (
            {"high": "0.9", "medium": "0.5", "low": 0, "worst": 0},
            "the pace threshold for the worst score (0) must lie below low (0)",
        ),
        ({"high": "x", "medium": 1, "low": 0}, "expected a finite number, got 'x'"),
        ({"high": "Infinity", "medium": 1, "low": 0}, "expected a finite number, got 'Infinity'"),
        ({"high": None, "medium": 1, "low": 0}, "expected a finite number, got None"),
        (
            {"high": 1, "medium": "0.5", "low": 0, "best": "nan"},
            "expected a finite number, got 'nan'",
        ),
    ],
)
def test_thresholds_out_of_order_or_not_numbers_are_refused_with_what_is_wrong(given, message):
    with pytest.raises(InvalidPaceMethod) as caught:
        PaceThresholds(**given)
    assert str(caught.value) == message


def test_thresholds_just_in_order_are_accepted():
    thresholds = PaceThresholds(high="0.9", medium="0.5", low=0, best="0.91", worst="-0.01")
    assert thresholds.ends() == (Decimal("0.91"), Decimal("-0.01"))
    assert PaceThresholds(high=1, medium="0.5", low=0, best=None).best is None


@pytest.mark.parametrize(
    ("given", "ends"),
    [
        ({"high": "0.9", "medium": "0.5", "low": "0.2"}, ("1.3", "-0.1")),
        ({"high": "0.9", "medium": "0.5", "low": "0.2", "best": 2, "worst": -3}, ("2", "-3")),
        ({"high": "0.9", "medium": "0.5", "low": "0.2", "best": 1}, ("1", "-0.1")),
        ({"high": "0.9", "medium": "0.5", "low": "0.2", "worst": 0}, ("1.3", "0")),
    ],
)
def test_without_stated_ends_the_neighbouring_segment_is_extended(given, ends):
    best, worst = PaceThresholds(**given).ends()
    assert (str(best), str(worst)) == ends


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            {"base_period": Period("2015")},
            (
                "a base period (2015) is given with base 'earliest'; choose base 'fixed' or "
                "'first_from', or leave the period out"
            ),
        ),
        (
            {"base": BaseChoice.FIXED},
            "base 'fixed' needs a base_period (the year growth is measured from)",
        ),
        (
            {"base": BaseChoice.FIRST_FROM},
            "base 'first_from' needs a base_period (the year growth is measured from)",
        ),
    ],
)
def test_a_base_period_is_given_exactly_where_the_base_needs_one(given, message):
    with pytest.raises(InvalidPaceMethod) as caught:
        PaceMethod(**given)
    assert str(caught.value) == message
    for base in (BaseChoice.FIXED, BaseChoice.FIRST_FROM):
        assert PaceMethod(base=base, base_period=Period("2015")).base_period == Period("2015")
