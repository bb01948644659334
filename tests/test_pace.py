"""The pace towards a trajectory's next target level: method, ratios, categories and words."""

import decimal
from decimal import Decimal

import pytest
from attrs import evolve as attrs_evolve

from _plans import Y2019, outcomes, plan_of, trajectory_indicator
from malstyrning import Indicator, Measurement, NotAssessedReason, Period, Series, evaluate
from malstyrning.i18n import Quantity
from malstyrning.pace import Growth, Pace, assess_pace, score_of, shown_digits
from malstyrning.pace_method import (
    RATIO_THRESHOLDS,
    NonPositive,
    PaceMethod,
    PaceScores,
    PaceThresholds,
)
from malstyrning.rules import Direction, SeriesTarget, TargetLevel, Trajectory
from malstyrning.scales import NotAssessed

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


# -- growth alone: no target level ---------------------------------------------------------------


ALONE = PaceMethod(without_target=True)
LINEAR_ALONE = PaceMethod(non_positive=NonPositive.LINEAR, without_target=True)


def _growth_alone(start: str, now: str, direction: str, method: PaceMethod) -> Pace:
    series = Series(
        key="total", measurements=outcomes(**{"2019": Decimal(start), "2020": Decimal(now)})
    )
    return assess_pace(series, Period("2020"), None, Direction(direction), method=method)


@pytest.mark.parametrize(
    ("start", "now", "method", "reason", "detail"),
    [
        ("0", "5", LINEAR_ALONE, NotAssessedReason.NOT_MEASURABLE, "base 0, outcome 5"),
        ("2", "-1", ALONE, NotAssessedReason.OPPOSITE_SIGNS, "base 2, outcome -1"),
        ("-2", "1", ALONE, NotAssessedReason.OPPOSITE_SIGNS, "base -2, outcome 1"),
    ],
    ids=["linear from zero", "positive to negative", "negative to positive"],
)
def test_growth_alone_that_cannot_be_measured_keeps_the_baseline_and_the_outcome(
    start: str, now: str, method: PaceMethod, reason: NotAssessedReason, detail: str
) -> None:
    pace = _growth_alone(start, now, "higher_is_better", method)
    assert (pace.status, pace.not_assessed) == (None, NotAssessed(reason, detail))
    assert pace.baseline == Measurement(period=Y2019, value=Decimal(start))
    assert pace.current == Measurement(period=Period("2020"), value=Decimal(now))
    assert pace.pace_method == method


@pytest.mark.parametrize("method", [ALONE, LINEAR_ALONE])
def test_judged_growth_alone_keeps_its_baseline_outcome_and_method(method: PaceMethod) -> None:
    pace = _growth_alone("100", "102", "higher_is_better", method)
    assert (pace.status, pace.ratio, pace.score) == ("on_track", Decimal("0.02"), Decimal(5))
    assert pace.baseline == Measurement(period=Y2019, value=Decimal(100))
    assert pace.current == Measurement(period=Period("2020"), value=Decimal(102))
    assert pace.pace_method == method


@pytest.mark.parametrize(
    ("direction", "ratio", "status"),
    [("lower_is_better", "0.5", "on_track"), ("higher_is_better", "-0.5", "deterioration")],
)
def test_linear_growth_alone_of_negative_values_is_signed_by_the_direction(
    direction: str, ratio: str, status: str
) -> None:
    # From -2 to -3 is a fall of half the base's size: good where lower is better.
    pace = _growth_alone("-2", "-3", direction, LINEAR_ALONE)
    assert pace.method is Growth.LINEAR
    assert pace.observed_growth == Decimal("-0.5")
    assert (pace.ratio, pace.status) == (Decimal(ratio), status)


@pytest.mark.parametrize("rounding", [decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR])
@pytest.mark.parametrize(("start", "method"), [("100", ALONE), ("-2", LINEAR_ALONE)])
def test_unchanged_growth_alone_where_lower_is_better_is_zero_not_minus_zero(
    start: str, method: PaceMethod, rounding: str
) -> None:
    # Rounding towards minus infinity makes 0 - 0 negative, where 0 + 0 stays positive.
    with decimal.localcontext() as context:
        context.rounding = rounding
        pace = _growth_alone(start, start, "lower_is_better", method)
    assert str(pace.ratio) == "0"
    assert (pace.status, pace.score) == ("limited_progress", Decimal("-2.5"))


def test_growth_alone_beyond_the_callers_exponent_range_once_in_percent_is_still_shown() -> None:
    # The percent shown is worked out in a context of its own: a narrow caller's context
    # holds the growth (500 a year) but not the percent (50000).
    with decimal.localcontext() as context:
        context.Emax = 3
        pace = _growth_alone("1", "501", "higher_is_better", ALONE)
    assert (pace.status, pace.ratio) == ("on_track", Decimal(500))
    assert pace.explanation.params["growth"] == Quantity(Decimal(50000), "%")


# -- scores and shown digits ---------------------------------------------------------------------


THIRD = Decimal("0.3333333333333333333333333333")
# Cut-offs and scores with every digit the context keeps, so that a segment read at its
# far end can round away from the cut-off's own score.
THIRDS = PaceThresholds(high="0.95", medium=THIRD, low=0, best="1.3", worst=-THIRD)
THIRD_SCORES = PaceScores(best=5, high="2.5", medium=THIRD, low=-THIRD, worst=-5)


@pytest.mark.parametrize(
    ("value", "score"),
    [(Decimal(0), -THIRD), (THIRD, THIRD), (Decimal("0.95"), Decimal("2.5"))],
    ids=["low", "medium", "high"],
)
def test_a_value_at_a_cut_off_scores_exactly_that_cut_offs_score(
    value: Decimal, score: Decimal
) -> None:
    assert score_of(value, THIRDS, THIRD_SCORES) == score


def test_a_score_of_zero_is_never_negative_zero() -> None:
    scores = PaceScores(best=10, high=5, medium=2, low="-0", worst=-5)
    assert str(score_of(Decimal("-0"), RATIO_THRESHOLDS, scores)) == "0"


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [
        ("1234567890123456789012345678.4", 0, "1234567890123456789012345678"),
        ("12345678901234567890123456789.4", 0, "1.234567890123456789012345679E+28"),
        ("12345678901234567890123456.789", 2, "12345678901234567890123456.79"),
        ("123456789012345678901234567.891", 2, "123456789012345678901234567.9"),
    ],
)
def test_a_number_beyond_every_cut_off_is_shown_with_at_most_the_contexts_digits(
    value: str, places: int, shown: str
) -> None:
    cuts = (Decimal("0.95"), Decimal("0.6"), Decimal(0))
    assert str(shown_digits(Decimal(value), cuts, places=places)) == shown


@pytest.mark.parametrize(
    ("value", "places", "clamp", "shown"),
    [("999.5", 0, 0, "1000"), ("999.999", 2, 0, "1000"), ("999.45", 2, 1, "999.45")],
    ids=["rounded up to whole units", "rounded up from decimals", "clamped exponents"],
)
def test_shown_digits_are_worked_out_apart_from_the_callers_context(
    value: str, places: int, clamp: int, shown: str
) -> None:
    # A caller's context may hold the value but not its rounding (999.5 fits three integer
    # digits, 1000 does not), or pad a result with zeros to keep exponents small (clamp).
    cuts = (Decimal("2.5"), Decimal(0), Decimal("-2.5"))
    with decimal.localcontext() as context:
        context.Emax = 2
        context.clamp = clamp
        result = shown_digits(Decimal(value), cuts, places=places)
    assert str(result) == shown
