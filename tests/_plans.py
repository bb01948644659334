"""Small plans for evaluator tests: one goal, indicators with a threshold, levels or a band."""

from decimal import Decimal as D

from malstyrning import Goal, Indicator, Measurement, Period, Plan, PlanLevel, Series
from malstyrning.rules import Comparison, TargetLevel, Threshold, Trajectory, kind

P2018 = Period("2018")
Y2019 = Period("2019")


def indicator(node_id, measurements):
    return Indicator(
        id=node_id,
        title="I",
        target=Threshold(comparison=Comparison.AT_LEAST, value=1),
        series=(Series(key="total", measurements=measurements),),
    )


def plan_of(*children, reporting_period=None, levels=True):
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål"),) if levels else (),
        goals=(Goal(id="g", title="G", level="goal", children=children),) if levels else (),
        reporting_period=reporting_period,
    )


def outcomes(**values):
    return tuple(Measurement(period=Period(p), value=v) for p, v in values.items())


def trajectory_indicator(unit="dagar", rule_unit=None):
    return Indicator(
        id="i",
        title="I",
        unit=unit,
        target=Trajectory(
            levels=(TargetLevel(Y2019, 5), TargetLevel(Period("2022"), 8)), unit=rule_unit
        ),
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2018"), value=4),
                    Measurement(period=Y2019, value=5, comment="preliminärt"),
                ),
            ),
        ),
    )


# An indicator in percent with outcomes around a band of 85 to 95 (rules/band.py).
BAND_YEARS = ("2019", "2020", "2021", "2022", "2023", "2024")
BAND_VALUES = ("84", "84.5", "85", "90", "95", "96")


def band(**fields):
    return kind("band")(**{"low": D(85), "high": D(95), "unit": "%", **fields})


def band_plan(rule):
    measurements = tuple(
        Measurement(period=Period(year), value=D(value))
        for year, value in zip(BAND_YEARS, BAND_VALUES, strict=True)
    )
    node = Indicator(
        id="andel",
        title="Andel",
        unit="%",
        target=rule,
        series=(Series(key="total", measurements=measurements),),
    )
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019-01-01/2024-12-31"),
        levels=(PlanLevel(key="goal", label="Mål"),),
        goals=(Goal(id="g", title="G", level="goal", children=(node,)),),
    )
