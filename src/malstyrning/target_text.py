"""Target text: read the targets people write in plans, and write rules back as sentences.

:func:`parse_target` reads a target as a plan states it ("<250 rec/TIN", "Minst 30 % av
kostnaden", "Fler användarkonton … än 2018", "Kvinnor 29 %, Män 21 %", "(Ja/Nej)") and returns
the rule from :mod:`malstyrning.rules`; :func:`describe` writes any rule as a sentence in
Swedish, English or Norwegian bokmål. For every rule the parser produces,
``parse_target(describe(rule, locale=L), locale=L) == rule``.

>>> rule = parse_target("<250 rec/TIN")
>>> rule == Threshold(comparison=Comparison.LESS_THAN, value=Decimal(250), unit="rec/TIN")
True
>>> describe(rule, locale="en")
'less than 250 rec/TIN'
>>> describe(parse_target("minska med 10 % mot 2015"), locale="sv")
'minska med minst 10\\xa0% jämfört med 2015'
>>> parse_target("at least 30 %", locale="en") == parse_target("Minst 30 % av kostnaden")
True

What the text alone cannot say comes from a :class:`TargetContext`: the indicator's direction
(for a bare "Målvärde: 4,85"), its baseline period (for "ska öka"), the periods of a table's
target columns (for "85 87"), and the plan's names for its series ("alla åldrar").

A text that cannot be read raises :class:`~malstyrning.errors.UnreadableTarget`, which points
at the unread part and suggests the nearest known form.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, NoReturn, TypeVar

import attrs

from malstyrning._frozen import FrozenMap, freeze
from malstyrning._target_tokens import Kind, Token, tokenize
from malstyrning._units import BUILTIN_UNITS
from malstyrning.errors import MalstyrningError, UnknownLocale, UnreadableTarget
from malstyrning.i18n import (
    DEFAULT_LOCALE,
    LocaleLike,
    Message,
    _resolve,
    available_locales,
    catalogue_cache,
    catalogue_section,
)
from malstyrning.periods import Period
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Interpolation,
    Maintain,
    RelativeToReference,
    Rule,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
    registry,
)

__all__ = ["MAX_TARGET_LENGTH", "TargetContext", "UnreadableTarget", "describe", "parse_target"]

T = TypeVar("T")

# The series every plan may name in words; other series are named by their key.


def _periods(value: Iterable[Period | str]) -> tuple[Period, ...]:
    return tuple(item if isinstance(item, Period) else Period.parse(item) for item in value)


def _optional_period(value: Period | str | None) -> Period | None:
    return Period.parse(value) if isinstance(value, str) else value


def _unit_set(units: Iterable[str]) -> frozenset[str]:
    return frozenset(units)


@attrs.frozen(kw_only=True)
class TargetContext:
    """What a target text cannot say by itself: the indicator and plan it belongs to.

    Args:
        direction: the indicator's direction; a bare value ("Målvärde: 4,85") is a floor when
            higher is better (or unknown) and a ceiling when lower is better; "nå nivån för
            2017" needs it.
        unit: the indicator's unit, given to rules whose text states none.
        baseline: the period a change is measured against when the text names none
            ("Fler digitala kallelser ska skickas ut").
        target_periods: the periods of a table's target columns: with them, bare values
            ("85 87") are target levels for those periods, a trajectory.
        series: the plan's names for its series, name → key (``{"alla åldrar": "all_ages"}``);
            names are matched without regard to case. Other names become keys as written.
        units: units the plan declares beyond :data:`~malstyrning.model.BUILTIN_UNITS`.

    >>> TargetContext(direction=Direction.LOWER_IS_BETTER, baseline="2018").baseline
    Period('2018')
    """

    direction: Direction | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Direction))
    )
    unit: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(str))
    )
    baseline: Period | None = attrs.field(
        default=None,
        converter=_optional_period,
        validator=attrs.validators.optional(attrs.validators.instance_of(Period)),
    )
    target_periods: tuple[Period, ...] = attrs.field(default=(), converter=_periods)
    series: FrozenMap[str, str] = attrs.field(factory=FrozenMap, converter=freeze)
    units: frozenset[str] = attrs.field(default=frozenset(), converter=_unit_set)


# -- vocabulary ---------------------------------------------------------------------------

Phrase = tuple[str, ...]


def _phrases(*texts: str) -> tuple[Phrase, ...]:
    return tuple(tuple(text.split()) for text in texts)


@attrs.frozen(kw_only=True)
class _Vocabulary:
    """The words of one language: every phrase a target may be written with.

    Read from the ``[parser]`` table of the language's catalogue (``locales/<code>.toml``),
    so that adding a language is adding a catalogue.
    """

    comparisons: Mapping[Phrase, Comparison]
    more: tuple[Phrase, ...]  # "fler … än 2018"
    fewer: tuple[Phrase, ...]
    than: tuple[Phrase, ...]
    increase: tuple[Phrase, ...]  # verbs: "öka", "ska öka"
    decrease: tuple[Phrase, ...]
    by: tuple[Phrase, ...]  # "med", "by"
    at_least: tuple[Phrase, ...]  # "med minst 10 %"
    versus: tuple[Phrase, ...]  # "jämfört med", "mot"
    to_level: tuple[Phrase, ...]  # "till", "till nivån för"
    year_level: tuple[Phrase, ...]  # "årsnivå", "års nivå"
    reach: tuple[Phrase, ...]  # "nå nivån för"
    maintain: tuple[Phrase, ...]
    answer: tuple[Phrase, ...]  # "svaret"
    yes: tuple[str, ...]
    no: tuple[str, ...]
    yes_no: tuple[str, ...]  # "ja/nej"
    levels: tuple[Phrase, ...]  # "målnivåer"
    level: tuple[Phrase, ...]  # "målnivå"
    above: tuple[Phrase, ...]
    below: tuple[Phrase, ...]
    average: tuple[Phrase, ...]  # "snittet i"
    tolerance: tuple[Phrase, ...]  # "nära målet inom"
    of_target: tuple[Phrase, ...]  # "av målvärdet"
    in_unit: tuple[Phrase, ...]
    equivalent: tuple[Phrase, ...]
    stepwise: tuple[Phrase, ...]
    percent: tuple[Phrase, ...]
    points: tuple[Phrase, ...]
    one: tuple[str, ...]
    all_of: tuple[Phrase, ...]
    any_of: tuple[Phrase, ...]
    k_of: tuple[str, ...]  # "minst {k} av": the words before and after k
    of: tuple[str, ...]
    and_: tuple[str, ...]
    preamble: tuple[Phrase, ...]  # "Målvärde:", "Nationellt mål"
    is_: tuple[str, ...]
    series: Mapping[str, str]  # "kvinnor" → "women"
    period_words: Mapping[str, str]  # "tertial" → "T"
    range_words: tuple[str, ...]  # "to" in "2019-03-01 to 2019-12-31"
    joiners: frozenset[str]  # words that may follow a number without being its unit
    outcome: tuple[Phrase, ...]  # "har minskat": a text that states an outcome, not a target
    references: Mapping[str, str]  # reference series any target may name: "riket"
    numbers: Mapping[str, Decimal]  # number words: "tre" → 3
    forms: tuple[tuple[str, str], ...]  # (example, what it means), for suggestions


# The catalogues name period kinds; a period's text form uses their letters ("2019-T1").
_PERIOD_LETTERS = {"half": "H", "tertial": "T", "quarter": "Q"}
_COMPARISON_NAMES = {comparison.name.lower(): comparison for comparison in Comparison}
_PHRASE_FIELDS = (
    "more",
    "fewer",
    "than",
    "increase",
    "decrease",
    "by",
    "at_least",
    "versus",
    "to_level",
    "year_level",
    "reach",
    "maintain",
    "answer",
    "levels",
    "level",
    "above",
    "below",
    "average",
    "tolerance",
    "of_target",
    "in_unit",
    "equivalent",
    "stepwise",
    "percent",
    "points",
    "all_of",
    "any_of",
    "preamble",
    "outcome",
)
# Lists of single words: catalogue key → field ("and" and "is" are Python keywords).
_WORD_FIELDS = {
    "yes": "yes",
    "no": "no",
    "yes_no": "yes_no",
    "one": "one",
    "of": "of",
    "and": "and_",
    "is": "is_",
    "range_words": "range_words",
}


@catalogue_cache
def _vocabulary(language: str) -> _Vocabulary:
    """The parser's words for ``language``, read once from its catalogue's ``[parser]`` table.

    Raises:
        UnknownLocale: the catalogue has no parser words, or lacks one of them.
    """
    words = catalogue_section(language, "parser")

    def get(key: str) -> Any:
        if key not in words:
            raise UnknownLocale(f"the {language!r} catalogue has no [parser] words for {key!r}")
        return words[key]

    def named(key: str, names: Mapping[str, T]) -> dict[str, T]:
        unknown = sorted(set(get(key)) - set(names))
        if unknown:
            raise UnknownLocale(
                f"the {language!r} catalogue's [parser.{key}] names {', '.join(unknown)}; "
                f"it may name {', '.join(names)}"
            )
        return {text: names[name] for name, texts in get(key).items() for text in texts}

    fields: dict[str, Any] = {field: _phrases(*get(field)) for field in _PHRASE_FIELDS}
    fields.update({field: tuple(get(key)) for key, field in _WORD_FIELDS.items()})
    comparisons = named("comparisons", _COMPARISON_NAMES)
    return _Vocabulary(
        **fields,
        comparisons={tuple(text.split()): comparison for text, comparison in comparisons.items()},
        k_of=tuple(str(get("k_of")).split()),
        series=named("series", {key: key for key in get("series")}),
        period_words=named("periods", _PERIOD_LETTERS),
        joiners=frozenset(get("joiners")),
        references={str(text).casefold(): str(text) for text in get("references")},
        numbers={
            str(word).casefold(): Decimal(value)
            for value, texts in get("numbers").items()
            for word in texts
        },
        forms=tuple((str(example), str(meaning)) for example, meaning in get("forms")),
    )


class _Forms(Mapping[str, tuple[tuple[str, str], ...]]):
    """The forms the parser knows, for suggestions: (example, what it means) per language."""

    def __getitem__(self, language: str) -> tuple[tuple[str, str], ...]:
        return _vocabulary(language).forms

    def __iter__(self) -> Iterator[str]:
        return iter(available_locales())

    def __len__(self) -> int:
        return len(available_locales())


_FORMS = _Forms()

# Care guarantee 0-3-90-90: contact the same day, medical assessment within three days,
# first visit and treatment within 90 days. The keys are those of the embedded examples.
_CARE_GUARANTEE = ("contact_0", "assessment_3", "first_visit_90", "treatment_90")

_COMPARISON_SYMBOLS = {
    "<": Comparison.LESS_THAN,
    ">": Comparison.MORE_THAN,
    "<=": Comparison.AT_MOST,
    "=<": Comparison.AT_MOST,
    "≤": Comparison.AT_MOST,
    ">=": Comparison.AT_LEAST,
    "=>": Comparison.AT_LEAST,
    "≥": Comparison.AT_LEAST,
}
# Symbols that end the text a parser may skip as prose: they belong to some target.
_STRUCTURE = frozenset({";", "%", "‰", "(", ")", *_COMPARISON_SYMBOLS})
# Symbols allowed in the prose after a target ("… av alla ärenden.").
_PROSE_SYMBOLS = frozenset(",.-–—!?/'’\"”“*…")
_SEPARATORS = frozenset({",", ";"})
# Prose before a target ends at these too: "Antal: 5" names no target after a colon.
_PROSE_ENDS = _STRUCTURE | {":"}
_MAX_DEPTH = 12
MAX_TARGET_LENGTH = 2000
"""The longest target text :func:`parse_target` reads, in characters (the longest target in
the seeds has about 200). Longer texts are refused at once with
:class:`~malstyrning.errors.UnreadableTarget`; pass ``max_length`` to read longer ones."""
# Work per token: every reading is bounded by the text's length times this (a backstop; the
# parser's forward scans are remembered, so real texts stay far below it).
_STEPS_PER_TOKEN = 400
_STEPS_AT_LEAST = 20_000
# Calendar periods a trailing period makes a deadline of ("minst 90 % 2020").
_DEADLINE_KINDS = frozenset({"year", "half", "tertial", "quarter", "month"})


class _Fail(Exception):
    """One reading failed at a token; the furthest failure becomes the error."""


class _Fatal(_Fail):
    """The text is recognisably a target but breaks a rule: no other reading is tried."""


@attrs.frozen
class _Quantity:
    value: Decimal
    unit: str | None
    points: bool = False  # "procentenheter": an absolute amount in a percent unit

    @property
    def relative(self) -> bool:
        return self.unit == "%" and not self.points


@attrs.frozen
class _Part:
    rule: Rule
    labels: tuple[str, ...]  # the series this part names (several: "0:an och 3:an")


class _Parser:
    """A recursive-descent parser over the tokens; every method returns the next position."""

    def __init__(self, text: str, locale: str, context: TargetContext) -> None:
        self.text = text
        self.locale = locale
        self.context = context
        self.words = _vocabulary(locale)
        self.tokens = tokenize(text, locale=locale)
        self.words_lower: list[str | None] = [
            token.lower if token.kind is Kind.WORD else None for token in self.tokens
        ]
        self.furthest = -1
        self.expected = ""
        units = {*BUILTIN_UNITS, *context.units}
        if context.unit:
            units.add(context.unit)
        self.units = {unit.casefold(): unit for unit in units}
        self.series = {**self.words.series, **{k.casefold(): v for k, v in context.series.items()}}
        self.references = {**self.words.references, **self.series}
        self.months = _month_names(locale)
        self.depth = 0
        self.start = 0  # where the reading began: later than 0 when prose came first
        self.recognised = False  # whether an earlier start read a form and then failed
        self.candidates: tuple[str, ...] = ()
        self.steps = max(_STEPS_AT_LEAST, _STEPS_PER_TOKEN * len(self.tokens))
        # Forward scans remembered by (what, position): each token is scanned once per form,
        # which keeps the whole reading linear in the text's length.
        self.scans: dict[tuple[object, ...], tuple[Any, int]] = {}
        self.prose_end: list[int] | None = None
        self.series_words: list[tuple[int, int]] | None = None
        self.dangling: list[tuple[int, int]] | None = None
        self.paren_at: list[int] | None = None

    # -- helpers ----------------------------------------------------------------------------

    def miss(self) -> NoReturn:
        """This form does not start here: not worth reporting."""
        raise _Fail

    def fail(self, at: int, expected: str) -> NoReturn:
        if at >= self.furthest:
            self.furthest, self.expected = at, expected
        raise _Fail

    def ambiguous(self, at: int, expected: str, *candidates: str) -> NoReturn:
        """The text reads more than one way here: say so with the readings, never pick one."""
        self.candidates = candidates
        self.fatal(at, expected)

    def token(self, at: int) -> Token | None:
        return self.tokens[at] if at < len(self.tokens) else None

    def word(self, at: int) -> str | None:
        return self.words_lower[at] if 0 <= at < len(self.words_lower) else None

    def symbol(self, at: int, *symbols: str) -> bool:
        token = self.token(at)
        return token is not None and token.kind is Kind.SYMBOL and token.text in symbols

    def phrase(self, at: int, phrases: Iterable[Phrase]) -> int | None:
        """The position after the longest phrase that starts at ``at``, or None."""
        lowers = self.words_lower
        if not 0 <= at < len(lowers) or lowers[at] is None:
            return None
        first = lowers[at]
        best: int | None = None
        for phrase in phrases:
            # The first word rules out nearly every phrase: test it alone first.
            if phrase[0] != first or lowers[at : at + len(phrase)] != list(phrase):
                continue
            end = at + len(phrase)
            best = end if best is None or end > best else best
        return best

    def expect_phrase(self, at: int, phrases: Sequence[Phrase], what: str) -> int:
        end = self.phrase(at, phrases)
        if end is None:
            self.fail(at, what)
        return end

    # -- what a rule kind's own reader may use (rules.TextReader) ---------------------------

    def words_at(self, at: int, name: str) -> int | None:
        """The position after the catalogue phrase ``name`` ("band.between") at ``at``."""
        kind_name, _, key = name.partition(".")
        try:
            section = catalogue_section(self.locale, f"parser.rules.{kind_name}")
        except UnknownLocale:
            return None  # the form is not written in this language
        phrases = section.get(key, ())
        return self.phrase(at, tuple(tuple(text.split()) for text in phrases))

    def expect(self, at: int, name: str, what: str) -> int:
        """Like :meth:`words`, but a failure that names ``what``."""
        end = self.words_at(at, name)
        if end is None:
            self.fail(at, what)
        return end

    def number(self, at: int) -> tuple[Decimal, str | None, int]:
        """A number and its optional unit: value, unit, the position after them."""
        amount, end = self.quantity(at)
        if amount.points:
            self.fail(at, "a value (percentage points apply to changes)")
        return amount.value, amount.unit, end

    def fatal(self, at: int, expected: str) -> NoReturn:
        self.furthest, self.expected = at, expected
        raise _Fatal

    def attempt(self, parse: Callable[[], T]) -> T | None:
        self.steps -= 1
        if self.steps < 0:
            self.fatal(0, "a simpler target (the text reads too many ways to try them all)")
        try:
            return parse()
        except _Fatal:
            raise
        except _Fail:
            return None

    def build(self, at: int, make: Callable[[], T], what: str) -> T:
        """Construct a value; the rules' own checks become a failure at ``at``."""
        try:
            return make()
        except (MalstyrningError, ValueError, ArithmeticError) as error:
            self.fail(at, f"{what} ({error})")

    def comparison(self, at: int) -> tuple[Comparison, int] | None:
        token = self.token(at)
        if token is not None and token.kind is Kind.SYMBOL and token.text in _COMPARISON_SYMBOLS:
            return _COMPARISON_SYMBOLS[token.text], at + 1
        best: tuple[Comparison, int] | None = None
        for phrase, comparison in self.words.comparisons.items():
            end = self.phrase(at, (phrase,))
            if end is not None and (best is None or end > best[1]):
                best = (comparison, end)
        return best

    # -- the whole text ---------------------------------------------------------------------

    def parse(self) -> Rule:
        if not self.tokens:
            self.fail(0, "a target, e.g. " + _FORMS[self.locale][1][0])
        self.outcome()
        first: tuple[int, str] | None = None
        furthest = (-1, "")
        for start in range(len(self.tokens)):
            self.furthest, self.expected = -1, ""
            self.start, self.recognised = start, first is not None
            found = self.attempt(functools.partial(self.target, start))
            if found is not None:
                return _with_context_unit(found, self.context.unit)
            # Report the first reading that recognised a form and got past its first word.
            if first is None and self.furthest > start:
                first = (self.furthest, self.expected)
            furthest = max(furthest, (self.furthest, self.expected), key=lambda f: f[0])
            token = self.tokens[start]
            if token.kind is Kind.SYMBOL and token.text in _PROSE_ENDS:
                break  # prose before a target holds no structure of its own
        self.furthest, self.expected = first or furthest
        raise _Fail

    def target(self, start: int) -> Rule:
        at = self.preamble(start)
        forms: tuple[Callable[[int], tuple[Rule, int]], ...] = (
            self.composite,
            self.care_guarantee,
            self.bare_levels,
        )
        for form in forms:
            found = self.attempt(functools.partial(form, at))
            if found is not None:
                rule, end = found
                self.prose(end)
                return rule
        rule, end = self.parts(at)
        self.prose(end)
        return rule

    def outcome(self) -> None:
        """A text that says what happened ("har minskat från 6,5 till 5,7 %") is no target."""
        phrases = self.words.outcome
        for position in range(len(self.tokens)):
            end = self.phrase(position, phrases)
            if end is not None:
                said = self.text[self.tokens[position].start : self.tokens[end - 1].end]
                self.ambiguous(
                    position,
                    f"a target, not an outcome ({said!r} says what happened)",
                    "an outcome: give it as a measurement",
                    "a target: write what shall hold, e.g. " + repr(_FORMS[self.locale][4][0]),
                )

    def preamble(self, at: int) -> int:
        """Skip "Målvärde:", "Målvärde 2019:", "Målvärdet är", "Nationellt mål".

        A heading before the preamble ("Antibiotika: Nationellt mål <250") is skipped too: the
        preamble says that what follows the colon is the target, not a series.
        """
        colon = self.colon_after_name(at)
        if (
            colon is not None
            and self.phrase(colon + 1, self.words.preamble) is not None
            and not self.starts_rule(colon + 1)
            and self.name(at, colon).casefold() not in self.series
        ):
            at = colon + 1
        end = self.phrase(at, self.words.preamble)
        if end is None or self.starts_rule(at):
            return at
        token = self.token(end)
        if token is not None and token.year is not None:
            end += 1
        if self.symbol(end, ":") or self.word(end) in self.words.is_:
            end += 1
        return end

    def prose(self, at: int) -> None:
        """The rest of the text may only be words about the target, not another target."""
        if self.prose_end is None:
            # From each position, the first token that is no prose (one pass, from the end).
            verbs = {p[0] for p in (*self.words.increase, *self.words.decrease)}
            verbs.update(self.words.yes_no)
            ends = [len(self.tokens)] * (len(self.tokens) + 1)
            for position in range(len(self.tokens) - 1, -1, -1):
                token = self.tokens[position]
                word = token.kind is Kind.WORD and token.lower not in verbs
                if word or (token.kind is Kind.SYMBOL and token.text in _PROSE_SYMBOLS):
                    ends[position] = ends[position + 1]
                else:
                    ends[position] = position
            self.prose_end = ends
        position = self.prose_end[min(at, len(self.tokens))]
        named = self.series_word(at, position)
        if named is not None:
            # "Kvinnor 5 %, män" or "minst 29 kvinnor": a series without its value, or a
            # unit that is also a series' name. Dropping the word would change the target.
            spot, end = named
            written = self.name(spot, end)
            self.ambiguous(
                spot,
                f"the end of the target, not the series {written!r} without a value",
                f"a target for the series {written!r}: give its value{self.series_example()}",
                f"a unit {written!r}: declare it in the context's units",
                "a note: leave it out of the target text",
            )
        dangling = self.dangling_comparison()
        if dangling is not None and at <= dangling[0] < position:
            self.fail(dangling[1], "a value after the comparison, or the end of the target")
        if position < len(self.tokens):
            self.fail(position, "the end of the target")

    def dangling_comparison(self) -> tuple[int, int] | None:
        """A comparison that only symbols follow (its start and end), found once per text.

        "minst 5 % eller minst": it begins a second target without its value. Inside prose,
        followed by words, "över" and "under" are prepositions.
        """
        if self.dangling is None:
            last = len(self.tokens)
            while last > 0 and self.tokens[last - 1].kind is Kind.SYMBOL:
                last -= 1
            longest = max((len(phrase) for phrase in self.words.comparisons), default=0)
            found = [
                (spot, last)
                for spot in range(max(0, last - longest), last)
                if self.phrase(spot, self.words.comparisons) == last
            ]
            self.dangling = found[:1]
        return self.dangling[0] if self.dangling else None

    def series_example(self) -> str:
        """The language's example of one target per series, as ", e.g. ..." (or nothing)."""
        for example, _ in self.words.forms:
            if example.split()[0].rstrip(":").casefold() in self.words.series:
                return f", e.g. {example!r}"
        return ""

    def series_word(self, at: int, end: int) -> tuple[int, int] | None:
        """The first series name without a value from ``at`` to ``end``: start, position after."""
        if self.series_words is None:
            # "totalt", "total" are everyday words too ("4 732 timmar totalt"): the total
            # series is named before its value or not at all.
            names = tuple(
                tuple(name.split()) for name, key in self.series.items() if key != "total"
            )
            # A name followed by ':' introduces its target; that reading failed elsewhere.
            self.series_words = [
                (spot, found)
                for spot in range(len(self.tokens))
                if (found := self.phrase(spot, names)) is not None
                and not self.symbol(found, ":", ";")
            ]
        # Sorted by position: the first one at or after ``at``, in logarithmic time (the
        # parser asks once per reading, and must stay linear in the text's length).
        index = bisect.bisect_left(self.series_words, (at, -1))
        if index < len(self.series_words) and self.series_words[index][0] < end:
            return self.series_words[index]
        return None

    def scan(
        self, what: object, at: int, probe: Callable[[int], T], *, past_end: bool = False
    ) -> tuple[T | None, int]:
        """The first reading ``probe`` finds from ``at`` on, before any structure symbol.

        Returns the reading (or None) and the position where the scan stopped. Results are
        remembered for every position passed, so that scans from later starts cost nothing.
        """
        last = len(self.tokens) if past_end else len(self.tokens) - 1
        passed: list[int] = []
        position = at
        result: tuple[Any, int] = (None, position)
        while True:
            known = self.scans.get((what, position))
            if known is not None:
                result = known
                break
            if position > last:
                result = (None, position)
                break
            passed.append(position)
            found = self.attempt(functools.partial(probe, position))
            if found is not None:
                result = (found, position)
                break
            token = self.token(position)
            if token is None or (token.kind is Kind.SYMBOL and token.text in _STRUCTURE):
                result = (None, position)
                break
            position += 1
        for position in passed:
            self.scans[(what, position)] = result
        return result

    # -- several targets --------------------------------------------------------------------

    def parts(self, at: int) -> tuple[Rule, int]:
        first, end = self.part(at)
        parts = [first]
        starts = [at]
        while True:
            start = end
            if self.symbol(start, *_SEPARATORS) or self.word(start) in self.words.and_:
                start += 1
            found = self.attempt(functools.partial(self.part, start))
            if found is None:
                break
            parts.append(found[0])
            starts.append(start)
            end = found[1]
        if len(parts) == 1:
            return _series_rule(first), end
        for part, start in zip(parts, starts, strict=True):
            if not part.labels:
                self.fatal(start, "the series of each target (e.g. 'kvinnor 29 %, män 21 %')")
        rules = [rule for part in parts for rule in _series_rules(part)]
        return Composite(rules=tuple(rules)), end

    def part(self, at: int) -> tuple[_Part, int]:
        """One target with the series it names before (``Kvinnor: 29 %``) or after it."""
        found = self.leading_label(at)
        if found is not None:
            label, at = found
            if self.depth >= _MAX_DEPTH:
                self.fail(at, "less nesting")
            self.depth += 1
            try:
                inner, end = self.part(at)  # "kvinnor: över_65: minst 5"
            finally:
                self.depth -= 1
            return _Part(_series_rule(inner), (label,)), end
        rule, end = self.rule(at)
        rule, end, trailing = self.suffixes(rule, end)
        return _Part(rule, () if trailing is None else (trailing,)), end

    def leading_label(self, at: int) -> tuple[str, int] | None:
        if self.starts_rule(at):
            return None
        # A known series name, with or without a colon ("Kvinnor 29 %", "Kvinnor; 5,4%").
        for name, key in self.series.items():
            end = self.phrase(at, (tuple(name.split()),))
            if end is not None:
                if self.symbol(end, ":", ";"):
                    return key, end + 1
                if self.starts_rule(end):
                    return key, end
        # Any name followed by a colon ("all_ages: minst 5").
        end = self.colon_after_name(at)
        if end is None:
            return None
        name = self.name(at, end)
        if name.casefold() not in self.series:
            # Not a series the indicator has: saying so beats reading a clause as a series.
            known = ", ".join(sorted(self.series_names()))
            self.ambiguous(
                at,
                f"a series of the indicator before ':' ({known}), not {name!r}",
                f"a series named {name!r}: add it to the indicator's series",
                "a target without the prefix",
            )
        return self.series[name.casefold()], end + 1

    def colon_after_name(self, at: int) -> int | None:
        """The position of the ':' after a name of up to eight words at ``at``, or None."""
        end = at
        while end < min(len(self.tokens), at + 8):
            token = self.tokens[end]
            if token.kind is Kind.SYMBOL and token.text == ":":
                return None if end == at else end
            if token.kind in (Kind.DATE, Kind.PERIOD) or (
                token.kind is Kind.SYMBOL and token.text not in "-_./"
            ):
                return None
            end += 1
        return None

    def name(self, at: int, end: int) -> str:
        """The text of the tokens from ``at`` up to ``end``, as written."""
        return self.text[self.tokens[at].start : self.tokens[end - 1].end]

    def series_names(self) -> set[str]:
        return set(self.series)

    def starts_rule(self, at: int) -> bool:
        token = self.token(at)
        if token is None:
            return False
        if token.kind in (Kind.NUMBER, Kind.DATE) or token.text in _COMPARISON_SYMBOLS:
            return True
        if token.kind is Kind.SYMBOL:
            return token.text == "("
        words = self.words
        keyword_sets: tuple[Iterable[Phrase], ...] = (
            words.comparisons,
            words.more,
            words.fewer,
            words.increase,
            words.decrease,
            words.reach,
            words.maintain,
            words.answer,
            words.levels,
            words.level,
            words.all_of,
            words.any_of,
        )
        if any(self.phrase(at, phrases) is not None for phrases in keyword_sets):
            return True
        return token.lower in words.yes_no

    def suffixes(self, rule: Rule, at: int) -> tuple[Rule, int, str | None]:
        """Parenthesised additions: tolerance, unit, baseline value, stepwise, series name."""
        label: str | None = None
        seen: set[str] = set()
        while True:
            equivalent = self.phrase(at, self.words.equivalent)
            if equivalent is not None and "equivalent" not in seen:
                rule, at = self.baseline_value(rule, equivalent)
                seen.add("equivalent")
                continue
            if not self.symbol(at, "("):
                return rule, at, label
            inner = at + 1
            for kind, parse in (
                ("tolerance", self.tolerance_suffix),
                ("unit", self.unit_suffix),
                ("equivalent", self.equivalent_suffix),
                ("stepwise", self.stepwise_suffix),
            ):
                if kind in seen:
                    continue
                found = self.attempt(functools.partial(parse, rule, inner))
                if found is not None:
                    rule, at = found
                    seen.add(kind)
                    break
            else:
                if label is not None or self.symbol(inner, ")"):
                    return rule, at, label
                close = self.next_paren(inner)
                if not self.symbol(close, ")"):
                    return rule, at, label
                found_period = self.attempt(functools.partial(self.period, inner))
                if found_period is not None and found_period[1] == close:
                    return rule, at, label  # "(2022)" is a period, not a series
                name = self.text[self.tokens[inner].start : self.tokens[close - 1].end]
                if self.tokens[inner].kind in (Kind.PERIOD, Kind.DATE):
                    self.period(inner)  # a period that cannot be ("2019-T4") says why
                if name.casefold() not in self.series:
                    # A misspelt clause ("(nära målet inon 5 %)") is no series name.
                    known = ", ".join(sorted(self.series_names()))
                    self.ambiguous(
                        inner,
                        f"a series of the indicator ({known}) or a known clause, not {name!r}",
                        f"a series named {name!r}: add it to the indicator's series",
                        "a clause: " + _clauses(self.words),
                    )
                label = self.series[name.casefold()]
                at = close + 1

    def next_paren(self, at: int) -> int:
        """The position of the first parenthesis at or after ``at`` (the end if none)."""
        if self.paren_at is None:
            found = [len(self.tokens)] * (len(self.tokens) + 1)
            for position in range(len(self.tokens) - 1, -1, -1):
                paren = self.symbol(position, "(", ")")
                found[position] = position if paren else found[position + 1]
            self.paren_at = found
        return self.paren_at[min(at, len(self.tokens))]

    def close(self, at: int) -> int:
        if not self.symbol(at, ")"):
            self.fail(at, "')'")
        return at + 1

    def tolerance_suffix(self, rule: Rule, at: int) -> tuple[Rule, int]:
        at = self.expect_phrase(at, self.words.tolerance, "a tolerance")
        amount, at = self.quantity(at)
        relative = False
        of_target = self.phrase(at, self.words.of_target)
        if of_target is not None:
            if not amount.relative:
                self.fail(at, "a tolerance in percent of the target value")
            relative, at = True, of_target
        elif amount.unit is not None:
            rule = self.set_unit(rule, amount.unit, at)
        at = self.close(at)
        tolerance = self.build(
            at, lambda: Tolerance(amount.value, relative=relative), "a tolerance above zero"
        )
        if not hasattr(rule, "tolerance") or getattr(rule, "tolerance", None) is not None:
            self.fail(at, "a rule that takes a tolerance")
        return _evolve(rule, tolerance=tolerance), at

    def unit_suffix(self, rule: Rule, at: int) -> tuple[Rule, int]:
        at = self.expect_phrase(at, self.words.in_unit, "a unit")
        unit, at = self.unit(at)
        if unit is None:
            self.fail(at, "a unit")
        return self.set_unit(rule, unit, at), self.close(at)

    def equivalent_suffix(self, rule: Rule, at: int) -> tuple[Rule, int]:
        at = self.expect_phrase(at, self.words.equivalent, "a baseline value")
        rule, at = self.baseline_value(rule, at)
        return rule, self.close(at)

    def baseline_value(self, rule: Rule, at: int) -> tuple[Rule, int]:
        if not isinstance(rule, Change) or rule.baseline_value is not None:
            self.fail(at, "a change against a baseline")
        amount, end = self.quantity(at)
        if amount.points:
            self.fail(at, "a baseline value")
        if amount.unit is not None:
            rule = self.set_unit(rule, amount.unit, at)
        return _evolve(rule, baseline_value=amount.value), end

    def stepwise_suffix(self, rule: Rule, at: int) -> tuple[Rule, int]:
        at = self.expect_phrase(at, self.words.stepwise, "'stegvis'")
        if not isinstance(rule, Trajectory) or rule.interpolation is Interpolation.STEP:
            self.fail(at, "target levels")
        return attrs.evolve(rule, interpolation=Interpolation.STEP), self.close(at)

    def set_unit(self, rule: Rule, unit: str, at: int) -> Rule:
        kind: Any = type(rule)  # an attrs class, which mypy cannot know of a Rule subclass
        if "unit" not in attrs.fields_dict(kind):
            # "(Ja/Nej) (i %)": an answer or a composite states no unit of its own, so the
            # clause is no unit clause (the text is refused as an unknown clause).
            self.miss()
        current = rule.unit
        if current is None:
            return _evolve(rule, unit=unit)
        if current != unit:
            self.fail(at, f"the same unit as the target ({current})")
        return rule

    # -- composites ---------------------------------------------------------------------------

    def composite(self, at: int) -> tuple[Composite, int]:
        words = self.words
        mode, k = CompositeMode.ALL, None
        end = self.phrase(at, words.all_of)
        if end is None:
            end = self.phrase(at, words.any_of)
            mode = CompositeMode.ANY
        if end is None:
            end = self.phrase(at, (words.k_of,))
            token = self.token(end) if end is not None else None
            if end is None or token is None or token.kind is not Kind.NUMBER:
                self.miss()
            assert token.number is not None
            k, mode = int(token.number), CompositeMode.AT_LEAST
            if token.number != k:
                self.fail(end, "a whole number of parts")
            end = self.expect_phrase(end + 1, (words.of,), "'av'")
        if not self.symbol(end, ":"):
            self.fail(end, "':' after a composite's mode")
        rules: list[Rule] = []
        at = end + 1
        while True:
            rule, at = self.composite_part(at)
            rules.append(rule)
            if not self.symbol(at, ";"):
                break
            at += 1
        return self.build(at, lambda: Composite(rules=tuple(rules), mode=mode, k=k), "k"), at

    def composite_part(self, at: int) -> tuple[Rule, int]:
        part, end = self.part(at)
        return _series_rule(part), end

    def group(self, at: int) -> tuple[Rule, int]:
        if self.depth >= _MAX_DEPTH:
            self.fail(at, "less nesting")
        self.depth += 1
        try:
            rule, end = self.composite(at + 1)
        finally:
            self.depth -= 1
        return rule, self.close(end)

    def care_guarantee(self, at: int) -> tuple[Composite, int]:
        """The care guarantee 0-3-90-90: "0:an och 3:an 100 %, 90 och 90: 90 %"."""
        if self.word(at) != "0:an":
            self.miss()
        if self.word(at + 1) not in self.words.and_ or self.word(at + 2) != "3:an":
            self.fail(at + 1, "'och 3:an'")
        early, at = self.quantity(at + 3)
        if self.symbol(at, *_SEPARATORS):
            at += 1
        for offset in (0, 2):
            token = self.token(at + offset)
            if token is None or token.number != 90 or not token.plain:
                self.fail(at + offset, "'90 och 90'")
        if self.word(at + 1) not in self.words.and_:
            self.fail(at + 1, "'och'")
        at += 3
        if self.symbol(at, ":"):
            at += 1
        late, at = self.quantity(at)
        rules = tuple(
            SeriesTarget(
                series=key,
                rule=Threshold(comparison=Comparison.AT_LEAST, value=value.value, unit=value.unit),
            )
            for key, value in zip(_CARE_GUARANTEE, (early, early, late, late), strict=True)
        )
        return Composite(rules=rules), at

    # -- trajectories -----------------------------------------------------------------------

    def bare_levels(self, at: int) -> tuple[Trajectory, int]:
        """Bare values under a table's target columns ("85 87" for 2022 and 2024)."""
        periods = self.context.target_periods
        if not periods:
            self.miss()
        values = []
        for _ in periods:
            value, at = self.quantity(at)
            values.append(value)
        return self.trajectory(at, list(zip(periods, values, strict=True))), at

    def trajectory(self, at: int, levels: list[tuple[Period, _Quantity]]) -> Trajectory:
        units = {value.unit for _, value in levels if value.unit is not None}
        if len(units) > 1 or any(value.points for _, value in levels):
            self.fail(at, "one unit for every target level")
        unit = units.pop() if units else None
        return self.build(
            at,
            lambda: Trajectory(
                levels=tuple(TargetLevel(period, value.value) for period, value in levels),
                unit=unit,
            ),
            "target levels in time order",
        )

    def levels(self, at: int) -> tuple[Trajectory, int]:
        """Levels: "målnivåer 85 (2022), 87 (2024)" or "målnivå 2022: 85, målnivå 2024: 87"."""
        levels: list[tuple[Period, _Quantity]] = []
        end = self.phrase(at, self.words.levels)
        if end is not None:
            at = end
            while True:
                value_at = at
                value, at = self.quantity(at)
                if not self.symbol(at, "("):
                    self.fail(at, "the period of a target level, e.g. '(2022)'")
                period, at = self.period(at + 1)
                at = self.close(at)
                if levels and not levels[-1][0].end < period.start:
                    self.fatal(value_at, "target levels in time order without overlap")
                levels.append((period, value))
                if not self.symbol(at, ","):
                    break
                if self.attempt(functools.partial(self.quantity, at + 1)) is None:
                    break
                at += 1
            return self.trajectory(at, levels), at
        # "målnivå 2022: 85, målnivå 2024: 87" (the caller found the first "målnivå").
        end = self.phrase(at, self.words.level)
        while end is not None:
            period, at = self.period(end)
            if self.symbol(at, ":"):
                at += 1
            value, at = self.quantity(at)
            levels.append((period, value))
            following = at + 1 if self.symbol(at, ",") or self.word(at) in self.words.and_ else at
            end = self.phrase(following, self.words.level)
        return self.trajectory(at, levels), at

    # -- single rules -----------------------------------------------------------------------

    def rule(self, at: int) -> tuple[Rule, int]:
        words = self.words
        token = self.token(at)
        if token is None:
            self.fail(at, "a target")
        # Forms of their own that rule kinds read (a band: "mellan 85 och 95 %").
        for rule_kind in registry().values():
            found_own = self.attempt(functools.partial(rule_kind.read, self, at))
            if found_own is not None:
                return found_own
        if self.symbol(at, "("):
            if self.word(at + 1) in words.yes_no and self.symbol(at + 2, ")"):
                return YesNo(), at + 3
            return self.group(at)
        if token.lower in words.yes_no:
            return YesNo(), at + 1
        if self.phrase(at, (*words.levels, *words.level)) is not None:
            return self.levels(at)
        if self.phrase(at, (*words.all_of, *words.any_of, words.k_of)) is not None:
            found = self.attempt(functools.partial(self.composite, at))
            if found is not None:
                return found
        end = self.phrase(at, words.answer)
        if end is not None:
            if self.word(end) in words.yes:
                return YesNo(expected=True), end + 1
            if self.word(end) in words.no:
                return YesNo(expected=False), end + 1
            self.fail(end, "'ja' or 'nej'")
        end = self.phrase(at, words.maintain)
        if end is not None:
            value, end = self.quantity(end)
            if value.points:
                self.fail(end, "a level")
            return Maintain(level=value.value, unit=value.unit), end
        end = self.phrase(at, words.reach)
        if end is not None:
            return self.reach(at, end)
        found_comparison = self.comparison(at)
        if found_comparison is not None:
            compared = self.attempt(functools.partial(self.compared, *found_comparison))
            if compared is not None:
                return compared
        for phrases, direction in (
            (words.increase, Direction.HIGHER_IS_BETTER),
            (words.decrease, Direction.LOWER_IS_BETTER),
        ):
            end = self.phrase(at, phrases)
            if end is not None:
                return self.verb_change(end, direction)
        for phrases, direction in (
            (words.more, Direction.HIGHER_IS_BETTER),
            (words.fewer, Direction.LOWER_IS_BETTER),
        ):
            end = self.phrase(at, phrases)
            if end is not None:
                return self.more_than_baseline(end, direction)
        if token.kind is Kind.NUMBER:
            value, end = self.quantity(at)
            if value.points:
                self.fail(at, "a target value")
            if self.start > 0:
                self.bare_value_after_prose(at, token, value)
            down = self.context.direction is Direction.LOWER_IS_BETTER
            comparison = Comparison.AT_MOST if down else Comparison.AT_LEAST
            return Threshold(comparison=comparison, value=value.value, unit=value.unit), end
        if found_comparison is not None:
            return self.compared(*found_comparison)  # fails again, to report what it expected
        return self.miss()

    def bare_value_after_prose(self, at: int, token: Token, value: _Quantity) -> None:
        """A number inside a sentence is a target value only with its unit ("i 80 procent").

        Without one it may as well be a year or an outcome ("jämfört med 2016", "från 6,5"):
        the text does not say, so it is not read.
        """
        words = self.words
        baseline_words = (*words.versus, *words.than, *words.to_level)
        after_baseline_word = any(
            len(p) <= at and self.phrase(at - len(p), (p,)) == at for p in baseline_words
        )
        if token.year is not None or after_baseline_word:
            self.ambiguous(
                at,
                f"a comparison before the value or a baseline word before the year "
                f"(e.g. {_FORMS[self.locale][3][0]!r})",
                f"a baseline period {token.text}",
                f"a target value {token.text}",
            )
        if value.unit is None or self.recognised:
            # Without a unit, or after a form that failed ("minst 5 % över X"), the number
            # is part of that sentence, not a target of its own.
            self.fail(at, "a comparison before the value (e.g. 'minst 5') or its unit")

    def compared(self, comparison: Comparison, at: int) -> tuple[Rule, int]:
        """What follows "minst", "<", "fler än": a value, a baseline period or a reference."""
        words = self.words
        if not comparison.inclusive:
            start = self.phrase(at, words.in_unit) or at
            found = self.attempt(functools.partial(self.period, start))
            if found is not None and self.unit_at(found[1]) is None:
                period, end = found
                return Change(baseline=period, direction=comparison.direction), end
        token = self.token(at)
        if (
            token is not None
            and token.kind is Kind.WORD
            and token.lower in words.one
            and self.word(at + 1) not in words.of
        ):
            return Threshold(comparison=comparison, value=Decimal(1)), at + 1
        if token is not None and self.is_number(at):
            value, end = self.quantity(at)
            side = self.phrase(end, words.above)
            sign = 1
            if side is None:
                side = self.phrase(end, words.below)
                sign = -1
            if side is not None:
                if sign < 0:
                    # "högst 5 % under riket" is at least riket less 5 %.
                    comparison = comparison.mirrored()
                reference, end = self.reference(side)
                return self.reference_rule(comparison, reference, value, sign), end
            if value.points:
                self.fail(at, "a value (percentage points apply to changes)")
            deadline = self.deadline(end)
            if deadline is not None:
                return self.level_by(comparison, value, *deadline)
            found = self.attempt(functools.partial(self.period, end))
            if found is not None:
                end = found[1]  # the period a count is taken over: the outcome's own period
            return Threshold(comparison=comparison, value=value.value, unit=value.unit), end
        reference, end = self.reference(at)
        return RelativeToReference(reference=reference, comparison=comparison), end

    def deadline(self, at: int) -> tuple[Period, int, int] | None:
        """A calendar period after a value, bare or in parentheses: "2020", "(2019-T4)"."""
        inner = at + 1 if self.symbol(at, "(") else at
        found = self.attempt(functools.partial(self.period, inner))
        if found is None or found[0].kind.value not in _DEADLINE_KINDS:
            return None
        period, end = found
        if inner > at:
            if not self.symbol(end, ")"):
                return None
            end += 1
        return period, at, end

    def level_by(
        self, comparison: Comparison, value: _Quantity, period: Period, at: int, end: int
    ) -> tuple[Trajectory, int]:
        """A value by a deadline ("minst 90 % 2020"): a trajectory's target level."""
        direction = self.context.direction
        if not comparison.inclusive or (
            direction is not None and direction is not comparison.direction
        ):
            self.ambiguous(
                at,
                "a target level by a deadline ('minst' for an indicator where higher is "
                "better, 'högst' where lower is)",
                f"a target level {value.value} by {period}",
                f"a threshold {value.value} measured over {period}",
            )
        rule = self.trajectory(at, [(period, value)])
        return rule, end

    def reference_rule(
        self, comparison: Comparison, reference: str, value: _Quantity, sign: int
    ) -> RelativeToReference:
        return RelativeToReference(
            reference=reference,
            comparison=comparison,
            margin=sign * value.value,
            relative=value.relative,
            unit=None if value.relative else value.unit,
        )

    def reference(self, at: int) -> tuple[str, int]:
        end = self.phrase(at, self.words.average)
        at = at if end is None else end
        token = self.token(at)
        if token is None or token.kind is not Kind.WORD or self.starts_rule(at):
            self.fail(at, "a value, a period or a reference series (e.g. 'riket')")
        # Longest known name first: "the country", "personer över 65 år".
        best: tuple[str, int] | None = None
        for name, key in self.references.items():
            end = self.phrase(at, (tuple(name.split()),))
            if end is not None and (best is None or end > best[1]):
                best = (key, end)
        if best is None:
            known = ", ".join(sorted(self.references))
            self.fail(at, f"a value, a period or a reference series ({known})")
        return best

    def reach(self, at: int, end: int) -> tuple[Change, int]:
        period, end = self.period(end)
        direction = self.context.direction
        if direction is None:
            self.fatal(at, "'öka' or 'minska' (or a context with the indicator's direction)")
        return Change(baseline=period, direction=direction, by=Decimal(0)), end

    def verb_change(self, at: int, direction: Direction) -> tuple[Change, int]:
        """A verb: "öka med 10 % mot 2015", "minska … till 2017 årsnivå", "ska öka"."""
        tail = functools.partial(self.change_tail, direction=direction)
        found, position = self.scan(("change", direction), at, tail, past_end=True)
        if found is not None:
            return found
        baseline = self.context.baseline
        if baseline is None:
            self.fail(
                position,
                "a baseline period (e.g. 'jämfört med 2018'), or a context with a baseline",
            )
        # The words after the verb describe what changes ("Öka andelen sjukintyg …").
        return Change(baseline=baseline, direction=direction), at

    def change_tail(self, at: int, *, direction: Direction) -> tuple[Change, int]:
        words = self.words
        end = self.phrase(at, words.by)
        if end is not None and self.token(end) is not None:
            end = self.phrase(end, words.at_least) or end
            amount_at = end
            amount, end = self.quantity(end)
            if amount.value < 0:
                self.fatal(
                    amount_at, "an amount of change without a sign (the verb says which way)"
                )
            versus = self.phrase(end, words.versus)
            if versus is not None:
                period, end = self.period(versus)
            elif self.context.baseline is not None:
                period = self.context.baseline
            else:
                self.fail(end, "a baseline period (e.g. 'jämfört med 2018')")
            return Change(
                baseline=period,
                direction=direction,
                by=amount.value,
                relative=amount.relative,
                unit=None if amount.relative else amount.unit,
            ), end
        end = self.phrase(at, words.to_level)
        if end is not None:
            period, end = self.period(end)
            end = self.phrase(end, words.year_level) or end
            return Change(baseline=period, direction=direction, by=Decimal(0)), end
        end = self.phrase(at, words.than) or self.phrase(at, words.versus)
        if end is not None:
            period, end = self.period(end)
            return Change(baseline=period, direction=direction), end
        return self.miss()

    def more_than_baseline(self, at: int, direction: Direction) -> tuple[Change, int]:
        """More than a year: "Fler användarkonton i 1177 Vårdguidens e-tjänster än 2018"."""
        found, position = self.scan("than", at, self.than_period)
        if found is not None:
            return Change(baseline=found[0], direction=direction), found[1]
        if self.context.baseline is not None:
            # "Fler digitala kallelser ska skickas ut": more than in the plan's baseline.
            return Change(baseline=self.context.baseline, direction=direction), at
        return self.fail(position, "'än' and a baseline year (e.g. 'fler än 2018')")

    def than_period(self, at: int) -> tuple[Period, int]:
        """A baseline ("än 2018", "jämfört med 2016"): a period, not a value with a unit."""
        end = self.phrase(at, self.words.than) or self.phrase(at, self.words.versus)
        if end is None:
            self.miss()
        period, end = self.period(end)
        if self.unit_at(end) is not None:
            self.miss()
        return period, end

    # -- values, units, periods -------------------------------------------------------------

    def is_number(self, at: int) -> bool:
        token = self.token(at)
        if token is None:
            return False
        return token.kind is Kind.NUMBER or (
            token.kind is Kind.WORD and token.lower in self.words.numbers
        )

    def quantity(self, at: int) -> tuple[_Quantity, int]:
        token = self.token(at)
        if token is None or not self.is_number(at):
            self.fail(at, "a number")
        number = token.number if token.number is not None else self.words.numbers[token.lower]
        end = at + 1
        points = self.phrase(end, self.words.points)
        if points is not None:
            return _Quantity(number, "%", points=True), points
        unit, end = self.unit(end)
        if unit is None:
            following = self.token(end)
            if (
                following is not None
                and following.kind is Kind.WORD
                and following.lower not in self.words.joiners
                and not self.is_period_word(end)
                and not self.starts_rule(end)
                and following.lower not in self.series
            ):
                known = ", ".join(sorted(self.units.values(), key=str.casefold)[:12])
                self.fail(end, f"a unit ({known}, …; declare others in the context's units)")
        return _Quantity(number, unit), end

    def unit_at(self, at: int) -> str | None:
        return self.unit(at)[0]

    def unit(self, at: int) -> tuple[str | None, int]:
        if self.symbol(at, "%", "‰"):
            token = self.token(at)
            assert token is not None
            return token.text, at + 1
        end = self.phrase(at, self.words.percent)
        if end is not None:
            return "%", end
        word = self.word(at)
        if word is not None and word in self.units:
            return self.units[word], at + 1
        return None, at

    def is_period_word(self, at: int) -> bool:
        word = self.word(at)
        if word is None:
            return False
        return (
            word in self.words.period_words
            or all(part in self.months for part in word.split("-"))
            or any(p[0] == word for p in self.words.year_level)
        )

    def period(self, at: int) -> tuple[Period, int]:
        """A period as :func:`~malstyrning.i18n.format_period` writes it, or as plans do."""
        token = self.token(at)
        if token is None:
            self.fail(at, "a period (e.g. 2018)")
        if token.kind is Kind.DATE and token.day is not None:
            start = token.day
            end_at = at + 1
            if self.symbol(end_at, "–", "-", "—") or self.word(end_at) in self.words.range_words:
                last = self.token(end_at + 1)
                if last is not None and last.kind is Kind.DATE and last.day is not None:
                    day = last.day
                    return self.build(at, lambda: Period(start, day), "a period"), end_at + 2
            return self.build(at, lambda: Period(start, start), "a period"), end_at
        if token.year is not None:
            end = at + 1
            end = self.phrase(end, self.words.year_level) or end
            return Period.year(token.year), end
        if token.kind is Kind.PERIOD:
            # "2016-T2", "2016-05": the whole period, never the year alone.
            return self.build(at, lambda: Period.parse(token.text), "a period"), at + 1
        if token.kind is not Kind.WORD:
            self.fail(at, "a period (e.g. 2018)")
        following = self.token(at + 1)
        if (
            len(token.text) == 2
            and token.text[0] in "TtQqHh"
            and token.text[1].isdigit()
            and following is not None
            and following.year is not None
        ):
            # "i T2 2016", "Q3 2019": as periods write them.
            text = f"{following.year}-{token.text.upper()}"
            return self.build(at, lambda: Period.parse(text), "a period"), at + 2
        kind = self.words.period_words.get(token.lower)
        if kind is not None:
            index, year_at = self.token(at + 1), self.token(at + 2)
            if (
                index is None
                or index.kind is not Kind.NUMBER
                or not index.plain
                or year_at is None
                or year_at.year is None
            ):
                self.fail(at + 1, "a period such as 'tertial 1 2019'")
            text = f"{year_at.year}-{kind}{index.text}"
            return self.build(at, lambda: Period.parse(text), "a period"), at + 3
        # Months: "maj 2019", "mars-december 2019", "mars–december 2019".
        names = token.lower.split("-")
        end = at + 1
        if len(names) == 1 and self.symbol(end, "–", "-") and self.word(end + 1) in self.months:
            names.append(self.word(end + 1) or "")
            end += 2
        if len(names) > 2 or not all(name in self.months for name in names):
            self.fail(at, "a period (e.g. 2018)")
        year_token = self.token(end)
        if year_token is None or year_token.year is None:
            self.fail(end, "a year")
        year = year_token.year
        from_month, to_month = self.months[names[0]], self.months[names[-1]]
        if from_month == to_month:
            return Period.month(year, from_month), end + 1
        return self.build(
            at,
            lambda: Period(Period.month(year, from_month).start, Period.month(year, to_month).end),
            "a period",
        ), end + 1


def _clauses(words: _Vocabulary) -> str:
    """The parenthesised clauses a target may carry, by their first words."""
    firsts = (words.tolerance, words.in_unit, words.equivalent, words.stepwise)
    return ", ".join(repr(" ".join(phrases[0]) + " …") for phrases in firsts if phrases)


def _month_names(locale: str) -> dict[str, int]:
    babel_locale, _ = _resolve(locale)
    names: dict[str, int] = {}
    for context in ("stand-alone", "format"):
        for width in ("wide", "abbreviated"):
            for number, name in babel_locale.months[context][width].items():
                names[str(name).casefold().rstrip(".")] = int(number)
    return names


def _evolve(rule: Any, **changes: Any) -> Rule:
    # Typed as Any: mypy cannot evolve a union of attrs classes by a shared field.
    evolved: Rule = attrs.evolve(rule, **changes)
    return evolved


def _series_rule(part: _Part) -> Rule:
    rules = _series_rules(part)
    return rules[0] if len(rules) == 1 else Composite(rules=rules)


def _series_rules(part: _Part) -> tuple[Rule, ...]:
    if not part.labels:
        return (part.rule,)
    return tuple(SeriesTarget(series=label, rule=part.rule) for label in part.labels)


def _with_context_unit(rule: Rule, unit: str | None) -> Rule:
    """Give the context's unit to rules whose text states none."""
    return rule if unit is None else rule.with_unit(unit)


def _reads_targets(language: str) -> bool:
    try:
        catalogue_section(language, "parser")
    except UnknownLocale:
        return False
    return True


def _language(locale: LocaleLike) -> str:
    language = _resolve(locale)[1]
    if not _reads_targets(language):
        readable = [code for code in available_locales() if _reads_targets(code)]
        raise UnknownLocale(f"target texts can be read in {', '.join(readable)} (got {locale!r})")
    _vocabulary(language)  # a catalogue lacking some parser words says which, here
    return language


def _ranked(text: str, language: str) -> list[tuple[str, str]]:
    """The known forms, nearest to ``text`` first (compared on its first 200 characters)."""
    folded = text[:200].casefold()

    def score(form: tuple[str, str]) -> float:
        return difflib.SequenceMatcher(None, folded, form[0].casefold()).ratio()

    return sorted(_FORMS[language], key=score, reverse=True)


def _suggestion(text: str, language: str) -> str:
    example, meaning = _ranked(text, language)[0]
    return f"{example!r} ({meaning})"


def _nearest(text: str, language: str) -> tuple[str, ...]:
    return tuple(f"{example!r} ({meaning})" for example, meaning in _ranked(text, language)[:3])


def parse_target(
    text: str,
    *,
    locale: LocaleLike = DEFAULT_LOCALE,
    context: TargetContext | None = None,
    max_length: int = MAX_TARGET_LENGTH,
) -> Rule:
    """The rule a target text states, read in ``locale`` (``"sv"``, ``"en"`` or ``"nb"``).

    Prose around the target is allowed ("Antalet SIP ska vara fler än 345 mars-december
    2019."); several targets are read as one composite when each names its series
    ("Kvinnor 29 %, Män 21 %").

    Args:
        text: the target as the plan writes it.
        locale: the language of the text; numbers are read the Swedish way ("4,85",
            "64 734") and the English way ("4.85", "64,734" in ``en``).
        context: what the text cannot say (direction, unit, baseline, target columns, names
            of series); see :class:`TargetContext`.
        max_length: the longest text read, in characters (:data:`MAX_TARGET_LENGTH`). The
            parser's time grows linearly with the text; this bound keeps a bad document cheap.

    Returns:
        A rule from :mod:`malstyrning.rules`.

    Raises:
        UnreadableTarget: the text states no target this parser knows, reads more than one
            way (``candidates`` lists the readings), states an outcome rather than a target,
            or is longer than ``max_length``; the error names the unread part, its offset and
            the nearest known form.

    >>> parse_target("Kvinnor 29 %, Män 21 %")  # doctest: +NORMALIZE_WHITESPACE
    Composite(rules=(SeriesTarget(series='women', rule=Threshold(comparison=<Comparison.AT_LEAST:
    '>='>, value=Decimal('29'), unit='%', tolerance=None)), SeriesTarget(series='men',
    rule=Threshold(comparison=<Comparison.AT_LEAST: '>='>, value=Decimal('21'), unit='%',
    tolerance=None))), mode=<CompositeMode.ALL: 'all'>, k=None)
    >>> print(describe(parse_target("fewer than 2018", locale="en"), locale="sv"))
    lägre än 2018
    >>> try:
    ...     parse_target("minst 30 äpplen")
    ... except UnreadableTarget as error:
    ...     print(error.unread, error.offset)
    äpplen 9
    """
    language = _language(locale)
    if not isinstance(text, str):
        raise UnreadableTarget.at(
            repr(text), 0, 0, expected="a text", suggestion=_suggestion("", language)
        )
    if len(text) > max_length:
        raise UnreadableTarget.at(
            text,
            max_length,
            len(text) - max_length,
            expected=f"a target of at most {max_length} characters (got {len(text)})",
            suggestion=_suggestion(text, language),
        )
    parser = _Parser(text, language, context or TargetContext())
    try:
        return parser.parse()
    except _Fail:
        tokens = parser.tokens
        at = parser.furthest
        if at < 0:
            stripped = text.strip()
            offset, length = text.find(stripped[:1]) if stripped else 0, len(stripped)
            expected = "a target such as " + ", ".join(f[0] for f in _FORMS[language][:4])
            error = UnreadableTarget.at(
                text, offset, length, expected=expected, suggestion=_suggestion(text, language)
            )
            error.candidates = _nearest(text, language)
            raise error from None
        if at < len(tokens):
            offset, length = tokens[at].start, tokens[at].end - tokens[at].start
        else:
            offset, length = len(text.rstrip()), 0
        expected = parser.expected or "a target"
        # The readings considered are in the message where the text reads several ways;
        # otherwise ``candidates`` holds the nearest known forms.
        error = UnreadableTarget.at(
            text,
            offset,
            length,
            expected=expected,
            suggestion=_suggestion(text, language),
            candidates=parser.candidates,
        )
        error.candidates = parser.candidates or _nearest(text, language)
        raise error from None


# -- describe -------------------------------------------------------------------------------


def describe(rule: Rule, *, locale: LocaleLike) -> str:
    """The rule as a sentence in ``locale``, which :func:`parse_target` reads back.

    It says everything the rule holds: the unit where the phrase would not show it, a
    baseline value, a stepwise trajectory, a tolerance in percent of the target.

    >>> from malstyrning.periods import Period
    >>> rule = Change.decrease(Period("2017"), by=Decimal(0), baseline_value=Decimal("4732"),
    ...                        unit="timmar")
    >>> describe(rule, locale="sv")
    'minska till nivån för 2017 (motsvarande 4\\xa0732 timmar)'
    >>> describe(rule, locale="en")
    'decrease to the level of 2017 (equivalent to 4,732 timmar)'
    >>> parse_target(describe(rule, locale="nb"), locale="nb") == rule
    True
    """
    return phrase(rule).render(locale=locale)


def phrase(rule: Rule, *, nested: bool = False) -> Message:
    """The rule as a :class:`~malstyrning.i18n.Message`, rendered in any language later.

    Each rule says everything it holds in its own ``describe()``; ``nested`` puts a composite
    in parentheses, as a part of another rule.

    >>> phrase(YesNo()).render(locale="en")
    'the answer yes'
    """
    return rule.describe_nested() if nested else rule.describe()
