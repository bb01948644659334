"""Reporting periods: years, tertials, half-years, quarters, months and explicit date ranges.

Swedish regions report three times a year, per tertial (T1 January-April, T2 May-August,
T3 September-December), and plans set target levels per year. A :class:`Period` is a closed
range of calendar days; its kind follows from its dates, so ``Period("2019-T1")`` and the
range ``2019-01-01/2019-04-30`` are the same value.

>>> p = Period("T1 2019")
>>> p
Period('2019-T1')
>>> p.start, p.end
(datetime.date(2019, 1, 1), datetime.date(2019, 4, 30))
>>> p.previous(), p.next()
(Period('2018-T3'), Period('2019-T2'))
>>> p in Period("2019"), Period("2019-05") in p
(True, False)
>>> sorted([Period("2019"), Period("2019-T2"), Period("2019-T1")])
[Period('2019-T1'), Period('2019'), Period('2019-T2')]
"""

from __future__ import annotations

import calendar
import enum
import functools
import re
import unicodedata
from datetime import date, timedelta
from typing import Any, overload

import attrs

from malstyrning.errors import InvalidPeriod

__all__ = ["Period", "PeriodKind", "check_period", "coerce_period"]


class PeriodKind(enum.Enum):
    """The kind of a period, named after the number of months it spans."""

    YEAR = "year"
    HALF = "half"
    TERTIAL = "tertial"
    QUARTER = "quarter"
    MONTH = "month"
    RANGE = "range"


# months per period for each calendar kind, and the letter used in its text form
_CALENDAR: dict[PeriodKind, tuple[int, str]] = {
    PeriodKind.YEAR: (12, ""),
    PeriodKind.HALF: (6, "H"),
    PeriodKind.TERTIAL: (4, "T"),
    PeriodKind.QUARTER: (3, "Q"),
    PeriodKind.MONTH: (1, ""),
}
_BY_LETTER = {"H": PeriodKind.HALF, "T": PeriodKind.TERTIAL, "Q": PeriodKind.QUARTER}
_BY_MONTHS = {months: kind for kind, (months, _) in _CALENDAR.items()}

# ASCII only: `\d` and `\s` would also read full-width and Arabic-Indic digits and line
# separators, silently turning "２０１９" into 2019. Spaces and tabs are the only blanks read.
_YEAR = re.compile(r"(\d{4})", re.ASCII)
_YEAR_PART = re.compile(r"(\d{4})[ \t]*-?[ \t]*([HTQ])[ \t]*(\d{1,2})", re.IGNORECASE | re.ASCII)
_PART_YEAR = re.compile(
    r"([HTQ])[ \t]*(\d{1,2})[ \t]*[-/ ]?[ \t]*(\d{4})", re.IGNORECASE | re.ASCII
)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})[ \t]*(?:/|--|\.\.)[ \t]*(\d{4}-\d{2}-\d{2})", re.ASCII)
_BLANKS = " \t"


def _foreign(text: str) -> str:
    """Why a text that looks like a period is none: a character outside ASCII, named."""
    for position, character in enumerate(text):
        if not character.isascii():
            name = unicodedata.name(character, "unnamed character")
            kind = "digits in ASCII 0-9" if character.isdigit() else "ASCII characters only"
            return (
                f"it holds {name} (U+{ord(character):04X}) at position {position + 1}; "
                f"write periods with {kind}"
            )
        if character.isspace() and character not in _BLANKS:
            return (
                f"it holds a line break or control character (U+{ord(character):04X}) at "
                f"position {position + 1}"
            )
    return ""


def _to_date(value: date) -> date:
    # A date subclass (pendulum's, pandas') becomes a plain date: reprs and hashing stay simple.
    if type(value) is not date:
        return date(value.year, value.month, value.day)
    return value


@functools.cache
def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _plus_months(year: int, month: int, months: int) -> tuple[int, int]:
    # Periods start on the first of a month, so whole months never need day clamping.
    years, month_index = divmod(year * 12 + month - 1 + months, 12)
    return years, month_index + 1


def _months_apart(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _check_order(instance: Period, attribute: attrs.Attribute[date], value: date) -> None:
    if value < instance.start:
        raise InvalidPeriod(
            f"a period ends on or after its start (got start {instance.start.isoformat()}, "
            f"end {value.isoformat()})"
        )


@attrs.frozen(init=False, order=True, repr=False, unsafe_hash=False)
class Period:
    """A closed range of calendar days: a year, half-year, tertial, quarter, month or range.

    Construct one from its text (``Period("2019-T1")``), from two dates
    (``Period(date(2019, 3, 1), date(2019, 12, 31))``) or with the named constructors
    (:meth:`year`, :meth:`tertial`, ...). Periods order by start, then by end.

    >>> Period(date(2019, 5, 1), date(2019, 8, 31))
    Period('2019-T2')
    >>> Period.month(2019, 5).kind
    <PeriodKind.MONTH: 'month'>
    """

    start: date = attrs.field(converter=_to_date, validator=attrs.validators.instance_of(date))
    end: date = attrs.field(
        converter=_to_date,
        validator=[attrs.validators.instance_of(date), _check_order],
    )
    # Derived once: a period is formatted and classified far more often than it is made.
    _kind: PeriodKind = attrs.field(init=False, eq=False, order=False, hash=False, repr=False)
    _text: str = attrs.field(init=False, eq=False, order=False, hash=False, repr=False)
    # Periods key every series' measurements and are hashed on every load and lookup.
    _hash: int = attrs.field(init=False, eq=False, order=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        kind = self._classify()
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(self, "_text", self._render(kind))
        object.__setattr__(self, "_hash", hash((self.start, self.end)))

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its dates: a hash stored in one process is not valid in another.
        return (Period, (self.start, self.end))

    @overload
    def __init__(self, text: str, /) -> None: ...
    @overload
    def __init__(self, start: date, end: date, /) -> None: ...

    def __init__(self, first: str | date, end: date | None = None, /) -> None:
        if isinstance(first, str):
            if end is not None:
                raise TypeError("Period(text) takes no end date")
            parsed = Period.parse(first)
            self.__attrs_init__(parsed.start, parsed.end)
        elif isinstance(first, date) and isinstance(end, date):
            self.__attrs_init__(first, end)
        else:
            raise TypeError(
                "Period() takes a text such as '2019-T1' or two dates (start, end); "
                f"got {first!r}, {end!r}"
            )

    # -- construction -------------------------------------------------------------------

    @classmethod
    def _calendar(cls, kind: PeriodKind, year: int, index: int, text: str = "") -> Period:
        months, letter = _CALENDAR[kind]
        count = 12 // months
        if not 1 <= index <= count:
            names = {
                PeriodKind.HALF: "half-years H1-H2",
                PeriodKind.TERTIAL: "tertials T1-T3",
                PeriodKind.QUARTER: "quarters Q1-Q4",
                PeriodKind.MONTH: "months 01-12",
            }
            # The message quotes what the user wrote, else the period as the library writes it.
            written = text or (f"{year}-{letter}{index}" if letter else f"{year}-{index:02d}")
            raise InvalidPeriod.unreadable(written, f"a year has {names[kind]}")
        if not 1 <= year <= 9999:
            raise InvalidPeriod(f"year {year} is outside 1-9999")
        first_month = (index - 1) * months + 1
        last_month = first_month + months - 1
        return cls(date(year, first_month, 1), _last_day(year, last_month))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year.

        >>> Period.year(2019)
        Period('2019')
        """
        return cls._calendar(PeriodKind.YEAR, year, 1)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Half-year 1 (January-June) or 2 (July-December).

        >>> Period.half(2019, 2).start
        datetime.date(2019, 7, 1)
        """
        return cls._calendar(PeriodKind.HALF, year, half)

    @classmethod
    def tertial(cls, year: int, tertial: int) -> Period:
        """Tertial 1 (January-April), 2 (May-August) or 3 (September-December).

        >>> Period.tertial(2019, 3).end
        datetime.date(2019, 12, 31)
        """
        return cls._calendar(PeriodKind.TERTIAL, year, tertial)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1-4.

        >>> Period.quarter(2019, 3)
        Period('2019-Q3')
        """
        return cls._calendar(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month.

        >>> Period.month(2020, 2).end
        datetime.date(2020, 2, 29)
        """
        return cls._calendar(PeriodKind.MONTH, year, month)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from its text form.

        Accepts ``2019``, ``2019-T1``, ``T1 2019``, ``2019-H1``, ``2019-Q3``, ``Q3 2019``,
        ``2019-05`` and ISO ranges ``2019-03-01/2019-12-31`` (also with ``--`` or ``..``).

        Raises:
            InvalidPeriod: the text is none of those forms, or names a period that cannot be.

        >>> Period.parse("q3 2019"), Period.parse("2019-03-01/2019-12-31")
        (Period('2019-Q3'), Period('2019-03-01/2019-12-31'))
        """
        # Plans repeat a handful of period texts thousands of times; periods are immutable.
        if isinstance(text, str):
            return _parse_cached(text)
        raise InvalidPeriod(f"a period is a text such as '2019-T1' (got {text!r})")

    @classmethod
    def _parse(cls, text: str) -> Period:
        stripped = text.strip(_BLANKS)
        if match := _YEAR.fullmatch(stripped):
            return cls.year(int(match[1]))
        if match := _YEAR_PART.fullmatch(stripped):
            kind = _BY_LETTER[match[2].upper()]
            return cls._calendar(kind, int(match[1]), int(match[3]), text)
        if match := _PART_YEAR.fullmatch(stripped):
            kind = _BY_LETTER[match[1].upper()]
            return cls._calendar(kind, int(match[3]), int(match[2]), text)
        if match := _MONTH.fullmatch(stripped):
            return cls._calendar(PeriodKind.MONTH, int(match[1]), int(match[2]), text)
        if match := _RANGE.fullmatch(stripped):
            try:
                start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
            except ValueError as error:
                raise InvalidPeriod.unreadable(text, str(error)) from None
            try:
                return cls(start, end)
            except InvalidPeriod as error:
                raise InvalidPeriod.unreadable(text, error.message) from None
        raise InvalidPeriod.unreadable(text, _foreign(text))

    # -- properties -----------------------------------------------------------------------

    @property
    def kind(self) -> PeriodKind:
        """The calendar kind these dates make, or ``RANGE`` for any other span."""
        return self._kind

    def _classify(self) -> PeriodKind:
        start, end = self.start, self.end
        if start.day != 1 or end != _last_day(end.year, end.month) or start.year != end.year:
            return PeriodKind.RANGE
        months = _months_apart(start, end) + 1
        kind = _BY_MONTHS.get(months)
        if kind is None or (start.month - 1) % months:
            return PeriodKind.RANGE
        return kind

    @property
    def index(self) -> int:
        """The period's number within its year (tertial 2 gives 2); 1 for years and ranges."""
        kind = self.kind
        if kind is PeriodKind.RANGE:
            return 1
        return (self.start.month - 1) // _CALENDAR[kind][0] + 1

    @property
    def days(self) -> int:
        """How many days the period spans, both ends included."""
        return (self.end - self.start).days + 1

    def format(self) -> str:
        """The canonical text: ``2019``, ``2019-T1``, ``2019-05``, ``2019-03-01/2019-12-31``.

        >>> Period.tertial(2019, 1).format()
        '2019-T1'
        """
        return self._text

    def _render(self, kind: PeriodKind) -> str:
        year = self.start.year
        if kind is PeriodKind.YEAR:
            return f"{year:04d}"
        if kind is PeriodKind.MONTH:
            return f"{year:04d}-{self.start.month:02d}"
        if kind is PeriodKind.RANGE:
            return f"{self.start.isoformat()}/{self.end.isoformat()}"
        return f"{year:04d}-{_CALENDAR[kind][1]}{self.index}"

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return f"Period({self.format()!r})"

    # -- relations ------------------------------------------------------------------------

    def contains(self, other: date | Period) -> bool:
        """Whether a day or a whole period lies inside this period.

        >>> Period("2019").contains(Period("2019-T3"))
        True
        >>> Period("2019-T3").contains(date(2019, 8, 31))
        False
        """
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= _to_date(other) <= self.end

    def __contains__(self, other: object) -> bool:
        if isinstance(other, date | Period):
            return self.contains(other)
        return False

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def shift(self, steps: int) -> Period:
        """The period of the same kind ``steps`` periods later (negative: earlier).

        A range moves by its own length in days.

        >>> Period("2019-T1").shift(-2), Period("2019-03-01/2019-03-10").shift(1)
        (Period('2018-T2'), Period('2019-03-11/2019-03-20'))
        """
        kind = self.kind
        outside = f"the period {steps:+d} steps from {self} is outside 1-9999"
        if kind is PeriodKind.RANGE:
            length = self.days
            try:
                new_start = self.start + timedelta(days=length * steps)
                new_end = new_start + timedelta(days=length - 1)
            except OverflowError:
                raise InvalidPeriod(outside) from None
            return Period(new_start, new_end)
        months = _CALENDAR[kind][0]
        year, month = _plus_months(self.start.year, self.start.month, months * steps)
        last_year, last_month = _plus_months(year, month, months - 1)
        if not 1 <= year <= 9999:
            raise InvalidPeriod(outside)
        return Period(date(year, month, 1), _last_day(last_year, last_month))

    def previous(self) -> Period:
        """The period of the same kind just before this one."""
        return self.shift(-1)

    def next(self) -> Period:
        """The period of the same kind just after this one."""
        return self.shift(1)

    def years_until(self, later: Period) -> float:
        """The time in years from this period's end to a later period's end.

        Calendar periods count whole months (2019 to 2022 is exactly 3.0); ranges count days.

        >>> Period("2019").years_until(Period("2022"))
        3.0
        """
        if PeriodKind.RANGE in (self.kind, later.kind):
            return (later.end - self.end).days / 365.25
        return _months_apart(self.end, later.end) / 12


def coerce_period(value: Any) -> Any:
    """An attrs converter for fields holding a Period: as kind as documents are.

    The text of a period is parsed and a bare year (an int) is that year, as documents allow;
    anything else is left for :func:`check_period` to refuse.

    >>> coerce_period("2019-T1"), coerce_period(2019)
    (Period('2019-T1'), Period('2019'))
    """
    if value.__class__ is str:
        return Period.parse(value)
    if value.__class__ is int:
        return Period.year(value)
    return value


def check_period(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An attrs validator: a Period, else a TypeError in a plain message naming the field.

    >>> @attrs.frozen
    ... class Report:
    ...     period: Period = attrs.field(converter=coerce_period, validator=check_period)
    >>> Report("2019-T2").period
    Period('2019-T2')
    >>> Report(2.5)
    Traceback (most recent call last):
    ...
    TypeError: period must be a Period or a period text such as '2019-T1' (got 2.5, float)
    """
    if not isinstance(value, Period):
        shown = repr(value) if len(repr(value)) <= 60 else repr(value)[:57] + "..."
        raise TypeError(
            f"{attribute.name} must be a Period or a period text such as '2019-T1' "
            f"(got {shown}, {type(value).__name__})"
        )


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Period:
    return Period._parse(text)
