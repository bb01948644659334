"""Numbers as Swedish spreadsheets and reports write them, read exactly.

Private: :mod:`malstyrning.tables` reads every cell that holds text through it. The rules are
the Swedish conventions (Språkrådet, SS-ISO 80000), as the seeds write numbers:

- spaces group thousands in threes: ``"64 734"``; the space may be an ordinary, a no-break
  (U+00A0), a narrow no-break (U+202F) or a thin (U+2009) space, as spreadsheets export them;
- one comma or one point marks the decimals: ``"4,85"``, ``"13.9"``;
- a sign may lead: ``-``, ``+``, the minus sign ``−`` (U+2212) or an en dash ``–``, which
  Swedish typesetting uses for minus;
- a percent sign may follow, with or without a space: ``"5,0 %"`` is the percentage 5.0 (in
  the indicator's unit ``%``), never 0.05.

A text that could be read two ways is an error, never a guess: ``"1,234.5"`` and
``"1.234.567"`` group thousands with a comma or point, and ``"1,234"`` or ``"64.734"`` may
be a decimal or a whole number with its thousands grouped (English and older Swedish
texts group with them). Where the caller knows which mark a file uses for decimals
(``decimal=","`` or ``decimal="."``), only the other mark is an error. Values are
:class:`~decimal.Decimal` with the digits as written, so ``"5,0 %"`` is ``Decimal("5.0")``,
not ``Decimal("5")``.

>>> parse_number("64 734"), parse_number("5,0 %"), parse_number("13.9%")
(Decimal('64734'), Decimal('5.0'), Decimal('13.9'))
>>> parse_number("−3,2"), parse_number("1\\u202f234,5")
(Decimal('-3.2'), Decimal('1234.5'))
>>> parse_number("1,234")
Traceback (most recent call last):
...
malstyrning.errors.InvalidNumber: ambiguous number '1,234': ...
>>> parse_number("1,234", decimal=","), parse_number("1.234", decimal=".")
(Decimal('1.234'), Decimal('1.234'))
"""

from __future__ import annotations

import contextlib
import decimal
import math
import numbers
import re
import unicodedata
from decimal import Decimal

from malstyrning.errors import InvalidNumber, shorten

__all__ = ["cell_number", "parse_number", "plain_number", "spreadsheet_number", "states_percent"]

_SPACES = " \u00a0\u202f\u2009"
_SIGNS = {"-": "-", "+": "", "\u2212": "-", "\u2013": "-"}
_GROUPED = re.compile(rf"[0-9]{{1,3}}(?:[{_SPACES}][0-9]{{3}})+")
_DIGITS = re.compile(r"[0-9]+")
_FORMAT_DECIMALS = re.compile(r"\.(0+)")
_LITERALS = re.compile(r'"[^"]*"|\\.')
# One mark, then three digits, after at most three digits that are not all zero: "1,234" is
# a decimal in Swedish and a thousand in English; "64.734" a thousand in older Swedish.
_GROUP_LIKE = re.compile(r"0*[1-9][0-9]{0,2}[.,][0-9]{3}")


# A number as JSON, YAML and TOML write it, in ASCII: Python's Decimal() would also take
# "1_000", "٥" (Arabic-Indic) and "５" (full-width), and surrounding blanks, silently.
_PLAIN = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_BLANKS = _SPACES + "\t\r\n"


def plain_number(value: object) -> Decimal:
    """A number given to a document or a Python constructor: a number, or its plain text.

    Text is read as JSON writes numbers (``"5.7"``, ``"-3"``, ``"1E+3"``): ASCII digits, a
    point for decimals. Swedish number text (``"5,7"``, ``"64 734"``) is read from tables
    (:func:`parse_number`), where the convention is known; here it is an error, as are
    ``"1_000"``, digits other than ASCII 0-9, NaN and infinities.

    >>> plain_number("5.70"), plain_number(3), plain_number(0.1)
    (Decimal('5.70'), Decimal('3'), Decimal('0.1'))
    >>> plain_number("5,7")
    Traceback (most recent call last):
    ...
    malstyrning.errors.InvalidNumber: expected a number with a point for decimals, such as '5.7' (got '5,7'); ...

    Raises:
        InvalidNumber: not a number, or text that is not a plain number.
    """  # noqa: E501 (a doctest's expected output is as long as the message)
    if isinstance(value, str):
        if _PLAIN.fullmatch(value):
            return Decimal(value)
        raise InvalidNumber(_plain_problem(value))
    return cell_number(value)


def _plain_problem(text: str) -> str:
    got = shorten(text)
    for character in text:
        if character.isdigit() and not character.isascii():
            name = unicodedata.name(character)  # every digit has a name
            return f"expected a number in ASCII digits 0-9 (got {got}, which holds {name})"
    if "_" in text:
        return f"expected a number without '_' between digits, such as '1000' (got {got})"
    if text != text.strip(_BLANKS):
        return f"expected a number without blanks around it (got {got})"
    if any(mark in text for mark in ", %\u00a0\u202f\u2009\u2212"):
        return (
            f"expected a number with a point for decimals, such as '5.7' (got {got}); "
            "Swedish number text such as '5,7' or '64 734' is read from tables, where it is "
            "written; in a document or in Python write the number itself"
        )
    return f"expected a number such as '5.7', '-3' or '1E+3' (got {got})"


def states_percent(value: object, number_format: str | None = None) -> bool:
    """Whether a cell states a percentage: text ending in ``%``, or a percent format.

    >>> states_percent("5,0 %"), states_percent("5,0"), states_percent(0.05, "0%")
    (True, False, True)
    """
    if isinstance(value, str):
        return value.strip(_BLANKS).endswith("%")
    return number_format is not None and "%" in _shown_format(number_format)


def _shown_format(number_format: str) -> str:
    # The format for positive numbers, without its literal text ("..." and \x).
    return _LITERALS.sub("", number_format.split(";", 1)[0])


def parse_number(text: str, *, decimal: str | None = None) -> Decimal:
    """The number a Swedish text states, exactly as written.

    Args:
        text: the text of a cell, e.g. ``"64 734"``, ``"5,0 %"``, ``"−3,2"``.
        decimal: the mark the source uses for decimals (``","`` or ``"."``), if known; by
            default either, and a text that could be read both ways is an error.

    Returns:
        The value as a :class:`~decimal.Decimal` keeping the written decimals.

    Raises:
        InvalidNumber: the text is not a number, or a comma or point in it is ambiguous.

    >>> parse_number(" 1 234,50 ")
    Decimal('1234.50')
    >>> parse_number("64 73")
    Traceback (most recent call last):
    ...
    malstyrning.errors.InvalidNumber: expected a number such as '64 734', ... (got '64 73')
    """
    if decimal not in (None, ",", "."):
        raise InvalidNumber(f"decimal must be ',' or '.' (got {decimal!r})")
    body = text.strip(_BLANKS)
    if body.endswith("%"):
        body = body[:-1].rstrip(_SPACES)
    sign = ""
    if body[:1] in _SIGNS:
        sign, body = _SIGNS[body[0]], body[1:]
    marks = body.count(",") + body.count(".")
    if decimal is not None:
        if marks > 1 or (marks and decimal not in body):
            raise InvalidNumber.wrong_mark(text, decimal)
    elif marks > 1 or _GROUP_LIKE.fullmatch(body):
        raise InvalidNumber.ambiguous(text)
    whole, mark, fraction = body.replace(",", ".").partition(".")
    if mark and not _DIGITS.fullmatch(fraction):
        raise InvalidNumber.unreadable(text)
    if _GROUPED.fullmatch(whole):
        whole = "".join(character for character in whole if character not in _SPACES)
    elif not _DIGITS.fullmatch(whole):
        raise InvalidNumber.unreadable(text)
    return Decimal(f"{sign}{whole}{mark}{fraction}")


def cell_number(value: object, *, decimal: str | None = None) -> Decimal:
    """The number a cell holds: a number of any kind, or text read by :func:`parse_number`.

    Binary floats become the shortest decimal that reads back as the same float
    (``0.1`` is ``Decimal("0.1")``, not ``0.1000000000000000055…``).

    >>> cell_number(245), cell_number(4.85), cell_number("4,85")
    (Decimal('245'), Decimal('4.85'), Decimal('4.85'))

    Raises:
        InvalidNumber: text that is not a number, NaN, an infinity, or a yes/no value.
    """
    if isinstance(value, bool):
        raise InvalidNumber(f"expected a number (got {'true' if value else 'false'})")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidNumber.not_finite(value)
        return value
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if not math.isfinite(number):
            raise InvalidNumber.not_finite(value)
        return Decimal(repr(number))
    if isinstance(value, str):
        return parse_number(value, decimal=decimal)
    raise InvalidNumber(f"expected a number (got {type(value).__name__} {value!r})")


def spreadsheet_number(value: float | int, number_format: str) -> Decimal:
    """A numeric spreadsheet cell as the person sees it, given the cell's number format.

    A percent format shows the fraction 0.139 as ``13,9 %``: the outcome is the percentage
    13.9, as if the text had been typed. Decimals the format shows are kept (``4,10`` under
    ``0.00`` stays ``4.10``); they are only ever trailing zeros, so the value never changes.

    >>> spreadsheet_number(0.139, "0.0%"), spreadsheet_number(4.1, "0.00")
    (Decimal('13.9'), Decimal('4.10'))
    >>> spreadsheet_number(4.1234, "0.00")
    Decimal('4.1234')

    A percentage is mostly a computed ratio, and a spreadsheet shows 15 significant digits:
    a percent cell's 16th and 17th digits are binary noise, not data (5,6 % computed as
    0.05599999999999999 is 5.6). Other cells keep their float exactly.

    >>> spreadsheet_number(0.05599999999999999, "0.0%")
    Decimal('5.6')
    """
    number = cell_number(value)
    shown = _shown_format(number_format)
    if "%" in shown:
        if isinstance(value, float):
            number = _fifteen_digits(number)
        number = number.scaleb(2)
    match = _FORMAT_DECIMALS.search(shown)
    exponent = number.as_tuple().exponent
    if match and isinstance(exponent, int) and -exponent < len(match.group(1)):
        # More digits than a decimal context holds: keep the value as it is.
        with contextlib.suppress(ArithmeticError):
            number = number.quantize(Decimal(1).scaleb(-len(match.group(1))))
    return number


_SPREADSHEET_DIGITS = decimal.Context(prec=15)


def _fifteen_digits(number: Decimal) -> Decimal:
    if len(number.as_tuple().digits) <= _SPREADSHEET_DIGITS.prec:
        return number
    sign, digits, exponent = _SPREADSHEET_DIGITS.plus(number).as_tuple()
    assert isinstance(exponent, int)  # finite: cell_number refuses the rest
    # Zeros the rounding leaves at the end of the fraction were never written.
    while exponent < 0 and len(digits) > 1 and digits[-1] == 0:
        digits, exponent = digits[:-1], exponent + 1
    return Decimal((sign, digits, exponent))
