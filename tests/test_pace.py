"""The pace towards a trajectory's next target level: method, ratios, categories and words."""

from decimal import Decimal

import pytest
from attrs import evolve as attrs_evolve

from _plans import Y2019, outcomes, plan_of, trajectory_indicator
from malstyrning import Indicator, Measurement, NotAssessedReason, Period, Series, evaluate
from malstyrning.rules import SeriesTarget, TargetLevel, Trajectory


def test_pace_follows_the_series_a_per_series_trajectory_names():
    from malstyrning.rules import SeriesTarget

    women = Series(
        key="women",
        measurements=(
            Measurement(period=Period("2019"), value=10),
            Measurement(period=Period("2020"), value=20),
        ),
    )
    total = Series(key="total", measurements=(Measurement(period=Period("2020"), value=1),))
    node = Indicator(
        id="i",
        title="I",
        unit="%",
        target=SeriesTarget(
            series="women", rule=Trajectory(levels=(TargetLevel(Period("2022"), 30),))
        ),
        series=(total, women),
    )
    pace = evaluate(plan_of(node), period="2020")["i"].pace
    assert pace.baseline.value == Decimal(10)
    assert pace.current.value == Decimal(20)
    assert pace.status == "on_track"
    assert "%" in pace.explanation.render(locale="en")


@pytest.mark.parametrize(("rule_unit", "unit"), [(None, "%"), ("%", None)])
def test_pace_shows_values_in_the_trajectorys_or_the_indicators_unit(rule_unit, unit):
    node = Indicator(
        id="i",
        title="I",
        unit=unit,
        target=Trajectory(levels=(TargetLevel(Period("2022"), 30),), unit=rule_unit),
        series=(Series(key="total", measurements=outcomes(**{"2019": 10, "2020": 20})),),
    )
    pace = evaluate(plan_of(node), period="2020")["i"].pace
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2019 is 226% of what is needed to reach 30% by 2022."
    )


@pytest.mark.parametrize(
    ("start", "now", "target", "way", "method"),
    [
        # Compound growth whenever baseline, outcome and target are all positive, however small.
        ("0.5", "0.8", "2", "higher_is_better", "compound"),
        ("2", "1", "0.5", "lower_is_better", "compound"),
        # Linear as soon as one of them is zero or negative.
        ("0", "1", "2", "higher_is_better", "linear"),
        ("1", "0", "2", "higher_is_better", "linear"),
        ("2", "1", "0", "lower_is_better", "linear"),
        ("-1", "1", "2", "higher_is_better", "linear"),
    ],
)
def test_pace_grows_compound_only_between_positive_values(start, now, target, way, method):
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    series = Series(
        key="total", measurements=outcomes(**{"2019": Decimal(start), "2020": Decimal(now)})
    )
    level = TargetLevel(Period("2022"), target)
    pace = judge_pace(series, Period("2020"), level, Direction(way))
    assert pace.method.value == method
    assert pace.ratio == pace.observed_growth / pace.required_growth


def test_pace_without_two_outcomes_says_why():
    from malstyrning import NotAssessed
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    level = TargetLevel(Period("2022"), 5)
    single = Series(key="total", measurements=outcomes(**{"2020": 1}))
    pace = judge_pace(single, Period("2020"), level, Direction.HIGHER_IS_BETTER)
    assert pace.not_assessed == NotAssessed(NotAssessedReason.NO_BASELINE, "")
    assert pace.current == Measurement(period=Period("2020"), value=1)
    assert pace.explanation.render(locale="en") == (
        "The pace towards the 2022 target level cannot be assessed: it needs at least two outcomes."
    )
    pace = judge_pace(single, Period("2021"), level, Direction.HIGHER_IS_BETTER)
    assert pace.not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "")


@pytest.mark.parametrize(
    ("now", "status"),
    [("19", "on_track"), ("12", "acceleration_needed"), ("0", "limited_progress")],
)
def test_pace_ratios_of_exactly_95_60_and_0_percent_reach_the_better_category(now, status):
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    # From 0 in 2019 towards 60 in 2022 (linear): 19 in 2020 is 95 % of the pace needed.
    series = Series(key="total", measurements=outcomes(**{"2019": 0, "2020": Decimal(now)}))
    pace = judge_pace(
        series, Period("2020"), TargetLevel(Period("2022"), 60), Direction("higher_is_better")
    )
    assert pace.ratio == Decimal(now) / 20
    assert pace.status == status


def test_pace_explains_a_reached_or_lost_target_level_with_the_unit():
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    level = TargetLevel(Period("2022"), 30)
    up = Direction.HIGHER_IS_BETTER
    reached = Series(key="total", measurements=outcomes(**{"2019": 20, "2020": 35}))
    pace = judge_pace(reached, Period("2020"), level, up, "%")
    assert pace.status == "achieved"
    assert pace.explanation.render(locale="en") == (
        "Pace: the 2022 target level 30% is already reached (35%)."
    )
    lost = Series(key="total", measurements=outcomes(**{"2019": 40, "2020": 25}))
    pace = judge_pace(lost, Period("2020"), level, up, "%")
    assert pace.status == "deterioration"
    assert pace.explanation.render(locale="sv") == (
        "Takt: utgångsläget nådde målnivån 30\xa0% för 2022, men utfallet 25\xa0% "
        "har fallit under den."
    )


def test_pace_of_a_reached_or_lost_target_level_keeps_its_baseline_and_outcome():
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    level = TargetLevel(Period("2022"), 30)
    up = Direction.HIGHER_IS_BETTER
    for start, now, status in [(20, 35, "achieved"), (40, 25, "deterioration")]:
        series = Series(key="total", measurements=outcomes(**{"2019": start, "2020": now}))
        pace = judge_pace(series, Period("2020"), level, up)
        assert pace.status == status
        assert pace.baseline == Measurement(period=Y2019, value=start)
        assert pace.current == Measurement(period=Period("2020"), value=now)
        assert (pace.observed_growth, pace.ratio, pace.not_assessed) == (None, None, None)


def test_the_pace_of_a_per_series_trajectory_speaks_in_the_indicators_unit():
    trajectory = Trajectory(levels=(TargetLevel(Y2019, 5), TargetLevel(Period("2022"), 8)))
    node = attrs_evolve(
        trajectory_indicator(), target=SeriesTarget(series="total", rule=trajectory)
    )
    pace = evaluate(plan_of(node), period=Y2019)["i"].pace
    assert pace is not None
    assert "dagar" in pace.explanation.render(locale="en")
