"""One series' pace, case by case: every status and every reason it cannot be judged, with
the numbers behind it and the sentence a reader gets; an indicator's several series combined;
the pace method in force for a node; the order a method's scores must keep.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable
from decimal import Decimal

import pytest

from malstyrning import Goal, Indicator, Period, Plan, PlanLevel
from malstyrning.errors import InvalidPaceMethod
from malstyrning.i18n import Quantity
from malstyrning.model import Measurement, Series
from malstyrning.pace import (
    Growth,
    Pace,
    assess_pace,
    combine_paces,
    judge,
    method_for,
    score_of,
    shown_digits,
    years_between,
)
from malstyrning.pace_method import (
    DEFAULT_PACE_METHOD,
    RATIO_THRESHOLDS,
    BaseChoice,
    NonPositive,
    PaceMethod,
    PaceScores,
)
from malstyrning.rules import Direction, TargetLevel

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
LINEAR = PaceMethod(non_positive=NonPositive.LINEAR)
D = Decimal


def _series(key: str = "total", **values: str | None) -> Series:
    return Series(
        key=key,
        measurements=tuple(
            Measurement(period=Period(year[1:]), value=None if value is None else D(value))
            for year, value in values.items()
        ),
    )


def _target(value: str, year: str = "2021") -> TargetLevel:
    return TargetLevel(Period(year), D(value))


# -- judged: the numbers and the sentence ------------------------------------------------------

JUDGED = [
    # The linear option: growth per year, the ratio of outcome to required growth.
    (
        _series(y2019="-10", y2020="-5"),
        _target("0"),
        (UP, LINEAR),
        ("on_track", "1", "5", "5", Growth.LINEAR),
        "Pace: on track. Progress since 2019 is 100% of what is needed to reach 0 by 2021.",
    ),
    # Without a target, linear growth is relative to the base's size.
    (
        _series(y2019="-10", y2020="-5"),
        None,
        (UP, LINEAR),
        ("on_track", "0.5", "0.5", None, Growth.LINEAR),
        "Pace: on track. Since 2019 the outcome (-5) has grown by 50% a year.",
    ),
    # Published: a zero base counts as 0,001.
    (
        _series(y2019="0", y2020="5"),
        None,
        (UP, DEFAULT_PACE_METHOD),
        ("on_track", "4999", "4999", None, Growth.COMPOUND),
        "Pace: on track. Since 2019 the outcome (5) has grown by 499,900% a year.",
    ),
    # Negative values: the magnitude's growth, the sign turned.
    (
        _series(y2019="-10", y2020="-8"),
        None,
        (UP, DEFAULT_PACE_METHOD),
        ("on_track", "0.2", "-0.2", None, Growth.COMPOUND),
        "Pace: on track. Since 2019 the outcome (-8) has grown by 20% a year.",
    ),
    # Lower is better: growth counts against.
    (
        _series(y2019="100", y2020="101"),
        None,
        (DOWN, DEFAULT_PACE_METHOD),
        ("deterioration", "-0.01", "0.01", None, Growth.COMPOUND),
        "Pace: deterioration. Since 2019 the outcome (101) has grown by -1% a year.",
    ),
    # The linear option between positive values: compound growth, as published.
    (
        _series(y2019="100", y2020="110"),
        _target("121"),
        (UP, LINEAR),
        ("on_track", "1", "0.1", "0.1", Growth.COMPOUND),
        "Pace: on track. Progress since 2019 is 100% of what is needed to reach 121 by 2021.",
    ),
    (
        _series(y2019="100", y2020="121"),
        _target("200", "2022"),
        (DOWN, DEFAULT_PACE_METHOD),
        ("achieved", None, None, None, Growth.COMPOUND),
        "Pace: the 2022 target level 200 is already reached (121).",
    ),
]


@pytest.mark.parametrize(("series", "target", "how", "numbers", "text"), JUDGED)
def test_a_judged_pace_gives_its_status_numbers_and_sentence(series, target, how, numbers, text):
    direction, method = how
    pace = assess_pace(series, series.measurements[-1].period, target, direction, method=method)
    status, ratio, observed, required, growth = numbers
    assert pace.status == status
    assert pace.ratio == (None if ratio is None else D(ratio))
    assert pace.observed_growth == (None if observed is None else D(observed))
    assert pace.required_growth == (None if required is None else D(required))
    assert pace.method is growth
    assert pace.series == "total"
    assert pace.not_assessed is None
    assert pace.explanation.render(locale="en") == text


def test_a_negative_base_turns_the_sign_of_the_ratio():
    # From -10 to -8 (magnitude down 20 %) towards -4 (down 60 % in two years): 54 % of it.
    pace = assess_pace(_series(y2019="-10", y2020="-8"), Period("2020"), _target("-4"), UP)
    assert (pace.status, round(pace.ratio, 4)) == ("limited_progress", D("0.5442"))
    assert (pace.observed_growth, round(pace.required_growth, 4)) == (D("-0.2"), D("-0.3675"))
    assert round(pace.score, 4) == D("-0.2327")


# -- not judged: the reason, its detail and the sentence --------------------------------------

UNABLE = [
    (
        _series(y2019="-0", y2020="5"),
        None,
        LINEAR,
        ("not_measurable", "base 0, outcome 5"),
        "The pace cannot be assessed: cannot be measured (base 0, outcome 5).",
    ),
    (
        _series(y2019="-5", y2020="3"),
        None,
        DEFAULT_PACE_METHOD,
        ("opposite_signs", "base -5, outcome 3"),
        (
            "The pace cannot be assessed: the base and the outcome or target have opposite "
            "signs (base -5, outcome 3)."
        ),
    ),
    (
        _series(y2019="5", y2020="-3"),
        None,
        DEFAULT_PACE_METHOD,
        ("opposite_signs", "base 5, outcome -3"),
        None,
    ),
    (
        _series(y2019="-5", y2020="-3"),
        _target("2"),
        DEFAULT_PACE_METHOD,
        ("opposite_signs", "base -5, target 2"),
        None,
    ),
    (
        _series(y2019="-5", y2020="3"),
        _target("4"),
        DEFAULT_PACE_METHOD,
        ("opposite_signs", "base -5, outcome 3"),
        None,
    ),
    (
        _series(y2019="-5", y2020="-3"),
        _target("-0"),
        DEFAULT_PACE_METHOD,
        ("opposite_signs", "base -5, target 0"),
        None,
    ),
    (
        _series(y2019="-0", y2020="0.0005"),
        _target("0.001"),
        DEFAULT_PACE_METHOD,
        ("not_measurable", "base 0, target 0.001"),
        "The pace cannot be assessed: cannot be measured (base 0, target 0.001).",
    ),
    (
        _series(y2020="1"),
        _target("2"),
        PaceMethod(base=BaseChoice.FIXED, base_period=Period("2017")),
        ("no_baseline", "fixed 2017"),
        "The pace cannot be assessed: no outcome for the baseline period (fixed 2017).",
    ),
    (
        _series(y2016="1", y2020="1"),
        _target("2"),
        PaceMethod(base=BaseChoice.FIRST_FROM, base_period=Period("2017")),
        ("no_baseline", "first_from 2017"),
        None,
    ),
    (
        _series(y2019="1", y2020=None),
        _target("2"),
        DEFAULT_PACE_METHOD,
        ("no_data", ""),
        (
            "The pace towards the 2021 target level cannot be assessed: it needs at least two "
            "outcomes."
        ),
    ),
    (
        _series(y2019="1", y2020=None),
        None,
        DEFAULT_PACE_METHOD,
        ("no_data", ""),
        "The pace cannot be assessed: no outcome for the period.",
    ),
    (
        _series(y2019="1", y2020="2"),
        _target("3", "2019"),
        DEFAULT_PACE_METHOD,
        ("target_not_after_base", "2019 / 2019"),
        (
            "The pace cannot be assessed: the target period is not after the base period "
            "(2019 / 2019)."
        ),
    ),
]


@pytest.mark.parametrize(("series", "target", "method", "reason", "text"), UNABLE)
def test_a_pace_that_cannot_be_judged_names_the_reason_and_the_values(
    series, target, method, reason, text
):
    pace = assess_pace(series, series.measurements[-1].period, target, UP, method=method)
    assert pace.status is None
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == reason
    assert pace.series == "total"
    assert pace.target == target
    assert pace.pace_method == method
    if text is not None:
        assert pace.explanation.render(locale="en") == text


@pytest.mark.parametrize("target", [_target("2000"), None])
@pytest.mark.parametrize(
    "context",
    [decimal.Context(), decimal.Context(traps=[])],
    ids=["default context", "no traps"],
)
def test_growth_beyond_the_numbers_range_is_reported_not_raised(target, context):
    now = Measurement(period=Period("2020"), value=D(1000))
    base = Measurement(period=Period("2019"), value=D(1))
    with decimal.localcontext(context):
        pace = judge(
            now, [base], Period("2020"), target, direction=UP, unit=None, years=lambda *_: D("1E-9")
        )
    assert pace.not_assessed.reason.value == "not_measurable"
    assert pace.not_assessed.detail == "growth cannot be computed: Overflow"
    assert (pace.baseline, pace.current) == (base, now)


def test_years_that_are_no_number_are_reported_not_raised():
    now = Measurement(period=Period("2020"), value=D(2))
    base = Measurement(period=Period("2019"), value=D(1))
    pace = judge(
        now, [base], Period("2020"), None, direction=UP, unit=None, years=lambda *_: D("NaN")
    )
    assert pace.not_assessed.detail == "growth cannot be computed: InvalidOperation"


def test_a_positive_base_and_a_negative_target_cannot_be_judged():
    pace = assess_pace(_series(y2019="5", y2020="3"), Period("2020"), _target("-2"), DOWN)
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == (
        "opposite_signs",
        "base 5, target -2",
    )


@pytest.mark.parametrize(
    ("values", "method", "numbers"),
    [
        # The linear option grows compound between positive values, however small.
        ({"y2019": "0.5", "y2021": "2"}, LINEAR, ("on_track", "1", Growth.COMPOUND)),
        ({"y2019": "2", "y2021": "0.5"}, LINEAR, ("deterioration", "-0.5", Growth.COMPOUND)),
        # ... and linearly, relative to the base, as soon as one of them is zero.
        ({"y2019": "2", "y2021": "0"}, LINEAR, ("deterioration", "-0.5", Growth.LINEAR)),
        # Published: an outcome of zero is a fall of 100 %, from either side.
        (
            {"y2019": "5", "y2020": "0"},
            DEFAULT_PACE_METHOD,
            ("deterioration", "-1", Growth.COMPOUND),
        ),
        ({"y2019": "-5", "y2020": "0"}, DEFAULT_PACE_METHOD, ("on_track", "1", Growth.COMPOUND)),
    ],
)
def test_growth_alone_is_compound_or_linear_by_the_signs(values, method, numbers):
    series = _series(**values)
    pace = assess_pace(series, series.measurements[-1].period, None, UP, method=method)
    assert (pace.status, pace.ratio, pace.method) == (numbers[0], D(numbers[1]), numbers[2])


def test_a_small_positive_base_and_a_negative_outcome_have_opposite_signs():
    pace = assess_pace(_series(y2019="0.5", y2020="-1"), Period("2020"), None, UP)
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == (
        "opposite_signs",
        "base 0.5, outcome -1",
    )


def test_an_unchanged_lower_is_better_outcome_grows_by_zero_not_minus_zero():
    pace = assess_pace(_series(y2019="5", y2020="5"), Period("2020"), None, DOWN)
    assert (pace.status, str(pace.ratio)) == ("limited_progress", "0")


def test_an_unchanged_lower_is_better_outcome_has_a_ratio_of_zero_not_minus_zero():
    pace = assess_pace(_series(y2019="5", y2020="5"), Period("2020"), _target("4"), DOWN)
    assert (pace.status, str(pace.ratio), str(pace.observed_growth)) == (
        "limited_progress",
        "0",
        "0",
    )
    assert " is 0% of what" in pace.explanation.render(locale="en")


def test_growth_alone_shows_the_outcome_in_its_unit():
    pace = assess_pace(_series(y2019="5", y2020="6"), Period("2020"), None, UP, "%")
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Since 2019 the outcome (6%) has grown by 20% a year."
    )


@pytest.mark.parametrize(
    ("now", "direction", "target", "text"),
    [
        ("6", UP, "6", "Pace: the 2021 target level 6% is already reached (6%)."),
        ("-0", DOWN, "0", "Pace: the 2021 target level 0% is already reached (0%)."),
    ],
)
def test_an_outcome_exactly_at_the_target_has_achieved_it(now, direction, target, text):
    series = _series(y2019="5", y2020=now)
    pace = assess_pace(series, Period("2020"), _target(target), direction, "%")
    assert (pace.status, pace.score) == ("achieved", 5)
    assert pace.explanation.render(locale="en") == text


@pytest.mark.parametrize(
    ("base", "now", "status", "text"),
    [
        (
            "6",
            "5",
            "deterioration",
            (
                "Pace: the baseline met the 2021 target level 6, but the "
                "outcome 5 has fallen below it."
            ),
        ),
        (
            "6.5",
            "5",
            "deterioration",
            (
                "Pace: the baseline met the 2021 target level 6, but the "
                "outcome 5 has fallen below it."
            ),
        ),
        ("5", "6.5", "achieved", "Pace: the 2021 target level 6 is already reached (6.5)."),
    ],
)
def test_a_baseline_at_or_past_the_target_and_an_outcome_below_it_is_deterioration(
    base, now, status, text
):
    pace = assess_pace(_series(y2019=base, y2020=now), Period("2020"), _target("6"), UP)
    assert pace.status == status
    assert pace.explanation.render(locale="en") == text


def test_a_baseline_no_time_before_the_period_is_no_baseline():
    # The evaluator hands judge its own count of years; none between the two is no baseline.
    now = Measurement(period=Period("2020"), value=D(2))
    base = Measurement(period=Period("2019"), value=D(1))
    for target in (None, _target("3")):
        pace = judge(
            now,
            [base],
            Period("2020"),
            target,
            direction=UP,
            unit=None,
            series="x",
            years=lambda *_: D(0),
        )
        assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == ("no_baseline", "2019")
        assert (pace.series, pace.baseline, pace.current, pace.target) == ("x", base, now, target)
        assert pace.explanation.render(locale="en") == (
            "The pace cannot be assessed: no outcome for the baseline period (2019)."
        )


# -- several series ----------------------------------------------------------------------------


def test_several_series_are_combined_by_their_mean_score_and_listed_in_order():
    target = _target("120")
    parts = [
        assess_pace(_series(y2019="100", y2020="110"), Period("2020"), target, UP),
        assess_pace(_series("women", y2019="100", y2020="90"), Period("2020"), target, UP),
        assess_pace(_series("men", y2020="90"), Period("2020"), target, UP),
    ]
    pace = combine_paces(parts, DEFAULT_PACE_METHOD)
    assert pace.status == "limited_progress"
    assert pace.parts == tuple(parts)
    assert pace.target == target
    assert pace.explanation.render(locale="en") == (
        "Pace: limited progress, the mean score -0.9 of 2 series (total: on track (3.2); "
        "women: deterioration (-5); men: not assessed (–)); the target counts as achieved "
        "only when every series has reached it."
    )


def test_series_that_have_all_reached_their_targets_have_achieved_it_together():
    parts = [
        assess_pace(_series(y2019="5", y2020="6"), Period("2020"), _target("6"), UP),
        assess_pace(_series("women", y2019="5", y2020="7"), Period("2020"), _target("7"), UP),
    ]
    pace = combine_paces(parts, LINEAR)
    assert (pace.status, pace.score, pace.pace_method) == ("achieved", 5, LINEAR)
    assert pace.explanation.render(locale="en") == (
        "Pace: achieved: every one of the 2 series has reached its target (total: achieved "
        "(5); women: achieved (5))."
    )


def test_the_combined_target_is_the_first_judged_series_and_a_part_without_a_key_is_unnamed():
    first, second = _target("6"), _target("7", "2022")
    unjudged = assess_pace(_series("men", y2020="7"), Period("2020"), first, UP)
    women = assess_pace(_series("women", y2019="5", y2020="7"), Period("2020"), second, UP)
    total = assess_pace(_series(y2019="5", y2020="6"), Period("2020"), first, UP)
    assert combine_paces([unjudged, women, total], DEFAULT_PACE_METHOD).target == second
    assert combine_paces([total, women], DEFAULT_PACE_METHOD).target == first
    keyless = judge(
        Measurement(period=Period("2020"), value=D(2)),
        [Measurement(period=Period("2019"), value=D(1))],
        Period("2020"),
        first,
        direction=UP,
        unit=None,
    )
    text = combine_paces([keyless, women], DEFAULT_PACE_METHOD).explanation.render(locale="en")
    assert "series (: progress, but acceleration needed (0.64); women: achieved (5))" in text


def test_series_none_of_which_can_be_judged_keep_the_first_reason_and_every_part():
    parts = [
        assess_pace(_series("men", y2020="7"), Period("2020"), _target("6"), UP),
        assess_pace(_series("women", y2020=None), Period("2020"), _target("6"), UP),
    ]
    pace = combine_paces(parts, DEFAULT_PACE_METHOD)
    assert (pace.status, pace.series, pace.parts) == (None, None, tuple(parts))
    assert pace.not_assessed == parts[0].not_assessed


# -- the method in force -----------------------------------------------------------------------


def test_the_method_of_the_nearest_level_up_the_goal_chain_is_in_force():
    fixed = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2019"))
    node = Indicator(id="i", title="I", series=(_series(y2019="1"),))
    inner = Goal(id="inner", title="Inner", level="goal", children=(node,))
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="area", label="Area", pace=fixed), PlanLevel(key="goal", label="G")),
        goals=(Goal(id="area", title="Area", level="area", children=(inner,)),),
        pace=LINEAR,
    )
    # The indicator's goal states nothing; its area's level does.
    assert method_for(plan, plan["i"]) == fixed
    assert method_for(plan, plan["inner"]) == fixed
    # A goal's own level counts, not its parent's.
    assert method_for(plan, plan["area"]) == fixed
    unstated = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(PlanLevel(key="area", label="Area"), PlanLevel(key="goal", label="G")),
        goals=(Goal(id="area", title="Area", level="area", children=(inner,)),),
        pace=LINEAR,
    )
    assert method_for(unstated, unstated["i"]) == LINEAR
    assert method_for(unstated, unstated["area"]) == LINEAR


def test_a_goal_whose_own_level_states_a_method_is_not_judged_by_its_parents():
    fixed = PaceMethod(base=BaseChoice.FIXED, base_period=Period("2019"))
    node = Indicator(id="i", title="I", series=(_series(y2019="1"),))
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2019"),
        levels=(
            PlanLevel(key="area", label="Area", pace=LINEAR),
            PlanLevel(key="goal", label="G", pace=fixed),
        ),
        goals=(
            Goal(
                id="area",
                title="Area",
                level="area",
                children=(Goal(id="inner", title="Inner", level="goal", children=(node,)),),
            ),
        ),
    )
    assert method_for(plan, plan["inner"]) == fixed
    assert method_for(plan, plan["area"]) == LINEAR


# -- the scores' order -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "listed"),
    [
        ({"high": 5}, "5, 5, 0, -2.5, -5"),  # equal scores do not fall
        ({"low": 0}, "5, 2.5, 0, 0, -5"),
        ({"worst": "-2.5"}, "5, 2.5, 0, -2.5, -2.5"),
        ({"best": 1}, "1, 2.5, 0, -2.5, -5"),
    ],
)
def test_scores_that_do_not_fall_strictly_are_refused_with_all_five_listed(given, listed):
    with pytest.raises(InvalidPaceMethod) as caught:
        PaceScores(**given)
    assert str(caught.value) == (
        f"pace scores must fall from best to high, medium, low and worst (got {listed})"
    )


# -- signs: zero outcomes, bases below one, and the values a refusal names ---------------------


@pytest.mark.parametrize(
    ("values", "direction", "numbers"),
    [
        # An outcome of zero from a positive base is a fall of 100 %, not a change of sign.
        (("100", "0", "121"), UP, ("deterioration", "-10", "-1", "0.1")),
        # From a negative base it is a rise of 100 %: away from a lower target.
        (("-5", "0", "-10"), DOWN, ("deterioration", "-2.4142", "-1", "0.4142")),
        # A base between zero and one and an outcome above one have the same sign ...
        (("0.5", "2", "4"), UP, ("on_track", "1.6408", "3", "1.8284")),
        # ... and so have a zero base (counted as 0,001) and any positive outcome.
        (("0", "5", "10"), UP, ("on_track", "50.4949", "4999", "99")),
    ],
)
def test_values_of_one_sign_or_zero_are_judged(values, direction, numbers):
    base, now, target = values
    pace = assess_pace(_series(y2019=base, y2020=now), Period("2020"), _target(target), direction)
    assert pace.not_assessed is None
    assert pace.status == numbers[0]
    assert round(pace.ratio, 4) == D(numbers[1])
    assert (round(pace.observed_growth, 4), round(pace.required_growth, 4)) == (
        D(numbers[2]),
        D(numbers[3]),
    )


@pytest.mark.parametrize(
    ("values", "direction", "detail"),
    [
        (("0.5", "-1", "2"), UP, "base 0.5, outcome -1"),
        (("0", "-1", "2"), UP, "base 0, outcome -1"),
        # An outcome of zero has no sign: the target is the value that differs.
        (("100", "0", "-5"), DOWN, "base 100, target -5"),
        (("-5", "0", "3"), UP, "base -5, target 3"),
        (("0.5", "2", "-1"), DOWN, "base 0.5, target -1"),
    ],
)
def test_opposite_signs_name_the_outcome_where_it_differs_and_else_the_target(
    values, direction, detail
):
    base, now, target = values
    pace = assess_pace(_series(y2019=base, y2020=now), Period("2020"), _target(target), direction)
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == ("opposite_signs", detail)
    assert pace.explanation.render(locale="en") == (
        "The pace cannot be assessed: the base and the outcome or target have opposite "
        f"signs ({detail})."
    )


# -- what an explanation and a refusal carry ---------------------------------------------------


def test_an_outcome_without_a_number_is_kept_as_the_current_one_of_a_refusal():
    blank = Measurement(period=Period("2020"), value=None)
    base = Measurement(period=Period("2019"), value=D(1))
    for target in (_target("3"), None):
        pace = judge(blank, [base], Period("2020"), target, direction=UP, unit=None)
        assert pace.not_assessed.reason.value == "no_data"
        assert (pace.current, pace.baseline) == (blank, None)


def test_a_judged_pace_carries_the_outcome_and_the_target_in_their_unit():
    # A catalogue may show them: the parameters are the message's, not only the shipped text's.
    pace = assess_pace(_series(y2019="100", y2020="110"), Period("2020"), _target("121"), UP, "%")
    params = pace.explanation.params
    assert (params["value"], params["target"]) == (Quantity(D(110), "%"), Quantity(D(121), "%"))
    assert (params["baseline_period"], params["target_period"]) == (Period("2019"), Period("2021"))


# -- scores at the ends and the digits shown ---------------------------------------------------


def test_a_score_at_either_end_is_the_methods_own_number_as_beyond_it():
    scores = PaceScores(best="5.0", worst="-5.0")
    shown = [str(score_of(D(value), RATIO_THRESHOLDS, scores)) for value in ("-0.6", "-0.7")]
    assert shown == ["-5.0", "-5.0"]
    shown = [str(score_of(D(value), RATIO_THRESHOLDS, scores)) for value in ("1.3", "1.4")]
    assert shown == ["5.0", "5.0"]


RATIO_CUTS = (D("0.95"), D("0.6"), D(0))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("0.5123", "51"),  # whole percent keep it in its category
        ("0.9474", "94.7"),  # 95 would cross the cut-off: one decimal more, not two
        ("0.94951", "94.95"),  # 95.0 too: two decimals
        ("1E+30", "1.000000000000000000000000000E+32"),  # far beyond: the context's digits
    ],
)
def test_a_ratio_is_shown_in_percent_with_as_few_decimals_as_keep_its_category(value, shown):
    assert str(shown_digits(D(value), RATIO_CUTS, scale=2)) == shown


def test_a_score_is_shown_with_two_decimals_or_as_many_more_as_its_category_needs():
    cuts = (D("2.45"), D(0), D("-2.5"))
    assert str(shown_digits(D("2.449"), cuts, places=2)) == "2.449"  # 2.45 would cross
    assert str(shown_digits(D("1.256"), cuts, places=2)) == "1.26"
    # Trailing zeros are dropped however many places are asked, up to the context's digits.
    assert str(shown_digits(D("1.5"), cuts, places=27)) == "1.5"


def test_a_ratio_beyond_every_cut_off_with_more_digits_than_the_context_is_shown_in_full():
    # From -0,000000000001 to -10**14 in a year, lower being better, towards a level due in
    # 2600: the ratio is about 9.2E+26, 29 digits in percent.
    series = _series(y2019="-0.000000000001", y2020="-100000000000000")
    pace = assess_pace(series, Period("2020"), _target("-100000000000001", "2600"), DOWN)
    assert pace.status == "on_track"
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2019 is 92,133,965,941,518,884,631,176,452,520% of what "
        "is needed to reach -100,000,000,000,001 by 2600."
    )


# -- what judge passes on: the method, the series, the unit and the values ---------------------


def _judged_with(
    method: PaceMethod,
    *,
    base: str,
    now: str,
    target: str,
    direction: Direction = UP,
    years: Callable[[Period, Period], Decimal] = years_between,
) -> tuple[Pace, Measurement, Measurement]:
    current = Measurement(period=Period("2020"), value=D(now))
    baseline = Measurement(period=Period("2019"), value=D(base))
    pace = judge(
        current,
        [baseline],
        Period("2020"),
        _target(target),
        direction=direction,
        unit="%",
        method=method,
        series="x",
        years=years,
    )
    return pace, baseline, current


def test_a_context_that_does_not_trap_overflow_judges_with_everything_given() -> None:
    # The copy of the context with the trap set is judged again: every argument must go along.
    with decimal.localcontext() as local:
        local.traps[decimal.Overflow] = False
        pace, baseline, current = _judged_with(LINEAR, base="100", now="110", target="121")
    assert (pace.status, pace.ratio, pace.method) == ("on_track", D(1), Growth.COMPOUND)
    assert (pace.series, pace.pace_method, pace.target) == ("x", LINEAR, _target("121"))
    assert (pace.baseline, pace.current) == (baseline, current)
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2019 is 100% of what is needed to reach 121% by 2021."
    )


def test_growth_beyond_the_numbers_range_keeps_the_target_the_method_and_the_series() -> None:
    pace, baseline, current = _judged_with(
        LINEAR, base="1", now="1000", target="2000", years=lambda *_: D("1E-9")
    )
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == (
        "not_measurable",
        "growth cannot be computed: Overflow",
    )
    assert (pace.series, pace.pace_method, pace.target) == ("x", LINEAR, _target("2000"))
    assert (pace.baseline, pace.current) == (baseline, current)


def test_a_baseline_no_time_before_the_period_keeps_the_method() -> None:
    pace, _, _ = _judged_with(LINEAR, base="1", now="2", target="3", years=lambda *_: D(0))
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == ("no_baseline", "2019")
    assert (pace.series, pace.pace_method) == ("x", LINEAR)


def test_an_achieved_target_keeps_the_method_and_scores_its_best() -> None:
    method = PaceMethod(scores=PaceScores(best="4", worst="-4"))
    pace, _, _ = _judged_with(method, base="100", now="130", target="121")
    assert (pace.status, pace.score, pace.pace_method) == ("achieved", D(4), method)


def test_a_lower_is_better_baseline_at_the_target_and_an_outcome_above_it_deteriorates() -> None:
    method = PaceMethod(scores=PaceScores(best="4", worst="-4"))
    pace, _, _ = _judged_with(method, base="6", now="7", target="6", direction=DOWN)
    assert (pace.status, pace.score, pace.pace_method) == ("deterioration", D(-4), method)
    assert pace.explanation.render(locale="en") == (
        "Pace: the baseline met the 2021 target level 6%, but the outcome 7% has fallen below it."
    )


def test_the_linear_option_shows_the_outcome_and_the_target_in_their_unit() -> None:
    pace, _, _ = _judged_with(LINEAR, base="-10", now="-5", target="0")
    assert (pace.status, pace.method) == ("on_track", Growth.LINEAR)
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2019 is 100% of what is needed to reach 0% by 2021."
    )


@pytest.mark.parametrize(
    ("values", "direction", "refusal"),
    [
        (("5", "3", "-2"), DOWN, ("opposite_signs", "base 5, target -2")),
        # A zero base counts as 0,001: a target of 0,001 requires no growth.
        (("0", "0.0005", "0.001"), UP, ("not_measurable", "base 0, target 0.001")),
        (("1", "2", "3"), UP, ("target_not_after_base", "2018 / 2019")),
    ],
)
def test_a_refusal_after_the_baseline_is_found_keeps_the_baseline_and_the_outcome(
    values: tuple[str, str, str], direction: Direction, refusal: tuple[str, str]
) -> None:
    base, now, target = values
    current = Measurement(period=Period("2020"), value=D(now))
    baseline = Measurement(period=Period("2019"), value=D(base))
    due = "2018" if refusal[0] == "target_not_after_base" else "2021"
    pace = judge(
        current, [baseline], Period("2020"), _target(target, due), direction=direction, unit=None
    )
    assert (pace.not_assessed.reason.value, pace.not_assessed.detail) == refusal
    assert (pace.baseline, pace.current) == (baseline, current)


def test_an_unchanged_outcome_under_the_linear_option_has_a_ratio_of_zero_not_minus_zero() -> None:
    # Zero growth over a negative required growth divides to -0, which would show as "-0".
    pace, _, _ = _judged_with(LINEAR, base="5", now="5", target="4", direction=DOWN)
    assert (pace.status, str(pace.ratio), pace.ratio.is_signed()) == (
        "limited_progress",
        "0",
        False,
    )
