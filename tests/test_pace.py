"""The pace towards a trajectory's next target level: method, ratios, categories and words."""

from decimal import Decimal

import pytest
from attrs import evolve as attrs_evolve

from _plans import Y2019, outcomes, plan_of, trajectory_indicator
from malstyrning import Indicator, Measurement, NotAssessedReason, Period, Series, evaluate
from malstyrning.pace_method import NonPositive, PaceMethod
from malstyrning.rules import SeriesTarget, TargetLevel, Trajectory

LINEAR = PaceMethod(non_positive=NonPositive.LINEAR)


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
def test_the_linear_option_grows_compound_only_between_positive_values(
    start, now, target, way, method
):
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    series = Series(
        key="total", measurements=outcomes(**{"2019": Decimal(start), "2020": Decimal(now)})
    )
    level = TargetLevel(Period("2022"), target)
    pace = judge_pace(series, Period("2020"), level, Direction(way), method=LINEAR)
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
def test_linear_pace_ratios_of_exactly_95_60_and_0_percent_reach_the_better_category(now, status):
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    # From 0 in 2019 towards 60 in 2022 (linear): 19 in 2020 is 95 % of the pace needed.
    series = Series(key="total", measurements=outcomes(**{"2019": 0, "2020": Decimal(now)}))
    pace = judge_pace(
        series,
        Period("2020"),
        TargetLevel(Period("2022"), 60),
        Direction("higher_is_better"),
        method=LINEAR,
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


# -- the method as a value: stored, nearest wins, serialised ----------------------------------


def _paced_plan(*, plan_method=None, level_method=None, node_method=None):
    from malstyrning import Goal, Plan, PlanLevel

    node = Indicator(
        id="i",
        title="I",
        target=Trajectory(levels=(TargetLevel(Period("2022"), 121),)),
        series=(
            Series(key="total", measurements=outcomes(**{"2018": 90, "2019": 100, "2020": 105})),
        ),
        pace=node_method,
    )
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="goal", label="Mål", pace=level_method),),
        goals=(Goal(id="g", title="G", level="goal", children=(node,)),),
        pace=plan_method,
    )


def test_the_nearest_pace_method_wins():
    from malstyrning.pace import method_for
    from malstyrning.pace_method import BaseChoice

    fixed = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2019"))
    first = PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2018"))
    plan = _paced_plan(plan_method=LINEAR, level_method=fixed, node_method=first)
    assert method_for(plan, plan["i"]) == first
    pace = evaluate(plan, period="2020")["i"].pace
    assert pace.base_period == Period("2018")
    plan = _paced_plan(plan_method=LINEAR, level_method=fixed)
    assert method_for(plan, plan["i"]) == fixed
    assert evaluate(plan, period="2020")["i"].pace.base_period == Period("2019")
    plan = _paced_plan(plan_method=LINEAR)
    assert evaluate(plan, period="2020")["i"].pace.pace_method == LINEAR


def test_a_fixed_base_without_an_outcome_is_not_assessed():
    from malstyrning.pace_method import BaseChoice

    method = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2017"))
    pace = evaluate(_paced_plan(node_method=method), period="2020")["i"].pace
    assert pace.status is None
    assert pace.not_assessed.reason is NotAssessedReason.NO_BASELINE
    assert "2017" in pace.explanation.render(locale="en")


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_pace_methods_round_trip_and_defaults_stay_out_of_documents(fmt):
    from malstyrning import dumps, loads
    from malstyrning.pace_method import BaseChoice, PaceThresholds

    method = PaceMethod(
        base=BaseChoice.FIRST_FROM,
        base_period=Period("2015"),
        thresholds=PaceThresholds(high="0.9", medium="0.5", low=0),
        without_target=True,
        target_period=Period("2030"),
    )
    plan = _paced_plan(plan_method=LINEAR, level_method=method, node_method=PaceMethod())
    text = dumps(plan, format=fmt)
    assert loads(text, format=fmt) == plan
    assert "growth_thresholds" not in text  # defaults are left out
    assert "pace" not in dumps(_paced_plan(), format=fmt)


def test_a_pace_method_that_contradicts_itself_is_a_document_error():
    from malstyrning import DocumentError, dumps, loads

    text = dumps(_paced_plan(plan_method=LINEAR), format="json")
    broken = text.replace('"non_positive": "linear"', '"base": "fixed"')
    with pytest.raises(DocumentError, match=r"base_period"):
        loads(broken, format="json")
    with pytest.raises(DocumentError, match=r"\$\.pace"):
        loads(text.replace('"linear"', '"sideways"'), format="json")


def test_invalid_thresholds_are_refused_with_what_to_do():
    from malstyrning.errors import InvalidPaceMethod
    from malstyrning.pace_method import PaceThresholds

    with pytest.raises(InvalidPaceMethod, match="high > medium > low"):
        PaceThresholds(high="0.5", medium="0.6", low=0)


def test_a_passed_target_level_is_still_judged_in_evaluate():
    pace = evaluate(_paced_plan(), period="2020")["i"].pace
    assert pace.target.period == Period("2022")
    node = _paced_plan()["i"]
    late = attrs_evolve(
        node,
        series=(Series(key="total", measurements=outcomes(**{"2019": 100, "2023": 118})),),
    )
    pace = evaluate(plan_of(late), period="2023")["i"].pace
    assert pace.target.period == Period("2022")
    assert pace.status == "acceleration_needed"  # 4.22 % a year of the 6.56 % needed: 0.64


def test_without_a_target_growth_is_judged_only_when_the_method_asks():
    node = Indicator(
        id="i",
        title="I",
        series=(Series(key="total", measurements=outcomes(**{"2019": 100, "2020": 102})),),
    )
    assert evaluate(plan_of(node), period="2020")["i"].pace is None
    asked = attrs_evolve(node, pace=PaceMethod(without_target=True))
    pace = evaluate(plan_of(asked), period="2020")["i"].pace
    assert (pace.status, pace.ratio) == ("on_track", Decimal("0.02"))
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Since 2019 the outcome (102) has grown by 2% a year."
    )


def test_a_target_period_gives_a_threshold_a_pace():
    from malstyrning.rules import Comparison, Threshold

    node = Indicator(
        id="i",
        title="I",
        target=Threshold(comparison=Comparison.AT_LEAST, value=121),
        series=(
            Series(key="total", measurements=outcomes(**{"2019": 100, "2020": Decimal("109.5")})),
        ),
        pace=PaceMethod(target_period=Period("2021")),
    )
    pace = evaluate(plan_of(node), period="2020")["i"].pace
    assert (pace.status, pace.ratio) == ("on_track", Decimal("0.95"))


# -- explanations never contradict the status ---------------------------------------------------


@pytest.mark.parametrize(
    ("now", "shown", "status"),
    [
        ("109.49", "94.9%", "acceleration_needed"),  # not "95%"
        ("109.5", "95%", "on_track"),
        ("105.99", "59.9%", "limited_progress"),  # not "60%"
        ("111.2", "112%", "on_track"),
        ("105.123", "51%", "limited_progress"),  # whole percent where they suffice
        ("109.474", "94.7%", "acceleration_needed"),  # one decimal where it is enough
        ("109.4951", "94.95%", "acceleration_needed"),  # two where one would cross
    ],
)
def test_the_ratio_is_shown_with_the_digits_its_category_needs(now, shown, status):
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    series = Series(key="total", measurements=outcomes(**{"2019": 100, "2020": Decimal(now)}))
    pace = judge_pace(
        series, Period("2020"), TargetLevel(Period("2021"), 121), Direction.HIGHER_IS_BETTER
    )
    assert pace.status == status
    assert f" is {shown} of what" in pace.explanation.render(locale="en")


def test_an_unchanged_lower_is_better_value_reads_zero_not_minus_zero():
    from malstyrning.evaluation import judge_pace
    from malstyrning.rules import Direction

    for method in (PaceMethod(), LINEAR):
        series = Series(key="total", measurements=outcomes(**{"2019": 100, "2020": 100}))
        pace = judge_pace(
            series,
            Period("2020"),
            TargetLevel(Period("2022"), 81),
            Direction.LOWER_IS_BETTER,
            method=method,
        )
        assert pace.status == "limited_progress"
        text = pace.explanation.render(locale="sv")
        assert " 0\xa0%" in text
        assert "-0" not in text and "−0" not in text


def test_the_json_pace_object_carries_method_base_period_and_score():
    from malstyrning import examples
    from malstyrning.report._records import evaluation_records

    evaluation = evaluate(examples.load("vasternorrland-2022"), period="2020")
    record = next(
        r
        for r in evaluation_records(evaluation, locale="en")
        if r["id"] == "inhyrd-personal-kostnadsandel"
    )
    pace = record["pace"]
    assert pace["method"]["non_positive"] == "published"
    assert pace["method"]["base"] == "earliest"
    assert pace["base_period"] == pace["baseline_period"] == "2019"
    assert pace["growth"] == "compound"
    assert round(pace["score"], 2) == Decimal("3.66")
    assert pace["explanation"] == (
        "Pace: on track. Progress since 2019 is 111% of what is needed to reach 8.0% by 2022."
    )
