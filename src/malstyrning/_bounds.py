"""The numbers a document may hold: bounds under which every computation stays exact.

The library computes in the default 28-digit decimal context (trend, margins, pace, unit
conversion). A number below 10**15 in size with at most 12 decimals has at most 27 significant
digits, so sums, differences and comparisons of any two such numbers are exact and no
exponent can overflow. Documents holding other numbers are refused on load, with the path.

>>> number_problem(Decimal("4.10")) is None
True
>>> print(number_problem(Decimal("1E+999999999")))  # doctest: +ELLIPSIS
the number '1E+999999999' is out of bounds: numbers must be below 10^15 in size with at most 12 decimals...
"""  # noqa: E501

from __future__ import annotations

from decimal import Decimal

MAX_WHOLE_DIGITS = 15
"""A number in a document is below 10**15 in size..."""
MAX_DECIMALS = 12
"""...and has at most 12 decimals."""

_INT_BOUND = 10**MAX_WHOLE_DIGITS


def number_problem(value: int | Decimal) -> str | None:
    """Why a number is outside the bounds (or not finite), or None when it is within them."""
    if value.__class__ is int:
        if -_INT_BOUND < value < _INT_BOUND:
            return None
    elif isinstance(value, Decimal):
        if not value.is_finite():
            return not_finite(str(value))
        exponent = value.as_tuple().exponent
        if (
            isinstance(exponent, int)
            and exponent >= -MAX_DECIMALS
            and value.adjusted() < MAX_WHOLE_DIGITS
        ):
            return None
    else:
        return None  # a boolean
    text = str(value)
    if len(text) > 40:  # 1M digits must not make a megabyte message
        text = f"{text[:18]}…{text[-18:]}"
    return (
        f"the number {text!r} is out of bounds: numbers must be below 10^{MAX_WHOLE_DIGITS} "
        f"in size with at most {MAX_DECIMALS} decimals, so that every computation on them "
        "is exact"
    )


def not_finite(text: str) -> str:
    """The problem of a NaN or an infinity, as read from a document (``"NaN"``, ``".inf"``)."""
    return (
        f'expected a number (got "{text}"): NaN and infinity are numbers no document format '
        "carries; leave the value out"
    )
