"""What pace is judged towards: a trajectory's next level (or its last once passed), one
entry per series a rule names, a threshold's value by the method's target year, or the growth
alone where the method asks for it; and where growth is measured from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

import attrs
import pytest

from malstyrning.i18n import Message
from malstyrning.model import Measurement, Series
from malstyrning.pace import PaceTarget, assess_pace, pace_targets
from malstyrning.pace_method import DEFAULT_PACE_METHOD, BaseChoice, PaceMethod
from malstyrning.periods import Period
from malstyrning.rules import (
    Bound,
    Comparison,
    Composite,
    Demand,
    Direction,
    Maintain,
    Rule,
    SeriesTarget,
    TargetLevel,
    Threshold,
    Trajectory,
)

UP = Direction.HIGHER_IS_BETTER
P = Period
LEVEL_2020 = TargetLevel(P("2020"), Decimal(5))
LEVEL_2022 = TargetLevel(P("2022"), Decimal(8))
LEVEL_2024 = TargetLevel(P("2024"), Decimal(9))
TRAJECTORY = Trajectory(levels=(LEVEL_2020, LEVEL_2022), unit="%")
WOMEN = SeriesTarget(series="women", rule=TRAJECTORY)
MEN = SeriesTarget(series="men", rule=Trajectory(levels=(LEVEL_2024,)))
THRESHOLD = Threshold(comparison=Comparison.AT_LEAST, value=Decimal(7), unit="%")
BY_2030 = PaceMethod(target_period=P("2030"))


@pytest.mark.parametrize(
    ("period", "level"),
    [("2019", LEVEL_2020), ("2020", LEVEL_2022), ("2021", LEVEL_2022), ("2023", LEVEL_2022)],
)
def test_a_trajectory_is_judged_towards_its_next_level_or_its_last(period, level):
    assert pace_targets(TRAJECTORY, P(period), UP, DEFAULT_PACE_METHOD) == [
        PaceTarget(None, level, "%")
    ]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (WOMEN, [PaceTarget("women", LEVEL_2022, "%")]),
        # One entry per series, in the rule's order; a series named twice counts once.
        (
            Composite(rules=(WOMEN, WOMEN, MEN)),
            [PaceTarget("women", LEVEL_2022, "%"), PaceTarget("men", LEVEL_2024, None)],
        ),
        (
            Composite(rules=(TRAJECTORY, WOMEN)),
            [PaceTarget(None, LEVEL_2022, "%"), PaceTarget("women", LEVEL_2022, "%")],
        ),
        # A series stated around a composite holds for its parts, unless they name their own.
        (
            SeriesTarget(series="women", rule=Composite(rules=(TRAJECTORY, MEN))),
            [PaceTarget("women", LEVEL_2022, "%"), PaceTarget("men", LEVEL_2024, None)],
        ),
    ],
    ids=["one series", "two series", "main and one series", "inherited series"],
)
def test_each_series_a_rule_names_is_judged_towards_its_own_trajectory(rule, expected):
    assert pace_targets(rule, P("2021"), UP, DEFAULT_PACE_METHOD) == expected


def test_a_threshold_is_judged_towards_its_value_by_the_methods_target_period():
    assert pace_targets(THRESHOLD, P("2021"), UP, DEFAULT_PACE_METHOD) == []
    assert pace_targets(THRESHOLD, P("2021"), UP, BY_2030) == [
        PaceTarget(None, TargetLevel(P("2030"), Decimal(7)), "%")
    ]
    (women,) = pace_targets(SeriesTarget(series="women", rule=THRESHOLD), P("2021"), UP, BY_2030)
    # A level to maintain follows the indicator's direction; two thresholds state no one value.
    assert pace_targets(Maintain(level=Decimal(7)), P("2021"), UP, BY_2030) == [
        PaceTarget(None, TargetLevel(P("2030"), Decimal(7)))
    ]
    both = Composite(rules=(THRESHOLD, Threshold(comparison=Comparison.AT_MOST, value=Decimal(9))))
    assert pace_targets(both, P("2021"), UP, BY_2030) == []
    assert (women.series, women.target) == ("women", TargetLevel(P("2030"), Decimal(7)))


def test_growth_alone_is_judged_only_where_the_method_asks_and_no_target_is_found():
    alone = PaceMethod(without_target=True)
    assert pace_targets(None, P("2021"), UP, alone) == [PaceTarget(None, None)]
    assert pace_targets(THRESHOLD, P("2021"), UP, alone) == [PaceTarget(None, None)]
    assert pace_targets(None, P("2021"), UP, BY_2030) == []
    both = PaceMethod(target_period=P("2030"), without_target=True)
    assert pace_targets(THRESHOLD, P("2021"), UP, both) == [
        PaceTarget(None, TargetLevel(P("2030"), Decimal(7)), "%")
    ]
    assert pace_targets(TRAJECTORY, P("2021"), UP, alone) == [PaceTarget(None, LEVEL_2022, "%")]


# -- the base ------------------------------------------------------------------------------


SERIES = Series(
    key="total",
    measurements=tuple(
        Measurement(period=P(str(year)), value=Decimal(value))
        for year, value in ((2016, 1), (2018, 2), (2019, 4), (2020, 8))
    ),
)


@pytest.mark.parametrize(
    ("method", "base"),
    [
        (DEFAULT_PACE_METHOD, "2016"),
        (PaceMethod(base=BaseChoice.FIXED, base_period=P("2018")), "2018"),
        (PaceMethod(base=BaseChoice.FIXED, base_period=P("2019")), "2019"),
        (PaceMethod(base=BaseChoice.FIRST_FROM, base_period=P("2017")), "2018"),
        (PaceMethod(base=BaseChoice.FIRST_FROM, base_period=P("2018")), "2018"),
        (PaceMethod(base=BaseChoice.FIRST_FROM, base_period=P("2015")), "2016"),
    ],
)
def test_growth_is_measured_from_the_base_the_method_chooses(method, base):
    pace = assess_pace(SERIES, P("2020"), TargetLevel(P("2024"), Decimal(100)), UP, method=method)
    assert pace.base_period == P(base)
    assert pace.baseline == SERIES.get(P(base))


@pytest.mark.parametrize(
    "method",
    [
        PaceMethod(base=BaseChoice.FIXED, base_period=P("2017")),
        PaceMethod(base=BaseChoice.FIXED, base_period=P("2020")),
        PaceMethod(base=BaseChoice.FIRST_FROM, base_period=P("2020")),
    ],
)
def test_without_an_outcome_for_the_chosen_base_there_is_no_baseline(method):
    pace = assess_pace(SERIES, P("2020"), TargetLevel(P("2024"), Decimal(100)), UP, method=method)
    assert pace.not_assessed.reason.value == "no_baseline"
    assert pace.baseline is None


# -- composites: each series towards its own level -----------------------------------------


THREE_LEVELS = Trajectory(levels=(LEVEL_2020, LEVEL_2022, LEVEL_2024))


@pytest.mark.parametrize(
    ("period", "women", "men"),
    [
        ("2019", LEVEL_2020, LEVEL_2024),
        ("2021", LEVEL_2022, LEVEL_2024),
        ("2025", LEVEL_2024, LEVEL_2024),
    ],
    ids=["before the first", "between two", "after the last"],
)
def test_each_series_of_a_composite_is_judged_towards_its_next_level_or_its_last(
    period: str, women: TargetLevel, men: TargetLevel
) -> None:
    rule = Composite(rules=(SeriesTarget(series="women", rule=THREE_LEVELS), MEN))
    assert pace_targets(rule, P(period), UP, DEFAULT_PACE_METHOD) == [
        PaceTarget("women", women, None),
        PaceTarget("men", men, None),
    ]


def test_a_series_named_again_in_a_part_counts_once_and_its_other_series_still_count() -> None:
    rule = Composite(rules=(WOMEN, Composite(rules=(WOMEN, MEN))))
    assert pace_targets(rule, P("2021"), UP, DEFAULT_PACE_METHOD) == [
        PaceTarget("women", LEVEL_2022, "%"),
        PaceTarget("men", LEVEL_2024, None),
    ]


@attrs.frozen
class _YearFloor(Rule):
    """At least the number of the year judged: a demand that changes with the period."""

    tag: ClassVar[str] = "test_year_floor"

    def demand(self, period: Period, direction: Direction | None) -> Demand:
        return Demand(bounds=(Bound(direction=UP, target=Decimal(period.format())),))

    def describe(self) -> Message:
        return Message.of("rule.yes_no", expected=True)


def test_a_rule_without_levels_is_judged_towards_what_it_demands_in_the_period_judged() -> None:
    assert pace_targets(_YearFloor(), P("2021"), UP, BY_2030) == [
        PaceTarget(None, TargetLevel(P("2030"), Decimal(2021)))
    ]
    assert pace_targets(_YearFloor(), P("2023"), UP, BY_2030) == [
        PaceTarget(None, TargetLevel(P("2030"), Decimal(2023)))
    ]
