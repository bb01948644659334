"""Hypothesis strategies for malstyrning's types, for property-based tests of status rules.

Install with the ``testing`` extra (``pip install "malstyrning[testing]"``); the core library
never imports hypothesis. The strategies follow Hypothesis' own API style: plural nouns,
keyword-only options that take strategies, ``min_size``/``max_size``, and
:class:`hypothesis.errors.InvalidArgument` (raised at once, not at the first draw) for bad
options. Importing this module registers the strategies with
:func:`hypothesis.strategies.register_type_strategy`, so ``st.from_type(Indicator)`` works.

Everything generated is valid: plans have unique ids, known levels, units and directions that
agree with their rules, and follow-ups inside the plan's validity. Plans shrink towards one
goal with one indicator, so a failing property reports a counterexample you can read.

>>> from hypothesis import given
>>> from malstyrning import evaluate
>>> from malstyrning.rules import Direction
>>> @given(plans(max_depth=2), years(min_year=2015, max_year=2025))
... def test_not_assessed_is_never_a_colour(plan, year):
...     for assessment in evaluate(plan, period=year):
...         assert (assessment.status is None) is (assessment.not_assessed is not None)
>>> test_not_assessed_is_never_a_colour()

Values on and next to a rule's boundaries, where most bugs live:

>>> from decimal import Decimal
>>> from malstyrning.rules import Comparison, Threshold, Tolerance
>>> rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"),
...                  tolerance=Tolerance(Decimal("0.10")))
>>> boundary_points(rule)
(Decimal('3.99'), Decimal('4.00'), Decimal('4.01'), Decimal('4.09'), Decimal('4.10'), Decimal('4.11'), Decimal('4.19'), Decimal('4.20'), Decimal('4.21'))
"""  # noqa: E501 (a doctest output is one line)

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from malstyrning.errors import InvalidScale, MalstyrningError
from malstyrning.model import (
    BUILTIN_UNITS,
    Activity,
    Assignment,
    Goal,
    Indicator,
    Leaf,
    Measurement,
    Node,
    Plan,
    PlanLevel,
    Report,
    Series,
    YesNoMeasure,
)
from malstyrning.periods import Period, PeriodKind
from malstyrning.revisions import (
    Add,
    AddSeries,
    Amend,
    ChangeIndicator,
    ChangeTarget,
    Move,
    Operation,
    Reformulate,
    RemoveSeries,
    Replace,
    Revision,
    Strike,
)
from malstyrning.revisions import apply as apply_revision
from malstyrning.rules import (
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Rule,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Tolerance,
    YesNo,
    iter_rules,
    registry,
    rule_direction,
)
from malstyrning.scales import (
    ACTIVITY_STATUS,
    TRAFFIC_LIGHT,
    Achievement,
    Level,
    NotAssessedReason,
    Scale,
)

__all__ = [
    "RULE_KINDS",
    "SIMPLE_RULES",
    "activities",
    "assignments",
    "boundary_points",
    "directions",
    "indicators",
    "measurements",
    "numbers",
    "periods",
    "plans",
    "revisions",
    "scales",
    "target_rules",
    "thresholds",
    "tolerances",
    "values_near",
    "years",
    "yes_no_measures",
]

T = TypeVar("T")

# -- argument checks ----------------------------------------------------------------------
# Hypothesis validates options when the strategy is defined, so a typo fails at once with a
# message naming the option, not deep inside the first draw.


def _check_strategy(name: str, value: object) -> None:
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name}={value!r} must be a strategy (e.g. st.just({value!r}) for a fixed value)"
        )


def _check_int(name: str, value: object, *, at_least: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < at_least:
        raise InvalidArgument(f"{name}={value} must be at least {at_least}")
    return value


def _check_range(low_name: str, low: int, high_name: str, high: int, *, at_least: int = 0) -> None:
    _check_int(low_name, low, at_least=at_least)
    _check_int(high_name, high, at_least=at_least)
    if low > high:
        raise InvalidArgument(f"{low_name}={low} is greater than {high_name}={high}")


def _check_year(name: str, value: int) -> None:
    _check_int(name, value, at_least=1)
    if value > 9998:
        raise InvalidArgument(f"{name}={value} must be a year between 1 and 9998")


# -- numbers and periods -------------------------------------------------------------------


def numbers(
    *,
    min_value: int | Decimal = -10_000,
    max_value: int | Decimal = 10_000,
    places: int = 2,
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` decimals, as plans write them.

    Args:
        min_value: the smallest value.
        max_value: the largest value.
        places: the number of decimals at most.

    Raises:
        InvalidArgument: ``min_value`` is greater than ``max_value``, or ``places`` < 0.

    >>> from hypothesis import find
    >>> find(numbers(min_value=1, max_value=5), lambda value: value > 2)
    Decimal('2.01')
    """
    _check_int("places", places)
    if Decimal(min_value) > Decimal(max_value):
        raise InvalidArgument(f"min_value={min_value} is greater than max_value={max_value}")
    return st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def years(*, min_year: int = 2010, max_year: int = 2030) -> st.SearchStrategy[Period]:
    """Calendar years as periods (``Period('2019')``).

    Raises:
        InvalidArgument: ``min_year`` is greater than ``max_year``, or either is not a year.

    >>> from hypothesis import find
    >>> find(years(min_year=2019), lambda period: True)
    Period('2019')
    """
    _check_year("min_year", min_year)
    _check_year("max_year", max_year)
    _check_range("min_year", min_year, "max_year", max_year, at_least=1)
    return st.integers(min_year, max_year).map(Period.year)


_PARTS = {
    PeriodKind.YEAR: 1,
    PeriodKind.HALF: 2,
    PeriodKind.TERTIAL: 3,
    PeriodKind.QUARTER: 4,
    PeriodKind.MONTH: 12,
}
_MAKE: dict[PeriodKind, Callable[[int, int], Period]] = {
    PeriodKind.YEAR: lambda year, _: Period.year(year),
    PeriodKind.HALF: Period.half,
    PeriodKind.TERTIAL: Period.tertial,
    PeriodKind.QUARTER: Period.quarter,
    PeriodKind.MONTH: Period.month,
}


@st.composite
def _periods(
    draw: st.DrawFn, kinds: st.SearchStrategy[PeriodKind], min_year: int, max_year: int
) -> Period:
    kind = draw(kinds)
    if kind is PeriodKind.RANGE:
        first = Period.year(min_year).start
        last = Period.year(max_year).end
        start = draw(st.dates(min_value=first, max_value=last))
        end = draw(st.dates(min_value=start, max_value=min(last, date(start.year + 2, 12, 31))))
        return Period(start, end)
    year = draw(st.integers(min_year, max_year))
    return _MAKE[kind](year, draw(st.integers(1, _PARTS[kind])))


def periods(
    *,
    kinds: st.SearchStrategy[PeriodKind] = st.sampled_from(list(PeriodKind)),
    min_year: int = 2000,
    max_year: int = 2040,
) -> st.SearchStrategy[Period]:
    """Periods of every kind: years, halves, tertials, quarters, months and date ranges.

    Args:
        kinds: the kinds to generate (``st.just(PeriodKind.TERTIAL)`` for tertials only).
        min_year: the first year a period may start in.
        max_year: the last year a period may end in.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> find(periods(kinds=st.just(PeriodKind.TERTIAL), min_year=2019), lambda p: p.index == 2)
    Period('2019-T2')
    """
    _check_strategy("kinds", kinds)
    _check_year("min_year", min_year)
    _check_year("max_year", max_year)
    _check_range("min_year", min_year, "max_year", max_year, at_least=1)
    return _periods(kinds, min_year, max_year)


def directions() -> st.SearchStrategy[Direction]:
    """Higher or lower is better (shrinks to higher is better)."""
    return st.sampled_from(list(Direction))


# -- rules ------------------------------------------------------------------------------------


def tolerances(
    *,
    amounts: st.SearchStrategy[Decimal] = numbers(min_value=0, max_value=100),
    relative: st.SearchStrategy[bool] = st.booleans(),
) -> st.SearchStrategy[Tolerance]:
    """Tolerance bands ("close to being reached"); amounts that are not positive are skipped.

    >>> from hypothesis import find
    >>> find(tolerances(relative=st.just(True)), lambda tolerance: True)
    Tolerance(amount=Decimal('0.01'), relative=True)
    """
    _check_strategy("amounts", amounts)
    _check_strategy("relative", relative)
    # Map rather than filter: 0 becomes the smallest band, so nothing is rejected.
    return st.builds(
        Tolerance,
        amounts.map(lambda amount: amount if amount > 0 else Decimal("0.01")),
        relative=relative,
    )


def _default_tolerances() -> st.SearchStrategy[Tolerance | None]:
    return st.none() | tolerances()


def thresholds(
    *,
    comparisons: st.SearchStrategy[Comparison] = st.sampled_from(list(Comparison)),
    values: st.SearchStrategy[Decimal] = numbers(),
    units: st.SearchStrategy[str | None] = st.none(),
    tolerances: st.SearchStrategy[Tolerance | None] = _default_tolerances(),
) -> st.SearchStrategy[Threshold]:
    """Threshold rules (at least / at most / more than / less than), with or without a band.

    >>> from hypothesis import find
    >>> str(find(thresholds(tolerances=st.none()), lambda rule: rule.value > 1))
    '>= 1.01'
    """
    for name, value in (
        ("comparisons", comparisons),
        ("values", values),
        ("units", units),
        ("tolerances", tolerances),
    ):
        _check_strategy(name, value)
    return st.builds(
        Threshold, comparison=comparisons, value=values, unit=units, tolerance=tolerances
    )


def _samples_itself(kind: type[Rule]) -> bool:
    return kind.sample.__func__ is not Rule.sample.__func__  # type: ignore[attr-defined]


SIMPLE_RULES: tuple[type, ...] = tuple(
    kind
    for kind in registry().values()
    if kind.numeric and not kind.compares_series and _samples_itself(kind)
)
"""The rule kinds that judge one series by themselves (thresholds, changes, maintain, target
levels, bands, and any kind added to :mod:`malstyrning.rules` that samples itself)."""

_REFERENCE_RULES: tuple[type, ...] = tuple(
    kind
    for kind in registry().values()
    if kind.numeric and kind.compares_series and _samples_itself(kind)
)

RULE_KINDS: tuple[type, ...] = (*SIMPLE_RULES, *_REFERENCE_RULES, SeriesTarget, Composite)
"""Every numeric rule type :func:`target_rules` can generate (``YesNo`` is for yes/no measures)."""


@attrs.frozen
class _RuleOptions:
    directions: st.SearchStrategy[Direction]
    types: tuple[type, ...]
    values: st.SearchStrategy[Decimal]
    units: st.SearchStrategy[str | None]
    tolerances: st.SearchStrategy[Tolerance | None]
    baseline_years: st.SearchStrategy[Period]
    series: tuple[str, ...]
    references: tuple[str, ...]
    max_parts: int


_CHANGE_AMOUNTS = st.none() | numbers(min_value=0, max_value=50)
_MARGINS = numbers(min_value=-50, max_value=50)


@attrs.frozen
class _Kit:
    """What a rule kind's ``sample`` draws from (:class:`~malstyrning.rules.SampleKit`).

    Rule modules never import Hypothesis, so they get its draw function and strategies here.
    """

    draw: st.DrawFn
    values: st.SearchStrategy[Decimal]
    units: st.SearchStrategy[str | None]
    tolerances: st.SearchStrategy[Tolerance | None]
    baseline_years: st.SearchStrategy[Period]
    references: st.SearchStrategy[str]
    booleans: st.SearchStrategy[bool] = st.booleans()
    amounts: st.SearchStrategy[Decimal | None] = _CHANGE_AMOUNTS
    margins: st.SearchStrategy[Decimal] = _MARGINS
    sampled_from: Callable[[Any], st.SearchStrategy[Any]] = st.sampled_from
    lists: Callable[..., st.SearchStrategy[Any]] = st.lists


def _simple_rule(draw: st.DrawFn, options: _RuleOptions, kind: type, wanted: Direction) -> Rule:
    # Drawn directly rather than through flatmap: the shrinker then simplifies each part of a
    # rule on its own, and no strategy is built per example.
    kit = _Kit(
        draw=draw,
        values=options.values,
        units=options.units,
        tolerances=options.tolerances,
        baseline_years=options.baseline_years,
        references=st.sampled_from(options.references) if options.references else st.nothing(),
    )
    sampled: type[Rule] = kind
    rule: Rule | None = sampled.sample(kit, wanted)
    assert rule is not None, kind  # only kinds that sample themselves are simple
    return rule


@st.composite
def _target_rules(draw: st.DrawFn, options: _RuleOptions) -> Rule:
    wanted = draw(options.directions)
    simple_kinds = [
        kind for kind in options.types if kind in (*SIMPLE_RULES, *_REFERENCE_RULES)
    ] or list(SIMPLE_RULES)
    inner_kinds = [kind for kind in simple_kinds if kind not in _REFERENCE_RULES] or list(
        SIMPLE_RULES
    )

    def simple(part: st.DrawFn = draw) -> Rule:
        return _simple_rule(part, options, part(st.sampled_from(simple_kinds)), wanted)

    def series_target(part: st.DrawFn = draw) -> SeriesTarget:
        series = part(st.sampled_from(options.series))
        rule = _simple_rule(part, options, part(st.sampled_from(inner_kinds)), wanted)
        return SeriesTarget(series=series, rule=rule)

    kind = draw(st.sampled_from(options.types))
    if kind is Composite:
        with_series = SeriesTarget in options.types

        @st.composite
        def parts(part: st.DrawFn) -> Rule:
            return series_target(part) if with_series and part(st.booleans()) else simple(part)

        rules = tuple(draw(st.lists(parts(), min_size=1, max_size=options.max_parts)))
        mode = draw(st.sampled_from(list(CompositeMode)))
        k = draw(st.integers(1, len(rules))) if mode is CompositeMode.AT_LEAST else None
        return Composite(rules=rules, mode=mode, k=k)
    if kind is SeriesTarget:
        return series_target()
    return _simple_rule(draw, options, kind, wanted)


def target_rules(
    *,
    directions: st.SearchStrategy[Direction] = directions(),
    types: Collection[type] = (*SIMPLE_RULES, Composite),
    values: st.SearchStrategy[Decimal] = numbers(),
    units: st.SearchStrategy[str | None] = st.none(),
    tolerances: st.SearchStrategy[Tolerance | None] = _default_tolerances(),
    baseline_years: st.SearchStrategy[Period] = years(min_year=2010, max_year=2018),
    series: Sequence[str] = (),
    references: Sequence[str] = (),
    max_parts: int = 3,
) -> st.SearchStrategy[Rule]:
    """Numeric target rules, each agreeing with one direction drawn from ``directions``.

    Thresholds, changes and references state their direction; maintain and trajectories
    follow the indicator's. Pass ``directions=st.just(direction)`` to judge the rule for an
    indicator of that direction (:func:`indicators` does).

    Args:
        directions: the direction the rule rewards.
        types: the rule types to generate, from :data:`RULE_KINDS`.
        values: target values and levels.
        units: the unit stated on each rule (``st.none()``: the indicator's).
        tolerances: tolerance bands (``st.none()`` for none).
        baseline_years: the baseline periods of changes.
        series: series keys that :class:`~malstyrning.rules.SeriesTarget` may name
            (``("women", "men")``); needed when ``types`` includes it.
        references: reference series that :class:`~malstyrning.rules.RelativeToReference`
            compares with (``("riket",)``); needed when ``types`` includes it.
        max_parts: the most parts a composite has.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> find(target_rules(types=[Composite]), lambda rule: len(rule.rules) > 1)
    ... # doctest: +ELLIPSIS
    Composite(rules=(Threshold(...), Threshold(...)), mode=<CompositeMode.ALL: 'all'>, k=None)
    """
    for name, value in (
        ("directions", directions),
        ("values", values),
        ("units", units),
        ("tolerances", tolerances),
        ("baseline_years", baseline_years),
    ):
        _check_strategy(name, value)
    chosen = tuple(types)
    unknown = [kind for kind in chosen if kind not in RULE_KINDS]
    if not chosen or unknown:
        raise InvalidArgument(
            f"types={list(types)!r} must name at least one of "
            f"{', '.join(kind.__name__ for kind in RULE_KINDS)}"
        )
    if SeriesTarget in chosen and not series:
        raise InvalidArgument("types includes SeriesTarget: name the series, e.g. series=['women']")
    for kind in chosen:
        if kind in _REFERENCE_RULES and not references:
            raise InvalidArgument(
                f"types includes {kind.__name__}: name the reference series, "
                "e.g. references=['riket']"
            )
    for name, keys in (("series", series), ("references", references)):
        if isinstance(keys, str) or not all(isinstance(key, str) for key in keys):
            raise InvalidArgument(f"{name}={keys!r} must be a sequence of series keys")
    _check_int("max_parts", max_parts, at_least=1)
    return _target_rules(
        _RuleOptions(
            directions=directions,
            types=chosen,
            values=values,
            units=units,
            tolerances=tolerances,
            baseline_years=baseline_years,
            series=tuple(series),
            references=tuple(references),
            max_parts=max_parts,
        )
    )


# -- values at and next to a rule's boundaries ------------------------------------------------


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _targets(
    rule: Rule, *, period: Period | None, baseline: Decimal | None, reference: Decimal | None
) -> list[tuple[Decimal, Tolerance | None]]:
    if rule.parts:
        return [
            target
            for part in rule.parts
            for target in _targets(part, period=period, baseline=baseline, reference=reference)
        ]
    if not rule.numeric:
        raise InvalidArgument(
            f"values_near() takes a numeric target rule (got {type(rule).__name__}: "
            "a yes/no rule has no boundary; use st.booleans())"
        )
    # Boundaries lie on both sides of each target, so the direction asked for does not matter.
    if period is not None:
        periods = [period]
    else:
        # A dated rule without a period: every level it states (stated levels hold in their
        # own period).
        periods = [level.period for level in getattr(rule, "levels", ())] or [Period.year(2000)]
    found: list[tuple[Decimal, Tolerance | None]] = []
    for when in periods:
        demand = rule.demand(when, Direction.HIGHER_IS_BETTER)
        assert demand is not None  # every numeric kind states a demand given a direction
        for bound in demand.bounds:
            anchor = bound.anchor
            if anchor is None:
                found.append((bound.target, bound.tolerance))
                continue
            value = reference if anchor.series is not None else baseline
            if value is None:
                value = anchor.fallback
            if value is None:
                what = "reference" if anchor.series is not None else "baseline"
                hint = "" if anchor.series is not None else " or give the rule a baseline_value"
                raise InvalidArgument(
                    f"values_near({rule}) needs the {what} value: pass {what}=...{hint}"
                )
            found.append((anchor.target(value), bound.tolerance))
    return found


def boundary_points(
    rule: Rule,
    *,
    period: Period | None = None,
    baseline: Decimal | None = None,
    reference: Decimal | None = None,
    places: int = 2,
) -> tuple[Decimal, ...]:
    """The values at and one step either side of every boundary of ``rule``, sorted.

    The boundaries are each target in force and the outer edges of its tolerance band, on both
    sides (maintain and trajectories follow the indicator's direction). The step is one unit
    in the last of ``places`` decimals, or finer if the target has more.

    Args:
        rule: a numeric target rule.
        period: for trajectories, the period whose interpolated target counts (default:
            every stated level).
        baseline: for changes, the baseline value (default: the rule's ``baseline_value``).
        reference: for rules relative to a reference series, the reference value.
        places: decimals of the step.

    Raises:
        InvalidArgument: the rule has no numeric boundary, or a value it needs is missing.

    >>> from malstyrning.rules import Change
    >>> boundary_points(Change.decrease(Period("2017"), by=0), baseline=Decimal(4732))
    (Decimal('4731.99'), Decimal('4732'), Decimal('4732.01'))
    """
    _check_int("places", places)
    points: set[Decimal] = set()
    for target, tolerance in _targets(rule, period=period, baseline=baseline, reference=reference):
        width = tolerance.width(target) if tolerance is not None else Decimal(0)
        exponent = min(-places, _exponent(target), _exponent(width))
        step = Decimal(1).scaleb(exponent)
        edges = [target] if not width else [target - width, target, target + width]
        for edge in edges:
            points.update(edge + offset for offset in (-step, Decimal(0), step))
    return tuple(sorted(points))


def values_near(
    rule: Rule,
    *,
    period: Period | None = None,
    baseline: Decimal | None = None,
    reference: Decimal | None = None,
    places: int = 2,
) -> st.SearchStrategy[Decimal]:
    """Outcomes at or one step next to a boundary of ``rule`` (see :func:`boundary_points`).

    Mix it with ordinary values to test what happens exactly on a threshold:
    ``values_near(rule) | numbers()``.

    Raises:
        InvalidArgument: the rule has no numeric boundary, or a value it needs is missing.

    >>> from hypothesis import find
    >>> rule = Threshold(comparison=Comparison.LESS_THAN, value=Decimal(250), unit="rec/TIN")
    >>> find(values_near(rule), lambda value: value >= 250)
    Decimal('250')
    """
    points = boundary_points(
        rule, period=period, baseline=baseline, reference=reference, places=places
    )
    # Sorted by distance from the first target, so that shrinking lands on the boundary itself.
    centre = _targets(rule, period=period, baseline=baseline, reference=reference)[0][0]
    return st.sampled_from(sorted(points, key=lambda point: (abs(point - centre), point)))


# -- measurements and leaves ------------------------------------------------------------------

# About two outcomes in seven are missing; None first, so examples shrink to a value.
_MISSING = st.sampled_from(
    [
        None,
        None,
        None,
        None,
        None,
        NotAssessedReason.MEASURED_LATER,
        NotAssessedReason.TOO_EARLY,
    ]
)


def _draw_measurement(
    draw: st.DrawFn,
    period: Period,
    values: st.SearchStrategy[Any],
    missing: st.SearchStrategy[NotAssessedReason | None],
) -> Measurement:
    reason = draw(missing)
    if reason is not None:
        return Measurement(period=period, missing=reason)
    return Measurement(period=period, value=draw(values))


@st.composite
def _measurements(
    draw: st.DrawFn,
    periods: st.SearchStrategy[Period],
    values: st.SearchStrategy[Decimal | bool],
    missing: st.SearchStrategy[NotAssessedReason | None],
) -> Measurement:
    return _draw_measurement(draw, draw(periods), values, missing)


def measurements(
    *,
    periods: st.SearchStrategy[Period] = years(),
    values: st.SearchStrategy[Decimal] | st.SearchStrategy[bool] = numbers(),
    missing: st.SearchStrategy[NotAssessedReason | None] = _MISSING,
    near: Rule | None = None,
) -> st.SearchStrategy[Measurement]:
    """Outcomes for one period: a value, or the reason it is missing ("mäts i augusti").

    Args:
        periods: the period of the outcome.
        values: the value when there is one.
        missing: the reason an outcome is missing, or None for a value (by default about
            two outcomes in seven are missing).
        near: a rule whose boundaries the values should often sit on or next to.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal(85))
    >>> find(measurements(near=rule, missing=st.none()), lambda m: m.value < 85)
    Measurement(period=Period('2010'), value=Decimal('84.99'), missing=None, comment='')
    """
    _check_strategy("periods", periods)
    _check_strategy("values", values)
    _check_strategy("missing", missing)
    chosen: st.SearchStrategy[Any] = values
    if near is not None:
        chosen = values_near(near) | values
    return _measurements(periods, chosen, missing)


_UNITS: tuple[str | None, ...] = (None, "%", "antal", "index", "rec/TIN", "dagar", "kr")
_INDICATOR_TITLES = (
    "Antibiotikaförskrivning",
    "Andel patienter som fått vård inom 90 dagar",
    "Sjukfrånvaro",
    "Kostnad för inhyrd personal",
    "Hållbart medarbetarengagemang (HME)",
)
_SERIES = {
    "total": "Totalt",
    "women": "Kvinnor",
    "men": "Män",
    "riket": "Riket",
}
_SERIES_SETS: tuple[tuple[str, ...], ...] = (
    ("total",),
    ("total", "women", "men"),
    ("total", "riket"),
)


def _unique_periods(
    periods: st.SearchStrategy[Period], min_size: int, max_size: int
) -> st.SearchStrategy[list[Period]]:
    return st.lists(periods, min_size=min_size, max_size=max_size, unique=True).map(
        lambda found: sorted(found, key=lambda period: (period.start, period.end))
    )


def _series_values(
    rule: Rule | None, values: st.SearchStrategy[Decimal], *, near_boundaries: bool
) -> st.SearchStrategy[Decimal]:
    """Values for a series: often on a boundary of the rule, where one can be computed."""
    if rule is None or not near_boundaries:
        return values
    points: set[Decimal] = set()
    for part in iter_rules(rule):
        if part.parts or not part.numeric:
            continue
        try:
            points.update(boundary_points(part))
        except InvalidArgument:
            continue  # its boundary needs a baseline or reference value the rule does not hold
    if not points:
        return values
    return st.sampled_from(sorted(points, key=abs)) | values


@attrs.frozen
class _IndicatorOptions:
    ids: st.SearchStrategy[str]
    directions: st.SearchStrategy[Direction]
    units: st.SearchStrategy[str | None]
    rules: st.SearchStrategy[Rule | None] | None
    series_keys: st.SearchStrategy[tuple[str, ...]]
    periods: st.SearchStrategy[Period]
    values: st.SearchStrategy[Decimal]
    missing: st.SearchStrategy[NotAssessedReason | None]
    sizes: tuple[int, int]
    near_boundaries: bool


@st.composite
def _indicators(draw: st.DrawFn, options: _IndicatorOptions) -> Indicator:
    ids, directions, units, rules = options.ids, options.directions, options.units, options.rules
    series_keys, periods, values = options.series_keys, options.periods, options.values
    missing, sizes, near_boundaries = options.missing, options.sizes, options.near_boundaries
    keys = draw(series_keys)
    judged = tuple(key for key in keys if key not in {"total", "riket"})
    references = tuple(key for key in keys if key == "riket")
    if rules is None:
        direction = draw(directions)
        unit = draw(units)
        types: list[type] = [*SIMPLE_RULES, Composite]
        if judged:
            types.append(SeriesTarget)
        if references:
            types.extend(_REFERENCE_RULES)
        rule = draw(
            st.none()
            | target_rules(
                directions=st.just(direction),
                types=types,
                units=st.sampled_from([None, unit]),
                series=judged,
                references=references,
            )
        )
    else:
        rule = draw(rules)
        stated = rule_direction(rule) if rule is not None else None
        direction = stated or draw(directions)
        stated_units = (
            [found for part in iter_rules(rule) if (found := getattr(part, "unit", None))]
            if rule is not None
            else []
        )
        unit = stated_units[0] if stated_units else draw(units)
    observed = draw(_unique_periods(periods, *sizes))
    per_value = _series_values(rule, values, near_boundaries=near_boundaries)
    series = tuple(
        Series(
            key=key,
            label=_SERIES.get(key, key),
            reference=key == "riket",
            measurements=tuple(
                _draw_measurement(draw, period, per_value, missing) for period in observed
            ),
        )
        for key in keys
    )
    return Indicator(
        id=draw(ids),
        title=draw(st.sampled_from(_INDICATOR_TITLES)),
        unit=unit,
        direction=direction,
        target=rule,
        series=series,
    )


def indicators(
    *,
    ids: st.SearchStrategy[str] = st.just("indicator"),
    directions: st.SearchStrategy[Direction] = directions(),
    units: st.SearchStrategy[str | None] = st.sampled_from(_UNITS),
    rules: st.SearchStrategy[Rule | None] | None = None,
    series_keys: st.SearchStrategy[tuple[str, ...]] = st.sampled_from(_SERIES_SETS),
    periods: st.SearchStrategy[Period] = years(min_year=2010, max_year=2025),
    values: st.SearchStrategy[Decimal] = numbers(),
    missing: st.SearchStrategy[NotAssessedReason | None] = _MISSING,
    min_size: int = 0,
    max_size: int = 5,
    near_boundaries: bool = True,
) -> st.SearchStrategy[Indicator]:
    """Valid indicators: a direction, a unit, series with outcomes, and a rule that agrees.

    Args:
        ids: the indicator's id.
        directions: higher or lower is better.
        units: the indicator's unit.
        rules: the target rule (None for "no target"); by default a rule generated for the
            drawn direction, unit and series. A rule you give decides the direction and unit
            where it states them.
        series_keys: the series, e.g. ``("total", "women", "men")``; ``"riket"`` is a
            reference series.
        periods: the periods outcomes are reported for.
        values: the outcomes.
        missing: the reason an outcome is missing, or None for a value.
        min_size: the fewest outcome periods.
        max_size: the most outcome periods.
        near_boundaries: put many outcomes on or next to the rule's boundaries.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> from malstyrning.rules import Direction
    >>> indicator = find(indicators(directions=st.just(Direction.LOWER_IS_BETTER), min_size=1),
    ...                  lambda indicator: indicator.target is not None)
    >>> indicator.direction, indicator.target.direction, len(indicator.main_series.measurements)
    (<Direction.LOWER_IS_BETTER: 'lower_is_better'>, <Direction.LOWER_IS_BETTER: 'lower_is_better'>, 1)
    """  # noqa: E501 (a doctest output is one line)
    for name, value in (
        ("ids", ids),
        ("directions", directions),
        ("units", units),
        ("series_keys", series_keys),
        ("periods", periods),
        ("values", values),
        ("missing", missing),
    ):
        _check_strategy(name, value)
    if rules is not None:
        _check_strategy("rules", rules)
    _check_range("min_size", min_size, "max_size", max_size)
    return _indicators(
        _IndicatorOptions(
            ids=ids,
            directions=directions,
            units=units,
            rules=rules,
            series_keys=series_keys,
            periods=periods,
            values=values,
            missing=missing,
            sizes=(min_size, max_size),
            near_boundaries=near_boundaries,
        )
    )


def yes_no_measures(
    *,
    ids: st.SearchStrategy[str] = st.just("measure"),
    expected: st.SearchStrategy[bool] = st.booleans(),
    periods: st.SearchStrategy[Period] = years(min_year=2015, max_year=2025),
    missing: st.SearchStrategy[NotAssessedReason | None] = _MISSING,
    min_size: int = 0,
    max_size: int = 4,
) -> st.SearchStrategy[YesNoMeasure]:
    """Qualitative measures answered yes or no per period ("Mått – kvalitativt (Ja/Nej)").

    Raises:
        InvalidArgument: a bad option.
    """
    for name, value in (("ids", ids), ("expected", expected), ("periods", periods)):
        _check_strategy(name, value)
    _check_strategy("missing", missing)
    _check_range("min_size", min_size, "max_size", max_size)
    return _yes_no_measures(
        ids=ids, expected=expected, periods=periods, missing=missing, sizes=(min_size, max_size)
    )


@st.composite
def _yes_no_measures(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str],
    expected: st.SearchStrategy[bool],
    periods: st.SearchStrategy[Period],
    missing: st.SearchStrategy[NotAssessedReason | None],
    sizes: tuple[int, int],
) -> YesNoMeasure:
    observed = draw(_unique_periods(periods, *sizes))
    return YesNoMeasure(
        id=draw(ids),
        title="Finns en beslutad handlingsplan?",
        expected=draw(expected),
        measurements=tuple(
            _draw_measurement(draw, period, st.booleans(), missing) for period in observed
        ),
    )


@st.composite
def _reported(
    draw: st.DrawFn,
    cls: type[T],
    *,
    title: str,
    ids: st.SearchStrategy[str],
    statuses: st.SearchStrategy[str | None],
    periods: st.SearchStrategy[Period],
    sizes: tuple[int, int],
) -> T:
    reported = draw(_unique_periods(periods, *sizes))
    return cls(  # type: ignore[call-arg]
        id=draw(ids),
        title=title,
        reports=tuple(Report(period=period, status=draw(statuses)) for period in reported),
    )


def _checked_reported(
    cls: type[T],
    *,
    title: str,
    ids: st.SearchStrategy[str],
    statuses: st.SearchStrategy[str | None],
    periods: st.SearchStrategy[Period],
    sizes: tuple[int, int],
) -> st.SearchStrategy[T]:
    # The options of assignments() and activities(), checked when the strategy is made.
    for name, value in (("ids", ids), ("statuses", statuses), ("periods", periods)):
        _check_strategy(name, value)
    _check_range("min_size", sizes[0], "max_size", sizes[1])
    return _reported(cls, title=title, ids=ids, statuses=statuses, periods=periods, sizes=sizes)


def _tertials(year: int) -> st.SearchStrategy[Period]:
    return st.integers(1, 3).map(lambda index: Period.tertial(year, index))


def assignments(
    *,
    ids: st.SearchStrategy[str] = st.just("assignment"),
    statuses: st.SearchStrategy[str | None] = st.sampled_from([*TRAFFIC_LIGHT.keys, None]),
    periods: st.SearchStrategy[Period] = _tertials(2019),
    min_size: int = 0,
    max_size: int = 3,
) -> st.SearchStrategy[Assignment]:
    """Assignments ("uppdrag") with progress reports; statuses are levels of the plan's scale.

    Raises:
        InvalidArgument: a bad option.
    """
    return _checked_reported(
        Assignment,
        title="Utred vårdplatsbehovet",
        ids=ids,
        statuses=statuses,
        periods=periods,
        sizes=(min_size, max_size),
    )


def activities(
    *,
    ids: st.SearchStrategy[str] = st.just("activity"),
    statuses: st.SearchStrategy[str | None] = st.sampled_from([*ACTIVITY_STATUS.keys, None]),
    periods: st.SearchStrategy[Period] = _tertials(2019),
    min_size: int = 0,
    max_size: int = 3,
) -> st.SearchStrategy[Activity]:
    """Activities ("aktivitet") with a status per period: done, ongoing, planned, delayed.

    Raises:
        InvalidArgument: a bad option.
    """
    return _checked_reported(
        Activity,
        title="Inför digitala vårdmöten",
        ids=ids,
        statuses=statuses,
        periods=periods,
        sizes=(min_size, max_size),
    )


# -- scales --------------------------------------------------------------------------------

_LEVEL_KEYS = ("good", "fair", "poor", "bad", "blue", "grey", "purple")


@st.composite
def _scales(draw: st.DrawFn, sizes: tuple[int, int]) -> Scale:
    keys = draw(
        st.lists(st.sampled_from(_LEVEL_KEYS), unique=True, min_size=sizes[0], max_size=sizes[1])
    )
    colours = st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
    levels = tuple(
        Level(key=key, colour=draw(colours), labels={"sv": key, "en": key, "nb": key})
        for key in keys
    )
    # Met lands on the best level and not met on the worst, as in the seeds; near anywhere
    # between, so that a better verdict never gets a worse level.
    near = draw(st.integers(0, len(keys) - 1))
    achievements = {
        Achievement.MET: keys[0],
        Achievement.NEAR: keys[near],
        Achievement.NOT_MET: keys[-1],
    }
    return Scale(
        key=draw(st.sampled_from(["custom", "region_scale"])),
        levels=levels,
        achievements=achievements,
        labels={"sv": "Egen skala", "en": "Custom scale", "nb": "Egen skala"},
    )


def scales(*, min_size: int = 2, max_size: int = 5) -> st.SearchStrategy[Scale]:
    """Custom assessment scales of ``min_size`` to ``max_size`` levels, best first.

    Every rule verdict lands on a level: met on the best, not met on the worst, near on one
    in between.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> find(scales(), lambda scale: True).keys
    ('good', 'fair')
    """
    _check_range("min_size", min_size, "max_size", max_size, at_least=1)
    if max_size > len(_LEVEL_KEYS):
        raise InvalidArgument(f"max_size={max_size} must be at most {len(_LEVEL_KEYS)}")
    return _scales((min_size, max_size))


# -- plans ---------------------------------------------------------------------------------

_LEVELS = (
    ("goal_area", "Målområde"),
    ("goal", "Mål"),
    ("result_goal", "Resultatmål"),
    ("sub_goal", "Delmål"),
)
_GOAL_TITLES = (
    "God och nära vård",
    "Minskad läkemedelspåverkan på miljön",
    "Attraktiv arbetsgivare",
    "Ekonomi i balans",
)


def _level(depth: int) -> PlanLevel:
    key, label = _LEVELS[depth] if depth < len(_LEVELS) else (f"level{depth}", f"Nivå {depth}")
    return PlanLevel(key=key, label=label)


def _follow_up_periods(node: Leaf) -> list[Period]:
    found: list[Period] = [judgement.period for judgement in node.judgements]
    found += [comment.period for comment in node.comments]
    if isinstance(node, Assignment | Activity):
        found += [report.period for report in node.reports]
    return found


def _reads_activities(scale: Scale) -> bool:
    try:
        scale.reading("done", of=ACTIVITY_STATUS)
    except InvalidScale:
        return False
    return True


def _default_leaves(scale: Scale, year: int) -> st.SearchStrategy[Leaf]:
    kinds: list[st.SearchStrategy[Any]] = [
        indicators(),
        yes_no_measures(),
        assignments(statuses=st.sampled_from([*scale.keys, None]), periods=_tertials(year)),
    ]
    if _reads_activities(scale):
        kinds.append(activities(periods=_tertials(year)))
    # Indicators first: a failing example shrinks towards a plan of indicators.
    return st.one_of(*kinds)


@attrs.frozen
class _PlanOptions:
    goals: tuple[int, int]
    leaves: tuple[int, int]
    max_depth: int
    leaf_strategy: st.SearchStrategy[Leaf] | None
    scales: st.SearchStrategy[Scale]
    validity_years: st.SearchStrategy[int]


@attrs.frozen
class _Shape:
    """A goal as drawn, before numbering: ids are given once the whole tree is known."""

    title: str
    goals: tuple[_Shape, ...]
    leaves: tuple[Leaf, ...]


def _shapes(
    options: _PlanOptions, leaves: st.SearchStrategy[Leaf], depth: int
) -> st.SearchStrategy[_Shape]:
    # Lists rather than a drawn count: the shrinker deletes list elements one by one, so a
    # failing plan loses the goals and leaves it does not need.
    sub_goals: st.SearchStrategy[list[_Shape]] = (
        st.lists(_shapes(options, leaves, depth + 1), max_size=options.goals[1])
        if depth + 1 < options.max_depth
        else st.just([])
    )
    return st.builds(
        lambda title, goals, found: _Shape(title=title, goals=tuple(goals), leaves=tuple(found)),
        st.sampled_from(_GOAL_TITLES),
        sub_goals,
        st.lists(leaves, min_size=options.leaves[0], max_size=options.leaves[1]),
    )


@st.composite
def _plans(draw: st.DrawFn, options: _PlanOptions) -> Plan:
    scale = draw(options.scales)
    year = draw(options.validity_years)
    leaves = (
        options.leaf_strategy if options.leaf_strategy is not None else _default_leaves(scale, year)
    )
    shapes = draw(
        st.lists(_shapes(options, leaves, 0), min_size=options.goals[0], max_size=options.goals[1])
    )
    counter = itertools.count(1)
    follow_up: list[Period] = []
    units: set[str] = set()

    def goal(shape: _Shape, depth: int) -> Goal:
        # Numbered in document order: the goal, its sub-goals, then its leaves (g1, g2, g1.3).
        goal_id = f"g{next(counter)}"
        children: list[Goal | Leaf] = [goal(sub, depth + 1) for sub in shape.goals]
        for drawn in shape.leaves:
            leaf = attrs.evolve(drawn, id=f"{goal_id}.{next(counter)}")
            follow_up.extend(_follow_up_periods(leaf))
            if isinstance(leaf, Indicator):
                found = (
                    [leaf.unit] + [getattr(rule, "unit", None) for rule in iter_rules(leaf.target)]
                    if leaf.target is not None
                    else [leaf.unit]
                )
                units.update(unit for unit in found if unit is not None)
            children.append(leaf)
        return Goal(
            id=goal_id, title=shape.title, level=_level(depth).key, children=tuple(children)
        )

    top = tuple(goal(shape, 0) for shape in shapes)
    validity = Period.year(year)
    if follow_up:
        # Follow-ups always lie inside the plan's validity: widen it to cover what leaves
        # brought with them.
        start = min([validity.start, *(period.start for period in follow_up)])
        end = max([validity.end, *(period.end for period in follow_up)])
        validity = (
            Period(start, end) if (start, end) != (validity.start, validity.end) else validity
        )
    return Plan(
        id="generated",
        title="Verksamhetsplan",
        organisation="Region Test",
        validity=validity,
        levels=tuple(_level(depth) for depth in range(options.max_depth)),
        goals=top,
        scale=scale,
        units=tuple(sorted(units - BUILTIN_UNITS)),
    )


def plans(
    *,
    min_goals: int = 1,
    max_goals: int = 3,
    max_depth: int = 2,
    min_leaves: int = 0,
    max_leaves: int = 3,
    leaves: st.SearchStrategy[Leaf] | None = None,
    scales: st.SearchStrategy[Scale] = st.just(TRAFFIC_LIGHT),
    validity_years: st.SearchStrategy[int] = st.integers(2019, 2024),
) -> st.SearchStrategy[Plan]:
    """Valid plans: a goal tree with unique ids, known levels and leaves that agree with it.

    Goals at each depth use the plan's level of that depth (*målområde → mål → resultatmål*);
    leaves get ids ``g1.2`` under goal ``g1``. A failing example shrinks towards one goal
    with one indicator.

    Args:
        min_goals: the fewest top-level goals (at least 1).
        max_goals: the most top-level goals, and the most sub-goals of a goal.
        max_depth: the number of goal levels.
        min_leaves: the fewest leaves under each goal.
        max_leaves: the most leaves under each goal.
        leaves: the leaves (indicators, yes/no measures, assignments, activities); their ids
            are replaced. By default a mix of all four, indicators first.
        scales: the plan's scale (activities are generated only for the traffic light).
        validity_years: the year the plan is valid for; widened to cover every follow-up
            period the leaves bring.

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import find
    >>> find(plans(), lambda plan: any(node.kind == "indicator" for node in plan))
    Plan(id='generated', title='Verksamhetsplan', organisation='Region Test', validity=Period('2019'), nodes=2)
    """  # noqa: E501 (a doctest output is one line)
    _check_range("min_goals", min_goals, "max_goals", max_goals, at_least=1)
    _check_int("max_depth", max_depth, at_least=1)
    _check_range("min_leaves", min_leaves, "max_leaves", max_leaves)
    if leaves is not None:
        _check_strategy("leaves", leaves)
    _check_strategy("scales", scales)
    _check_strategy("validity_years", validity_years)
    return _plans(
        _PlanOptions(
            goals=(min_goals, max_goals),
            leaves=(min_leaves, max_leaves),
            max_depth=max_depth,
            leaf_strategy=leaves,
            scales=scales,
            validity_years=validity_years,
        )
    )


# -- revisions -------------------------------------------------------------------------------
# Operations of every kind, drawn against the plan as it stands (written with issue 4).

_TEXTS = ("Ny lydelse", "Förtydligad lydelse", "Målet ska följas upp per tertial.", "")
_OPERATION_KINDS = (
    "strike",
    "reformulate",
    "change_target",
    "replace",
    "add",
    "move",
    "change_indicator",
    "add_series",
    "remove_series",
    "amend",
)


def _new_leaf(draw: st.DrawFn, node_id: str) -> Indicator:
    direction = draw(st.sampled_from(list(Direction)))
    comparison = draw(st.sampled_from([c for c in Comparison if c.direction is direction]))
    target = draw(st.none() | st.builds(Threshold, comparison=st.just(comparison), value=numbers()))
    return Indicator(id=node_id, title="Ny indikator", direction=direction, target=target)


def _new_node(draw: st.DrawFn, plan: Plan, node_id: str, *, goal: bool) -> Node:
    if not goal:
        return _new_leaf(draw, node_id)
    children = (_new_leaf(draw, f"{node_id}.1"),) if draw(st.booleans()) else ()
    level = draw(st.sampled_from([level.key for level in plan.levels]))
    return Goal(id=node_id, title="Nytt mål", level=level, children=children)


@st.composite
def _operation(draw: st.DrawFn, plan: Plan, fresh: str) -> Operation:
    nodes = [node.id for node in plan.walk()]
    goals = [node.id for node in plan.walk() if isinstance(node, Goal)]
    indicators = [node for node in plan.walk() if isinstance(node, Indicator)]
    if not nodes:  # everything was struck: only adding a goal applies
        return Add(node=_new_node(draw, plan, fresh, goal=True))
    kind = draw(st.sampled_from(_OPERATION_KINDS))
    node_id = draw(st.sampled_from(nodes))
    position = draw(st.none() | st.integers(0, 4))
    if kind == "strike":
        return Strike(id=node_id, cascade=draw(st.booleans()))
    if kind == "move":
        parent = draw(st.none() | st.sampled_from(goals))
        return Move(id=node_id, parent=parent, position=position)
    if kind == "add":
        parent = draw(st.none() | st.sampled_from(goals))
        node = _new_node(draw, plan, fresh, goal=parent is None or draw(st.booleans()))
        return Add(parent=parent, node=node, position=position)
    if kind == "replace":
        return Replace(id=node_id, by=_new_node(draw, plan, fresh, goal=draw(st.booleans())))
    if kind == "amend":
        node = plan[node_id]
        changed = attrs.evolve(node, description=draw(st.sampled_from(_TEXTS)))
        if isinstance(changed, Goal):
            changed = attrs.evolve(changed, owner=draw(st.sampled_from(["HSN", "RS"])), children=())
        return Amend(id=node_id, node=changed)
    if kind == "reformulate" or not indicators:
        title = draw(st.none() | st.sampled_from(_TEXTS[:2]))
        description = draw(st.sampled_from(_TEXTS)) if title is None else None
        return Reformulate(id=node_id, title=title, description=description)
    indicator = draw(st.sampled_from(indicators))
    if kind == "change_target":
        comparison = draw(
            st.sampled_from([c for c in Comparison if c.direction is indicator.direction])
        )
        rule = st.builds(
            Threshold,
            comparison=st.just(comparison),
            value=numbers(),
            unit=st.just(indicator.unit),
        )
        return ChangeTarget(id=indicator.id, target=draw(st.none() | rule))
    if kind == "change_indicator":
        return ChangeIndicator(
            id=indicator.id,
            source=draw(st.sampled_from(["Kolada", "Nationell patientenkät"])),
            direction=draw(st.none() | st.sampled_from(list(Direction))),
        )
    if kind == "add_series":
        key = draw(st.sampled_from(["women", "men", "age_65"]))
        return AddSeries(id=indicator.id, series=Series(key=key), position=position)
    key = draw(st.sampled_from([series.key for series in indicator.series]))
    return RemoveSeries(id=indicator.id, key=key)


_TRIES_PER_OPERATION = 4


@st.composite
def _revisions(
    draw: st.DrawFn, plan: Plan, sizes: tuple[int, int], bodies: st.SearchStrategy[str]
) -> Revision:
    wanted = draw(st.integers(*sizes))
    operations: list[Operation] = []
    current = plan
    for attempt in range(wanted * _TRIES_PER_OPERATION):
        if len(operations) == wanted:
            break
        # Fresh ids carry the version: an id is never reused, even after a strike.
        operation = draw(_operation(current, f"v{plan.version}-new{attempt}"))
        try:
            current = apply_revision(current, [operation])
        except MalstyrningError:
            continue
        operations.append(operation)
    while len(operations) < sizes[0]:
        # Adding a goal at the top level always applies.
        fresh = next(
            f"v{plan.version}-added{n}"
            for n in itertools.count()
            if f"v{plan.version}-added{n}" not in current
        )
        operation = Add(node=Goal(id=fresh, title="Nytt mål", level=plan.levels[0].key))
        current = apply_revision(current, [operation])
        operations.append(operation)
    start, end = plan.validity.start, plan.validity.end
    if plan.history:
        start = max(start, plan.history[-1].revision.in_force)
    body = draw(bodies)
    decided = draw(st.dates(min_value=start, max_value=max(start, end)))
    number = draw(st.integers(1, 200))
    # A decision is applied once: never the body, date and paragraph of one in the history.
    taken = {(e.revision.body, e.revision.decided, e.revision.paragraph) for e in plan.history}
    while (body, decided, f"§ {number}") in taken:
        number += 1
    return Revision(
        body=body,
        decided=decided,
        paragraph=f"§ {number}",
        operations=tuple(operations),
    )


def revisions(
    plan: Plan,
    *,
    min_size: int = 1,
    max_size: int = 3,
    bodies: st.SearchStrategy[str] = st.sampled_from(["HSN", "RS", "RUN"]),
) -> st.SearchStrategy[Revision]:
    """Revisions that apply to ``plan``, with operations of every kind.

    Strikes, rewordings, new targets, replacements, additions, moves, indicator changes,
    added and removed series and amendments are drawn against the plan as the earlier
    operations left it; one that does not fit there (a strike of a goal whose children cannot
    move up, a move into its own subtree) is drawn again, so the revision always applies. It
    takes effect inside the plan's validity, never before a revision already applied. Draw
    the plan first, e.g. with ``st.data()`` or ``plans().flatmap(revisions)``.

    Args:
        plan: the plan to revise.
        min_size: the fewest operations.
        max_size: the most operations.
        bodies: the body that decides (``HSN``).

    Raises:
        InvalidArgument: a bad option.

    >>> from hypothesis import given
    >>> from malstyrning.examples import load
    >>> from malstyrning.revisions import apply
    >>> plan = load("jamtland-harjedalen-2020")
    >>> @given(revisions(plan))
    ... def test_applies(revision):
    ...     assert apply(plan, revision).version == 2
    >>> test_applies()
    """
    if not isinstance(plan, Plan):
        raise InvalidArgument(f"plan={plan!r} must be a Plan (draw it first)")
    _check_range("min_size", min_size, "max_size", max_size, at_least=1)
    _check_strategy("bodies", bodies)
    return _revisions(plan, (min_size, max_size), bodies)


# -- registration for st.from_type ---------------------------------------------------------


def _register() -> None:
    simple = (*SIMPLE_RULES, Composite)
    registered: dict[type, st.SearchStrategy[Any]] = {
        Period: periods(),
        Tolerance: tolerances(),
        **{kind: target_rules(types=[kind]) for kind in SIMPLE_RULES},
        **{kind: target_rules(types=[kind], references=["riket"]) for kind in _REFERENCE_RULES},
        Threshold: thresholds(),
        Composite: target_rules(types=[Composite]),
        SeriesTarget: target_rules(types=[SeriesTarget], series=["women", "men"]),
        YesNo: st.builds(YesNo, expected=st.booleans()),
        TargetLevel: st.builds(TargetLevel, years(), numbers()),
        Measurement: measurements(),
        Indicator: indicators(rules=st.none() | target_rules(types=simple)),
        YesNoMeasure: yes_no_measures(),
        Assignment: assignments(),
        Activity: activities(),
        Scale: scales(),
        Plan: plans(),
        Revision: plans().flatmap(revisions),
        Goal: plans(max_goals=1).map(lambda plan: plan.goals[0]),
    }
    for cls, strategy in registered.items():
        st.register_type_strategy(cls, strategy)


_register()
