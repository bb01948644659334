"""Hypothesis strategies for malstyrning's own types, for property-based tests of status rules.

Install with the ``testing`` extra (``pip install "malstyrning[testing]"``); the core library
never imports hypothesis. Options take strategies and are keyword-only, as in Hypothesis.

>>> from hypothesis import given
>>> from malstyrning import Direction
>>> @given(indicators(directions=st.just(Direction.LOWER_IS_BETTER)))
... def test_lower_is_better(indicator):
...     assert indicator.direction is Direction.LOWER_IS_BETTER
>>> test_lower_is_better()
"""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from malstyrning.model import Goal, Indicator, Measurement, Plan, PlanLevel, Series
from malstyrning.periods import Period, PeriodKind
from malstyrning.rules import (
    Change,
    Comparison,
    Composite,
    CompositeMode,
    Direction,
    Maintain,
    Rule,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
)
from malstyrning.scales import NotAssessedReason

__all__ = [
    "directions",
    "indicators",
    "numbers",
    "periods",
    "plans",
    "target_rules",
    "thresholds",
    "years",
]


def numbers(
    *, min_value: int = -10_000, max_value: int = 10_000, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``places`` decimals, as plans write them."""
    if min_value > max_value:
        raise InvalidArgument(f"min_value={min_value} is greater than max_value={max_value}")
    return st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def years(*, min_year: int = 2010, max_year: int = 2030) -> st.SearchStrategy[Period]:
    """Calendar years as periods."""
    if min_year > max_year:
        raise InvalidArgument(f"min_year={min_year} is greater than max_year={max_year}")
    return st.integers(min_year, max_year).map(Period.year)


@st.composite
def _calendar_period(draw: st.DrawFn, kind: PeriodKind, year: int) -> Period:
    counts = {
        PeriodKind.YEAR: 1,
        PeriodKind.HALF: 2,
        PeriodKind.TERTIAL: 3,
        PeriodKind.QUARTER: 4,
        PeriodKind.MONTH: 12,
    }
    index = draw(st.integers(1, counts[kind]))
    make = {
        PeriodKind.YEAR: lambda: Period.year(year),
        PeriodKind.HALF: lambda: Period.half(year, index),
        PeriodKind.TERTIAL: lambda: Period.tertial(year, index),
        PeriodKind.QUARTER: lambda: Period.quarter(year, index),
        PeriodKind.MONTH: lambda: Period.month(year, index),
    }
    return make[kind]()


@st.composite
def periods(
    draw: st.DrawFn,
    *,
    kinds: st.SearchStrategy[PeriodKind] = st.sampled_from(list(PeriodKind)),
    min_year: int = 2000,
    max_year: int = 2040,
) -> Period:
    """Periods of every kind, ranges included."""
    kind = draw(kinds)
    if kind is PeriodKind.RANGE:
        start = draw(
            st.dates(min_value=Period.year(min_year).start, max_value=Period.year(max_year).end)
        )
        length = draw(st.integers(0, 800))
        end = Period(start, start).shift(length).end if length else start
        return Period(start, end)
    return draw(_calendar_period(kind, draw(st.integers(min_year, max_year))))


def directions() -> st.SearchStrategy[Direction]:
    """Higher or lower is better."""
    return st.sampled_from(list(Direction))


def _tolerances(values: st.SearchStrategy[Decimal]) -> st.SearchStrategy[Tolerance | None]:
    return st.none() | st.builds(
        Tolerance,
        values.filter(lambda amount: amount > 0),
        relative=st.booleans(),
    )


def thresholds(
    *,
    comparisons: st.SearchStrategy[Comparison] = st.sampled_from(list(Comparison)),
    values: st.SearchStrategy[Decimal] | None = None,
    tolerances: st.SearchStrategy[Tolerance | None] | None = None,
) -> st.SearchStrategy[Threshold]:
    """Threshold rules (at least / at most / more than / less than), with or without a band."""
    values = numbers() if values is None else values
    return st.builds(
        Threshold,
        comparison=comparisons,
        value=values,
        tolerance=_tolerances(numbers(min_value=0, max_value=100))
        if tolerances is None
        else tolerances,
    )


@st.composite
def target_rules(
    draw: st.DrawFn,
    *,
    direction: Direction | None = None,
    baseline_years: st.SearchStrategy[Period] | None = None,
    max_parts: int = 3,
) -> Rule:
    """Single-series target rules agreeing with ``direction`` (any direction if None).

    Covers thresholds, changes against a baseline year, maintain, trajectories and
    composites of those; per-series and reference rules need series and are built by
    :func:`indicators`.
    """
    if max_parts < 1:
        raise InvalidArgument(f"max_parts={max_parts} must be at least 1")
    wanted = direction or draw(directions())
    baselines = baseline_years or years(min_year=2010, max_year=2018)
    comparisons = [c for c in Comparison if c.direction is wanted]
    tolerance = _tolerances(numbers(min_value=0, max_value=100))
    simple = st.one_of(
        thresholds(comparisons=st.sampled_from(comparisons), tolerances=tolerance),
        st.builds(Maintain, level=numbers(), tolerance=tolerance),
        st.tuples(st.none() | numbers(min_value=0, max_value=50), st.booleans()).flatmap(
            lambda amount: st.builds(
                Change,
                baseline=baselines,
                direction=st.just(wanted),
                by=st.just(amount[0]),
                relative=st.just(amount[1] and amount[0] is not None),
                tolerance=tolerance,
            )
        ),
        st.lists(numbers(), min_size=1, max_size=3).flatmap(
            lambda values: st.builds(
                Trajectory,
                levels=st.just(
                    tuple(
                        TargetLevel(Period.year(2019 + 2 * i), value)
                        for i, value in enumerate(values)
                    )
                ),
                tolerance=tolerance,
            )
        ),
    )
    if draw(st.integers(0, 4)) == 0 and max_parts > 1:
        parts = tuple(draw(st.lists(simple, min_size=1, max_size=max_parts)))
        mode = draw(st.sampled_from(list(CompositeMode)))
        k = draw(st.integers(1, len(parts))) if mode is CompositeMode.AT_LEAST else None
        return Composite(rules=parts, mode=mode, k=k)
    return draw(simple)


@st.composite
def indicators(
    draw: st.DrawFn,
    *,
    directions: st.SearchStrategy[Direction] = st.sampled_from(list(Direction)),
    years: st.SearchStrategy[list[int]] | None = None,
    missing: st.SearchStrategy[bool] = st.booleans(),
    ids: st.SearchStrategy[str] = st.just("indicator"),
) -> Indicator:
    """Indicators with a ``total`` series, yearly outcomes (some missing) and a rule."""
    direction = draw(directions)
    observed = draw(
        years
        if years is not None
        else st.lists(st.integers(2010, 2025), min_size=0, max_size=5, unique=True)
    )
    measurements = []
    for year in sorted(observed):
        if draw(missing) and draw(st.integers(0, 3)) == 0:
            measurements.append(
                Measurement(period=Period.year(year), missing=NotAssessedReason.MEASURED_LATER)
            )
        else:
            measurements.append(Measurement(period=Period.year(year), value=draw(numbers())))
    rule = draw(st.none() | target_rules(direction=direction))
    return Indicator(
        id=draw(ids),
        title="Indikator",
        direction=direction,
        target=rule,
        series=(Series(key="total", measurements=tuple(measurements)),),
    )


@st.composite
def plans(
    draw: st.DrawFn, *, max_goals: int = 4, max_indicators: int = 4, max_depth: int = 2
) -> Plan:
    """Valid plans: unique ids, known levels, rules that agree with their indicators."""
    if max_depth < 1:
        raise InvalidArgument(f"max_depth={max_depth} must be at least 1")
    counter = itertools.count()
    levels = tuple(PlanLevel(key=f"level{i}", label=f"Nivå {i}") for i in range(max_depth))

    def goal(depth: int) -> Goal:
        children: list[Goal | Indicator] = []
        if depth + 1 < max_depth and draw(st.booleans()):
            children += [goal(depth + 1) for _ in range(draw(st.integers(1, max_goals)))]
        children += [
            draw(indicators(ids=st.just(f"i{next(counter)}")))
            for _ in range(draw(st.integers(0, max_indicators)))
        ]
        return Goal(
            id=f"g{next(counter)}", title="Mål", level=f"level{depth}", children=tuple(children)
        )

    return Plan(
        id="generated",
        title="Genererad plan",
        organisation="Region Test",
        validity=Period("2019"),
        levels=levels,
        goals=tuple(goal(0) for _ in range(draw(st.integers(1, max_goals)))),
    )
