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


# A 2024 follow-up as regions print it (issue 14): 4 goal areas with key figures and
# assignments by colour, and 731 activities counted by their own status: 58 done, 425
# ongoing, 24 delayed, 224 planned. Shared by the summary tests and the report tests.
FOLLOWUP_PERIOD = Period("2024-T2")
FOLLOWUP_ACTIVITIES = {"done": 58, "ongoing": 425, "delayed": 24, "planned": 224}
# Per goal area: key figures as (green, yellow, red, not assessed), assignments as
# (green, yellow, red, not reported) and activities per status.
FOLLOWUP_AREAS = (
    (
        "invanare",
        "Invånare och samhälle",
        (3, 1, 1, 0),
        (2, 1, 0, 0),
        {"done": 20, "ongoing": 100, "delayed": 5, "planned": 60},
    ),
    (
        "verksamhet",
        "Verksamhet",
        (2, 0, 2, 1),
        (1, 2, 1, 0),
        {"done": 15, "ongoing": 150, "delayed": 10, "planned": 80},
    ),
    (
        "medarbetare",
        "Medarbetare",
        (4, 1, 0, 0),
        (0, 1, 0, 1),
        {"done": 13, "ongoing": 75, "delayed": 4, "planned": 44},
    ),
    (
        "ekonomi",
        "Ekonomi",
        (1, 1, 1, 1),
        (1, 0, 1, 0),
        {"done": 10, "ongoing": 100, "delayed": 5, "planned": 40},
    ),
)


def _key_figure(node_id, value):
    # At least 80, with a tolerance of 5: 90 is green, 78 yellow, 60 red, None not assessed.
    from malstyrning.rules import Tolerance

    measurements = () if value is None else (Measurement(period=FOLLOWUP_PERIOD, value=value),)
    return Indicator(
        id=node_id,
        title=f"Nyckeltal {node_id}",
        unit="%",
        target=Threshold(
            comparison=Comparison.AT_LEAST, value=D(80), unit="%", tolerance=Tolerance(D(5))
        ),
        series=(Series(key="total", measurements=measurements),),
    )


def followup_2024_plan():
    """The 2024 follow-up plan: 4 areas, key figures, assignments and 731 activities."""
    from malstyrning import Activity, Assignment, Report

    areas = []
    for area_id, title, figures, assignments, activities in FOLLOWUP_AREAS:
        values = [D(90)] * figures[0] + [D(78)] * figures[1] + [D(60)] * figures[2]
        values += [None] * figures[3]
        key_figures = [_key_figure(f"{area_id}-nt{n}", v) for n, v in enumerate(values, 1)]
        statuses = ["green"] * assignments[0] + ["yellow"] * assignments[1]
        statuses += ["red"] * assignments[2] + [None] * assignments[3]
        tasks = [
            Assignment(
                id=f"{area_id}-u{n}",
                title=f"Uppdrag {n}",
                reports=() if status is None else (Report(period=FOLLOWUP_PERIOD, status=status),),
            )
            for n, status in enumerate(statuses, 1)
        ]
        done = [
            Activity(
                id=f"{area_id}-a{status}{n}",
                title=f"Aktivitet {n}",
                reports=(Report(period=FOLLOWUP_PERIOD, status=status),),
                # Some activities serve a key figure and an assignment besides their goal.
                serves=(key_figures[0].id, tasks[0].id) if n == 1 else (),
            )
            for status, count in activities.items()
            for n in range(1, count + 1)
        ]
        goal = Goal(
            id=f"{area_id}-mal",
            title=f"Mål för {title.lower()}",
            level="goal",
            children=(*key_figures, *tasks, *done),
        )
        areas.append(Goal(id=area_id, title=title, level="area", children=(goal,)))
    return Plan(
        id="uppfoljning-2024",
        title="Uppföljning per augusti 2024",
        organisation="Region Exempel",
        validity=Period("2024"),
        levels=(
            PlanLevel(key="area", label="Målområde", labels={"en": "Goal area", "nb": "Målområde"}),
            PlanLevel(key="goal", label="Mål", labels={"en": "Goal", "nb": "Mål"}),
        ),
        goals=tuple(areas),
        reporting_period=FOLLOWUP_PERIOD,
        kinds={
            "indicator": {"sv": "Nyckeltal", "en": "Key figures", "nb": "Nøkkeltall"},
            "assignment": {"sv": "Uppdrag", "en": "Assignments", "nb": "Oppdrag"},
            "activity": {"sv": "Aktiviteter", "en": "Activities", "nb": "Aktiviteter"},
        },
    )
