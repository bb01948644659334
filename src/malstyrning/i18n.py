"""Labels, sentences and numbers for people, in Swedish (default), English and Norwegian bokmål.

Every text shown to a person comes from one catalogue per language (``locales/<lang>.toml``
inside the package), and every number goes through babel's CLDR formats. Adding a language
is adding a catalogue file. The locale is always passed explicitly; the system locale is
never read.

>>> from decimal import Decimal
>>> format_number(Decimal("64734"), locale="sv"), format_number(Decimal("4.10"), locale="en")
('64\\xa0734', '4.10')
>>> format_quantity(Decimal("5.0"), "%", locale="sv")
'5,0\\xa0%'
>>> translate("Achievement.met", locale="en")
'met'
>>> format_period(Period("2019-T1"), locale="sv"), format_period(Period("2019-T1"), locale="en")
('tertial 1 2019', 'tertial 1 2019')
"""

from __future__ import annotations

import enum
import functools
import string
import tomllib
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import Any, Protocol, runtime_checkable

import attrs
import babel
import babel.numbers

from malstyrning._frozen import FrozenMap, freeze
from malstyrning.errors import MalstyrningError
from malstyrning.periods import Period, PeriodKind

__all__ = [
    "DEFAULT_LOCALE",
    "Message",
    "Quantity",
    "UnknownLocale",
    "available_locales",
    "format_number",
    "format_period",
    "format_quantity",
    "translate",
]

DEFAULT_LOCALE = "sv"
LocaleLike = str | babel.Locale


@runtime_checkable
class Renderable(Protocol):
    """Anything that can render itself for a locale (messages, scale levels)."""

    def render(self, *, locale: LocaleLike) -> str:
        """The text in ``locale``."""


class UnknownLocale(MalstyrningError, LookupError):
    """A locale with no catalogue, or a catalogue without a key."""

    def __str__(self) -> str:
        return self.message


@functools.cache
def available_locales() -> tuple[str, ...]:
    """The languages that ship a catalogue, e.g. ``('en', 'sv')``."""
    folder = resources.files("malstyrning") / "locales"
    return tuple(
        sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".toml"))
    )


@functools.cache
def _catalogue(language: str) -> Mapping[str, str]:
    if language not in available_locales():
        raise UnknownLocale(
            f"no catalogue for locale {language!r}; available: {', '.join(available_locales())}"
        )
    text = (resources.files("malstyrning") / "locales" / f"{language}.toml").read_text("utf-8")
    flat: dict[str, str] = {}

    def walk(prefix: str, table: Mapping[str, Any]) -> None:
        for key, value in table.items():
            name = f"{prefix}.{key}" if prefix else key
            if isinstance(value, Mapping):
                walk(name, value)
            else:
                flat[name] = str(value)

    walk("", tomllib.loads(text))
    return flat


@functools.cache
def _babel_locale(locale: str) -> babel.Locale:
    try:
        return babel.Locale.parse(locale.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError) as error:
        raise UnknownLocale(f"unknown locale {locale!r}: {error}") from None


def _resolve(locale: LocaleLike) -> tuple[babel.Locale, str]:
    parsed = locale if isinstance(locale, babel.Locale) else _babel_locale(str(locale))
    return parsed, parsed.language


def catalogue_keys(locale: LocaleLike) -> frozenset[str]:
    """Every key of a locale's catalogue (used to check that catalogues agree)."""
    return frozenset(_catalogue(_resolve(locale)[1]))


def translate(key: str, *, locale: LocaleLike, **params: object) -> str:
    """The catalogue text for ``key`` in ``locale``, with ``{name}`` fields filled in.

    Parameters are formatted for the locale: numbers by CLDR, periods by name, enums by
    their own catalogue entries, and nested :class:`Message` values rendered in turn.

    Raises:
        UnknownLocale: there is no catalogue for the locale, or it lacks the key.

    >>> translate("rule.at_least", locale="sv", target=Quantity(Decimal("30"), "%"))
    'minst 30\\xa0%'
    """
    babel_locale, language = _resolve(locale)
    catalogue = _catalogue(language)
    try:
        template = catalogue[key]
    except KeyError:
        raise UnknownLocale(f"the {language!r} catalogue has no text for {key!r}") from None
    if not params:
        return template
    rendered = {name: _render(value, babel_locale) for name, value in params.items()}
    try:
        return string.Formatter().vformat(template, (), rendered)
    except KeyError as error:
        raise UnknownLocale(
            f"the {language!r} text for {key!r} uses {error} which was not given"
        ) from None


def _render(value: object, locale: babel.Locale) -> str:
    if isinstance(value, Renderable):
        return value.render(locale=locale)
    if isinstance(value, Quantity):
        return format_quantity(value.value, value.unit, locale=locale)
    if isinstance(value, bool):
        return translate("answer.yes" if value else "answer.no", locale=locale)
    if isinstance(value, Decimal | int):
        return format_number(Decimal(value), locale=locale)
    if isinstance(value, Period):
        return format_period(value, locale=locale)
    if isinstance(value, enum.Enum):
        return translate(f"{type(value).__name__}.{value.value}", locale=locale)
    if isinstance(value, Joined):
        return translate(value.separator, locale=locale).join(
            _render(item, locale) for item in value.items
        )
    if isinstance(value, tuple | list):
        return translate("list.separator", locale=locale).join(
            _render(item, locale) for item in value
        )
    return str(value)


def format_number(value: Decimal, *, locale: LocaleLike) -> str:
    """A number in the locale's CLDR format, with as many decimals as it was written with.

    ``Decimal("4.10")`` keeps its trailing zero: plans state "4,10", not "4,1".

    >>> format_number(Decimal("-1234.5"), locale="sv")
    '-1\\xa0234,5'
    """
    babel_locale, _ = _resolve(locale)
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(babel.numbers.format_decimal(value, format=pattern, locale=babel_locale))


def format_quantity(value: Decimal, unit: str | None, *, locale: LocaleLike) -> str:
    """A number with its unit; percentages follow the locale's percent pattern.

    >>> format_quantity(Decimal("245"), "rec/TIN", locale="sv")
    '245 rec/TIN'
    >>> format_quantity(Decimal("13.9"), "%", locale="en")
    '13.9%'
    """
    babel_locale, _ = _resolve(locale)
    number = format_number(value, locale=babel_locale)
    if not unit:
        return number
    if unit == "%":
        pattern = str(babel_locale.percent_formats[None].pattern)
        # The CLDR pattern places the sign and its spacing ("#,##0 %", "#,##0%", "% #,##0").
        return pattern.replace("#,##0", number, 1).replace("'", "")
    return f"{number} {unit}"


def format_period(period: Period, *, locale: LocaleLike, style: str = "name") -> str:
    """A period's name for people: ``tertial 1 2019``, ``2019``, ``maj 2019``.

    ``style="as_of"`` gives the reporting form, ``per april 2019`` (the period's last month).

    >>> format_period(Period("2019-T1"), locale="sv", style="as_of")
    'per april 2019'
    >>> format_period(Period("2019-05"), locale="en")
    'May 2019'
    """
    babel_locale, _ = _resolve(locale)
    months = babel_locale.months["stand-alone"]["wide"]
    if style == "as_of":
        return translate(
            "period.as_of",
            locale=babel_locale,
            month=months[period.end.month],
            year=str(period.end.year),
        )
    kind = period.kind
    year = str(period.start.year)
    if kind is PeriodKind.YEAR:
        return year
    if kind is PeriodKind.MONTH:
        return translate(
            "period.month", locale=babel_locale, month=months[period.start.month], year=year
        )
    if kind is PeriodKind.RANGE:
        return translate(
            "period.range",
            locale=babel_locale,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
    return translate(f"period.{kind.value}", locale=babel_locale, index=period.index, year=year)


@attrs.frozen
class Quantity:
    """A number with an optional unit, formatted together (``5,0 %``, ``245 rec/TIN``)."""

    value: Decimal
    unit: str | None = None


@attrs.frozen
class Message:
    """A sentence to show a person, kept as a catalogue key and parameters until rendered.

    Assessments carry messages rather than strings, so that one evaluation can be shown in
    any language.

    >>> Message("Achievement.near").render(locale="sv")
    'nära målet'
    """

    key: str
    params: FrozenMap[str, object] = attrs.field(factory=FrozenMap, converter=freeze)

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        """A message with keyword parameters."""
        return cls(key, FrozenMap(params))

    def render(self, *, locale: LocaleLike) -> str:
        """The sentence in ``locale``."""
        return translate(self.key, locale=locale, **self.params)


@attrs.frozen
class Joined:
    """Items rendered one after another with a catalogue separator between them."""

    items: tuple[object, ...]
    separator: str = "list.separator"


def join_sentences(messages: Iterable[Message]) -> Joined:
    """The messages as one text, separated as clauses ("; ")."""
    return Joined(tuple(messages), "list.sentence_separator")
