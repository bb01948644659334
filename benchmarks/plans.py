"""Generated plans of a given size, shaped like the seeds, for benchmarks."""

from __future__ import annotations

from decimal import Decimal

from malstyrning import Goal, Indicator, Measurement, Period, Plan, PlanLevel, Series
from malstyrning.rules import Comparison, Direction, TargetLevel, Threshold, Trajectory

YEARS = [Period.year(year) for year in (2019, 2020, 2021)]


def _indicator(number: int) -> Indicator:
    lower = number % 3 == 0
    measurements = tuple(
        Measurement(period=period, value=Decimal(f"{50 + (number * 7 + i * 3) % 50}.{number % 10}"))
        for i, period in enumerate(YEARS)
    )
    if number % 2:
        target = Threshold(
            comparison=Comparison.AT_MOST if lower else Comparison.AT_LEAST,
            value=Decimal(f"{60 + number % 30}.5"),
        )
    else:
        target = Trajectory(
            levels=(
                TargetLevel(Period("2022"), Decimal(85)),
                TargetLevel(Period("2024"), Decimal(87)),
            )
        )
    return Indicator(
        id=f"i{number}",
        title=f"Indikator {number}",
        unit="%",
        direction=Direction.LOWER_IS_BETTER if lower else Direction.HIGHER_IS_BETTER,
        target=target,
        source="Nationell patientenkät",
        series=(Series(key="total", measurements=measurements),),
    )


def generated_plan(*, indicators: int, per_goal: int = 10, goals_per_area: int = 10) -> Plan:
    """A plan of goal areas → goals → ``per_goal`` indicators, ``indicators`` in all."""
    goals = []
    made = 0
    while made < indicators:
        count = min(per_goal, indicators - made)
        children = tuple(_indicator(made + i) for i in range(count))
        goals.append(
            Goal(
                id=f"g{len(goals)}",
                title=f"Mål {len(goals)}",
                level="goal",
                owner="Hälso- och sjukvårdsnämnden",
                children=children,
            )
        )
        made += count
    areas = tuple(
        Goal(
            id=f"a{start}",
            title=f"Målområde {start}",
            level="goal_area",
            children=tuple(goals[start : start + goals_per_area]),
        )
        for start in range(0, len(goals), goals_per_area)
    )
    return Plan(
        id="generated",
        title="Genererad plan",
        organisation="Region Test",
        validity=Period("2022-01-01/2024-12-31"),
        levels=(PlanLevel("goal_area", "Målområde"), PlanLevel("goal", "Mål")),
        goals=areas,
    )
