"""The tokenizer for target text: numbers the Swedish and English way, words, dates, symbols.

Private: :mod:`malstyrning.target_text` is the public face. Every token keeps its offsets in
the original text so that an error can point at the part it could not read.

>>> [t.text for t in tokenize("Minst 64 734 kr, 4,85 (Ja/Nej)", locale="sv")]
['Minst', '64 734', 'kr', ',', '4,85', '(', 'Ja/Nej', ')']
>>> tokenize("1,234.5", locale="en")[0].number
Decimal('1234.5')
>>> [(t.kind.name, t.text) for t in tokenize("lägre än 2016-T2", locale="sv")][-1]
('PERIOD', '2016-T2')
"""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal, InvalidOperation

import attrs

__all__ = ["Kind", "Token", "tokenize"]

_GROUP_SPACES = frozenset(" \xa0\u202f\u2009")
_SPACES = frozenset(" \t\r\n\xa0\u202f\u2009\u2007\u200b\ufeff")
_MINUS = frozenset("-\u2212")
_TWO_CHAR_SYMBOLS = ("<=", ">=", "=<", "=>")
# Characters that may sit inside a word ("rec/TIN", "e-tjänster", "contact_0", "ja/nej").
_INNER = frozenset("/-'’_")


class Kind(enum.Enum):
    """What a token is."""

    NUMBER = "number"
    WORD = "word"
    DATE = "date"
    PERIOD = "period"
    """A year with its part, as periods write it: ``2016-T2``, ``2016-Q1``, ``2016-H1``,
    ``2016-05``; one token, so that the part is never read apart from its year."""
    SYMBOL = "symbol"


@attrs.frozen(kw_only=True)
class Token:
    """One token with its place in the text."""

    kind: Kind
    text: str
    start: int
    end: int
    number: Decimal | None = None
    day: date | None = None
    plain: bool = False
    """A number written as bare digits (no sign, grouping or decimals): may be a year."""

    @property
    def lower(self) -> str:
        """The text in lower case, for matching keywords."""
        return self.text.casefold()

    @property
    def year(self) -> int | None:
        """The year this token names, if it is a bare four-digit number between 1900 and 2100."""
        if self.kind is Kind.NUMBER and self.plain and len(self.text) == 4:
            value = int(self.text)
            if 1900 <= value <= 2100:
                return value
        return None


def _is_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _digits(text: str, i: int) -> int:
    """The index after the run of ASCII digits starting at ``i``."""
    while i < len(text) and _is_digit(text[i]):
        i += 1
    return i


def _group_follows(text: str, i: int) -> bool:
    """Exactly three digits at ``i``, not followed by another digit."""
    return _digits(text, i) == i + 3


def _read_number(text: str, start: int, *, locale: str) -> Token:
    i = start
    negative = text[i] in _MINUS
    if negative:
        i += 1
    end = _digits(text, i)
    # ISO dates (2019-03-01) are one token: periods are written with them.
    if not negative and end - i == 4 and text[end : end + 1] == "-":
        part_end = _period_part(text, end + 1)
        if part_end is not None:
            return Token(kind=Kind.PERIOD, text=text[i:part_end], start=i, end=part_end)
        month_end = _digits(text, end + 1)
        if month_end == end + 3 and text[month_end : month_end + 1] == "-":
            day_end = _digits(text, month_end + 1)
            if day_end == month_end + 3:
                try:
                    day = date.fromisoformat(text[i:day_end])
                except ValueError:
                    day = None
                if day is not None:
                    return Token(
                        kind=Kind.DATE, text=text[i:day_end], start=i, end=day_end, day=day
                    )
    integer = [text[i:end]]
    plain = not negative
    # Thousands groups: "64 734", and in English "64,734"; only after a first group of 1-3.
    if end - i <= 3:
        while end < len(text):
            sep = text[end]
            grouping = sep in _GROUP_SPACES or (locale == "en" and sep == ",")
            if not (grouping and _group_follows(text, end + 1)):
                break
            integer.append(text[end + 1 : end + 4])
            end += 4
            plain = False
    fraction = ""
    if end + 1 < len(text) and text[end] in ".," and _is_digit(text[end + 1]):
        fraction_end = _digits(text, end + 1)
        fraction = text[end + 1 : fraction_end]
        end = fraction_end
        plain = False
    # "0:an", "3:an": the care guarantee's names are words that start with a digit.
    if not negative and not fraction and text[end : end + 3] == ":an":
        after = text[end + 3 : end + 4]
        if not after.isalpha():
            return Token(kind=Kind.WORD, text=text[start : end + 3], start=start, end=end + 3)
    literal = ("-" if negative else "") + "".join(integer) + ("." + fraction if fraction else "")
    try:
        value = Decimal(literal)
    except InvalidOperation:  # pragma: no cover - the literal is digits by construction
        value = Decimal(0)
    return Token(
        kind=Kind.NUMBER, text=text[start:end], start=start, end=end, number=value, plain=plain
    )


def _period_part(text: str, i: int) -> int | None:
    """The end of a period's part after "YYYY-": "T2", "Q1", "H1" or a month "05"."""
    after = _digits(text, i)
    if after == i + 2 and text[after : after + 1] != "-":
        end = after  # a month, "2016-05" (an ISO date "2016-05-01" is read as a date)
    elif text[i : i + 1] in ("T", "t", "Q", "q", "H", "h") and _digits(text, i + 1) == i + 2:
        end = i + 2
    else:
        return None
    following = text[end : end + 1]
    return None if following.isalnum() or following == "_" else end


def _read_word(text: str, start: int) -> Token:
    i = start + 1
    while i < len(text):
        char = text[i]
        inner = char in _INNER and i + 1 < len(text) and text[i + 1].isalnum()
        if not (char.isalnum() or inner):
            break
        i += 1
    return Token(kind=Kind.WORD, text=text[start:i], start=start, end=i)


def _starts_number(text: str, i: int) -> bool:
    char = text[i]
    if _is_digit(char):
        return True
    if char in _MINUS and i + 1 < len(text) and _is_digit(text[i + 1]):
        # A sign only where a number may begin: not in "1-14" or "mars-december".
        before = text[i - 1] if i else " "
        return before in _SPACES or before in "(:;<>=≤≥"
    return False


def tokenize(text: str, *, locale: str) -> list[Token]:
    """The tokens of ``text``; every character belongs to one token or is space."""
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _SPACES or char.isspace():
            i += 1
            continue
        if _starts_number(text, i):
            token = _read_number(text, i, locale=locale)
        elif char.isalpha() or char == "_":
            token = _read_word(text, i)
        elif text[i : i + 2] in _TWO_CHAR_SYMBOLS:
            token = Token(kind=Kind.SYMBOL, text=text[i : i + 2], start=i, end=i + 2)
        else:
            token = Token(kind=Kind.SYMBOL, text=char, start=i, end=i + 1)
        tokens.append(token)
        i = token.end
    return tokens
