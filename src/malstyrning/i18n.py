"""Labels, sentences and numbers for people, in Swedish (default), English and Norwegian bokmål.

Every text shown to a person comes from one catalogue per language, a TOML file named after
the locale (``locales/<code>.toml`` inside the package), and every number goes through babel's
CLDR formats. A catalogue holds everything a language needs: the labels and sentences, the
words :func:`~malstyrning.target_text.parse_target` reads, and the answers a table may give
to a yes/no measure. The locale is always passed explicitly; the system locale is never read.

Adding a language is adding one file: put ``<code>.toml`` in a folder and register the folder
with :func:`add_catalogue_directory` (or list it in the ``MALSTYRNING_LOCALES`` environment
variable, separated by ``os.pathsep``, which the command line reads too). A catalogue may
start with a ``[meta]`` table: ``cldr`` names the CLDR locale babel uses for its numbers and
dates when the catalogue's code is not one (``cldr = "sv"``), and ``fallback`` names a
catalogue that supplies the keys it leaves out. Without ``fallback`` every key must be there.

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

import decimal
import enum
import functools
import os
import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

import attrs
import babel

from malstyrning._frozen import FrozenMap, freeze, freeze_json
from malstyrning.errors import UnknownLocale
from malstyrning.periods import Period, PeriodKind

__all__ = [
    "DEFAULT_LOCALE",
    "Message",
    "Quantity",
    "add_catalogue_directory",
    "answer_words",
    "available_locales",
    "catalogue_section",
    "format_date",
    "format_number",
    "format_period",
    "format_quantity",
    "remove_catalogue_directory",
    "translate",
]

DEFAULT_LOCALE = "sv"
LocaleLike = str | babel.Locale

ENVIRONMENT_VARIABLE = "MALSTYRNING_LOCALES"
"""Folders of extra catalogues, separated by ``os.pathsep``, read when catalogues are listed."""

T = TypeVar("T")

# Tables of a catalogue that hold no texts for translate(): data about the catalogue itself,
# and the parser's word lists.
_NOT_TEXTS = frozenset({"meta", "parser"})


@runtime_checkable
class Renderable(Protocol):
    """Anything that can render itself for a locale (messages, scale levels)."""

    def render(self, *, locale: LocaleLike) -> str:
        """The text in ``locale``."""


# -- finding catalogues ------------------------------------------------------------------------

_registered: list[Path] = []
_forget: list[Callable[[], None]] = []


def catalogue_cache(function: Callable[..., T]) -> functools._lru_cache_wrapper[T]:
    """:func:`functools.cache`, emptied whenever a catalogue folder is added or removed.

    Whatever is derived from catalogues (the parser's vocabularies, the yes/no words) is
    cached with this, so that a newly registered language is seen everywhere.
    """
    cached = functools.cache(function)
    _forget.append(cached.cache_clear)
    return cached


def _catalogues_changed() -> None:
    for clear in _forget:
        clear()


def add_catalogue_directory(path: str | os.PathLike[str]) -> None:
    """Read catalogues (``<code>.toml``) from ``path`` too, after the package's own.

    A catalogue in a registered folder replaces a shipped one of the same code; of two
    registered folders, the later one wins.

    Raises:
        UnknownLocale: ``path`` is not a folder.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "qaa.toml").write_text('[meta]\\ncldr = "sv"\\nfallback = "sv"\\n'
    ...                                       '[Achievement]\\nmet = "klart"\\n', "utf-8")
    >>> add_catalogue_directory(folder)
    >>> "qaa" in available_locales(), translate("Achievement.met", locale="qaa")
    (True, 'klart')
    >>> remove_catalogue_directory(folder)
    >>> "qaa" in available_locales()
    False
    """
    folder = Path(path)
    if not folder.is_dir():
        raise UnknownLocale(f"no folder of catalogues at {str(path)!r}")
    if folder not in _registered:
        _registered.append(folder)
    _catalogues_changed()


def remove_catalogue_directory(path: str | os.PathLike[str]) -> None:
    """Stop reading the catalogues of a folder given to :func:`add_catalogue_directory`."""
    folder = Path(path)
    if folder in _registered:
        _registered.remove(folder)
    _catalogues_changed()


# The package's own catalogues, beside this module (a path, not importlib.resources: that
# costs `import malstyrning` a tenth of its time, see benchmarks/run.py --only import_time).
_PACKAGE_CATALOGUES = Path(__file__).parent / "locales"


def _toml() -> Any:
    # Catalogues are read on first use, and with them the TOML parser.
    import tomllib  # noqa: PLC0415 - loaded on first use: `import malstyrning` stays cheap

    return tomllib


def _folders() -> list[Path]:
    folders: list[Path] = [_PACKAGE_CATALOGUES]
    listed = os.environ.get(ENVIRONMENT_VARIABLE, "")
    folders += [Path(entry) for entry in listed.split(os.pathsep) if entry]
    folders += _registered
    return folders


@catalogue_cache
def _catalogue_files() -> Mapping[str, Path]:
    files: dict[str, Path] = {}
    for folder in _folders():
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if entry.name.endswith(".toml") and entry.is_file():
                files[entry.name[: -len(".toml")]] = entry
    return files


@catalogue_cache
def available_locales() -> tuple[str, ...]:
    """The languages with a catalogue, shipped or registered, e.g. ``('en', 'nb', 'sv')``.

    >>> {"sv", "en", "nb"} <= set(available_locales())
    True
    """
    return tuple(sorted(_catalogue_files()))


# -- reading catalogues ------------------------------------------------------------------------


def _merge(base: Mapping[str, Any], own: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in own.items():
        below = merged.get(key)
        if isinstance(value, Mapping) and isinstance(below, Mapping):
            merged[key] = _merge(below, value)
        else:
            merged[key] = value
    return merged


def _load(language: str, chain: tuple[str, ...]) -> dict[str, Any]:
    files = _catalogue_files()
    if language not in files:
        raise UnknownLocale(
            f"no catalogue for locale {language!r}; available: {', '.join(available_locales())}"
        )
    if language in chain:
        raise UnknownLocale(f"catalogues fall back in a circle: {' → '.join((*chain, language))}")
    try:
        tree: dict[str, Any] = _toml().loads(files[language].read_text("utf-8"))
    except _toml().TOMLDecodeError as error:
        raise UnknownLocale(f"the {language!r} catalogue is not valid TOML: {error}") from None
    meta = tree.get("meta", {})
    fallback = meta.get("fallback") if isinstance(meta, Mapping) else None
    if not fallback:
        return tree
    # The fallback fills in missing keys only; the meta table is the catalogue's own.
    base = {k: v for k, v in _load(str(fallback), (*chain, language)).items() if k != "meta"}
    return _merge(base, tree)


@catalogue_cache
def _tree(language: str) -> FrozenMap[str, Any]:
    """The whole catalogue of ``language``, with its fallback's keys filled in."""
    return freeze_json(_load(language, ()))


def _leaves(table: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in table.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            yield from _leaves(value, name)
        else:
            yield name, value


@catalogue_cache
def _catalogue(language: str) -> Mapping[str, str]:
    """The texts of a catalogue by dotted key (``rule.change.increase``)."""
    texts = {key: value for key, value in _tree(language).items() if key not in _NOT_TEXTS}
    return {key: str(value) for key, value in _leaves(texts) if not isinstance(value, tuple | list)}


def catalogue_keys(locale: LocaleLike) -> frozenset[str]:
    """Every key of a locale's catalogue, word lists included (to check that catalogues agree).

    >>> catalogue_keys("sv") == catalogue_keys("en")
    True
    """
    tree = _tree(_resolve(locale)[1])
    return frozenset(key for key, _ in _leaves(tree) if not key.startswith("meta."))


def catalogue_section(locale: LocaleLike, name: str) -> Mapping[str, Any]:
    """A table of a locale's catalogue as data (lists become tuples), e.g. ``"parser"``.

    Raises:
        UnknownLocale: there is no catalogue for the locale, or it has no such table.

    >>> catalogue_section("nb", "parser")["yes"]
    ('ja',)
    """
    language = _resolve(locale)[1]
    table: Any = _tree(language)
    for part in name.split("."):
        if not isinstance(table, Mapping) or part not in table:
            raise UnknownLocale(f"the {language!r} catalogue has no [{name}] table")
        table = table[part]
    if not isinstance(table, Mapping):
        raise UnknownLocale(f"{name!r} in the {language!r} catalogue is not a table")
    return table


@catalogue_cache
def answer_words() -> tuple[frozenset[str], frozenset[str]]:
    """The words any catalogue reads as yes and as no (``answer.yes_words``/``no_words``).

    Tables take every language's answers, whatever the report's locale.

    >>> yes, no = answer_words()
    >>> {"ja", "yes"} <= yes, {"nej", "nei", "no"} <= no
    (True, True)
    """
    yes: set[str] = set()
    no: set[str] = set()
    for language in available_locales():
        answers = catalogue_section(language, "answer")
        yes.update(word.casefold() for word in answers.get("yes_words", ()))
        no.update(word.casefold() for word in answers.get("no_words", ()))
    return frozenset(yes), frozenset(no)


# -- locales -----------------------------------------------------------------------------------


@functools.cache
def _babel_locale(locale: str) -> babel.Locale:
    try:
        return babel.Locale.parse(locale.replace("-", "_"))
    except babel.UnknownLocaleError:
        raise UnknownLocale(
            f"unknown locale {locale!r}: no language data for it; use a language tag such as "
            "'sv', 'en' or 'nb'"
        ) from None
    except ValueError as error:
        raise UnknownLocale(f"unknown locale {locale!r}: {error}") from None


@catalogue_cache
def _resolve_name(locale: str) -> tuple[babel.Locale, str]:
    if locale in _catalogue_files():
        meta = _tree(locale).get("meta", {})
        cldr = meta.get("cldr") if isinstance(meta, Mapping) else None
        try:
            return _babel_locale(str(cldr or locale)), locale
        except UnknownLocale:
            if cldr:
                raise
            raise UnknownLocale(
                f"{locale!r} is not a CLDR locale: name the one its numbers and dates follow "
                f'in its catalogue\'s [meta] table (cldr = "sv")'
            ) from None
    parsed = _babel_locale(locale)
    return parsed, parsed.language


def _resolve(locale: LocaleLike) -> tuple[babel.Locale, str]:
    """The babel locale for numbers and dates, and the code of the catalogue for texts."""
    if isinstance(locale, babel.Locale):
        return locale, locale.language
    return _resolve_name(str(locale))


def _nested(babel_locale: babel.Locale, language: str) -> LocaleLike:
    """What a text's parameters are rendered with.

    The babel locale, unless the catalogue's code is not its language (a catalogue that
    borrows another's CLDR data): then the code, so nested texts stay in that catalogue.
    """
    return babel_locale if babel_locale.language == language else language


# -- texts -------------------------------------------------------------------------------------


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
    nested = _nested(babel_locale, language)
    rendered = {name: _render(value, nested) for name, value in params.items()}
    try:
        return string.Formatter().vformat(template, (), rendered)
    except KeyError as error:
        raise UnknownLocale(
            f"the {language!r} text for {key!r} uses {error} which was not given"
        ) from None


def _render(value: object, locale: LocaleLike) -> str:
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
    import babel.numbers  # noqa: PLC0415 - loaded on first use: `import malstyrning` stays cheap

    # babel rounds in the current decimal context: one with room for every digit, so that a
    # number longer than the default 28 digits is shown whole instead of raising.
    with decimal.localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 1 + decimals + 2)
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


def format_date(value: date, *, locale: LocaleLike, style: str = "long") -> str:
    """A date in the locale's CLDR format (``style`` is ``short``, ``medium`` or ``long``).

    >>> format_date(date(2019, 5, 2), locale="sv"), format_date(date(2019, 5, 2), locale="en")
    ('2 maj 2019', 'May 2, 2019')
    """
    babel_locale, _ = _resolve(locale)
    import babel.dates  # noqa: PLC0415 - loaded on first use: `import malstyrning` stays cheap

    return str(babel.dates.format_date(value, format=style, locale=babel_locale))


def format_period(period: Period, *, locale: LocaleLike, style: str = "name") -> str:
    """A period's name for people: ``tertial 1 2019``, ``2019``, ``maj 2019``.

    ``style="as_of"`` gives the reporting form, ``per april 2019`` (the period's last month).

    >>> format_period(Period("2019-T1"), locale="sv", style="as_of")
    'per april 2019'
    >>> format_period(Period("2019-05"), locale="en")
    'May 2019'
    """
    babel_locale, language = _resolve(locale)
    texts = _nested(babel_locale, language)
    months = babel_locale.months["stand-alone"]["wide"]
    if style == "as_of":
        return translate(
            "period.as_of",
            locale=texts,
            month=months[period.end.month],
            year=str(period.end.year),
        )
    kind = period.kind
    year = str(period.start.year)
    if kind is PeriodKind.YEAR:
        return year
    if kind is PeriodKind.MONTH:
        return translate("period.month", locale=texts, month=months[period.start.month], year=year)
    if kind is PeriodKind.RANGE:
        return translate(
            "period.range",
            locale=texts,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
    return translate(f"period.{kind.value}", locale=texts, index=period.index, year=year)


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
