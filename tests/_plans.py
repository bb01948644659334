"""Small plans for evaluator tests: one goal, indicators with a threshold or a trajectory."""

from malstyrning import Goal, Indicator, Measurement, Period, Plan, PlanLevel, Series
from malstyrning.rules import Comparison, TargetLevel, Threshold, Trajectory

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
