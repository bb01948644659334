"""The published progress method, rule by rule, on hand-computed cases.

Written from the method's published description (Open SDG's progress methodology and
Eurostat's SDG monitoring methodology), not from this library's code:

- with a target: CAGR_actual = (x_t / x_0) ** (1 / (t - t0)) - 1, CAGR_required =
  (x_target / x_0) ** (1 / (t_target - t0)) - 1, ratio = CAGR_actual / |CAGR_required|
  signed by the indicator's direction (and turned for negative values); substantial
  progress from 0.95, moderate from 0.60, limited from 0, deterioration below; a current
  value that meets the target is "target achieved";
- without a target: CAGR_actual signed by direction, cut at 1.5 %, 0.5 % and 0 a year;
- a zero base or target value is replaced by 0.001; base and current value of opposite
  sign cannot be assessed;
- scores: target achieved 5; with a target 7.1429 r - 4.2857 from 0.60 (at most 5) and
  4.1667 r - 2.5 below (at least -5); without a target 500 g - 5 from 1.5 % (at most 5),
  250 g - 1.25 from 0.5 %, 500 g - 2.5 from 0, 125 g - 2.5 below (at least -5); an
  indicator's score is the mean over its series, mapped back at 2.5 / 0 / -2.5.

Every expected value below was worked out by hand from those formulas; the published
score lines use rounded slopes (7.1429 for 2.5 / 0.35), so scores are compared exactly
where the slope is exact and to three decimals elsewhere.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from _plans import outcomes, plan_of
from malstyrning import Indicator, NotAssessedReason, Period, Series, evaluate
from malstyrning.evaluation import judge_pace
from malstyrning.pace import category_of_score, combine_paces
from malstyrning.pace_method import (
    DEFAULT_PACE_METHOD,
    PUBLISHED_SCORES,
    PaceMethod,
    PaceScores,
)
from malstyrning.rules import Composite, Direction, SeriesTarget, TargetLevel, Trajectory

UP, DOWN = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
D = Decimal


def _pace(base, now, target, direction, *, now_year=2020, target_year=2021, base_year=2019):
    series = Series(
        key="total",
        measurements=outcomes(**{str(base_year): D(base), str(now_year): D(now)}),
    )
    level = None if target is None else TargetLevel(Period(str(target_year)), D(target))
    return judge_pace(series, Period(str(now_year)), level, direction)


# Base 100 in 2019, target 121 in 2021: the required growth is exactly 10 % a year.
@pytest.mark.parametrize(
    ("now", "ratio", "status", "score"),
    [
        ("109.5", "0.95", "on_track", "2.5"),  # exactly 95 %: the better category
        ("109.49", "0.949", "acceleration_needed", None),  # just below 95 %
        ("106", "0.6", "acceleration_needed", "0"),  # exactly 60 %
        ("105.99", "0.599", "limited_progress", None),  # just below 60 %
        ("100", "0", "limited_progress", "-2.5"),  # no change: exactly 0
        ("97", "-0.3", "deterioration", "-3.75"),  # 4.1667 * -0.3 - 2.5
        ("90", "-1", "deterioration", "-5"),  # capped at -5
        ("111", "1.1", "on_track", "3.571"),  # 7.1429 * 1.1 - 4.2857
        ("115", "1.5", "on_track", "5"),  # capped at 5
    ],
)
def test_the_ratio_of_actual_to_required_growth_is_cut_at_95_60_and_0(now, ratio, status, score):
    pace = _pace("100", now, "121", UP)
    assert pace.required_growth == D("0.1")
    assert pace.ratio == D(ratio)
    assert pace.status == status
    if score is not None:
        assert round(pace.score, 3) == D(score).quantize(D("0.001"))


def test_a_score_just_below_a_cut_off_stays_below_its_score():
    pace = _pace("100", "109.49", "121", UP)
    # 2.5 * (0.949 - 0.6) / 0.35, below the 2.5 of substantial progress.
    assert pace.score == D("2.5") * D("0.349") / D("0.35")
    assert pace.score < D("2.5")


@pytest.mark.parametrize(
    ("base", "now", "target", "direction", "status", "ratio"),
    [
        # Lower is better: 100 towards 81 (-10 % a year), 90.5 is -9.5 %: exactly 95 %.
        ("100", "90.5", "81", DOWN, "on_track", "0.95"),
        # Negative values: the magnitude's growth with the sign turned.
        ("-100", "-90.5", "-81", UP, "on_track", "0.95"),
        ("-100", "-94", "-81", UP, "acceleration_needed", "0.6"),
        # A zero base counts as 0.001: 0.002 doubles it, 0.004 in two years needs doubling.
        ("0", "0.002", "0.004", UP, "on_track", "1"),
    ],
)
def test_signs_and_zero_bases_follow_the_published_rule(  # noqa: PLR0917 - one per column
    base, now, target, direction, status, ratio
):
    pace = _pace(base, now, target, direction)
    assert pace.status == status
    assert pace.ratio == D(ratio)
    assert pace.method.value == "compound"


def test_a_zero_target_counts_as_0_001():
    # 4 towards 0 by 2021 (lower is better): required (0.001 / 4) ** 0.5 - 1 = -0.98418861...
    pace = _pace("4", "2", "0", DOWN)
    required = D("0.00025").sqrt() - 1
    assert pace.required_growth == required
    assert pace.ratio == D("0.5") / abs(required)
    assert round(pace.ratio, 5) == D("0.50803")
    assert pace.status == "limited_progress"


@pytest.mark.parametrize(
    ("base", "now", "target", "direction"),
    [("5", "-1", "10", UP), ("-5", "1", "10", UP), ("0", "-1", "10", UP), ("5", "1", "-10", DOWN)],
)
def test_values_of_opposite_sign_cannot_be_assessed(base, now, target, direction):
    pace = _pace(base, now, target, direction)
    assert pace.status is None
    assert pace.not_assessed.reason is NotAssessedReason.OPPOSITE_SIGNS
    assert "opposite signs" in pace.explanation.render(locale="en")


def test_a_current_value_that_meets_the_target_is_achieved_with_the_top_score():
    pace = _pace("100", "125", "121", UP)
    assert (pace.status, pace.score) == ("achieved", D(5))


@pytest.mark.parametrize("target_year", [2019, 2018])
def test_a_target_year_at_or_before_the_base_is_not_assessed(target_year):
    pace = _pace("100", "105", "121", UP, target_year=target_year)
    assert pace.status is None
    assert pace.not_assessed.reason is NotAssessedReason.TARGET_NOT_AFTER_BASE


def test_a_passed_target_year_is_judged_over_the_whole_span():
    # Base 100 (2019), target 121 (2021), now 2023: actual 4 years, required 2 years.
    pace = _pace("100", "120", "121", UP, now_year=2023)
    assert pace.required_growth == D("0.1")
    assert pace.observed_growth == D("1.2") ** (D(1) / 4) - 1
    assert pace.status == "limited_progress"


# Without a target: the annual growth itself, 1.5 % / 0.5 % / 0.
@pytest.mark.parametrize(
    ("now", "years", "growth", "status", "score"),
    [
        ("103.0225", 2, "0.015", "on_track", "2.5"),  # exactly 1.5 %
        ("102.01", 2, "0.01", "acceleration_needed", "1.25"),  # 250 * 0.01 - 1.25
        ("101.0025", 2, "0.005", "acceleration_needed", "0"),  # exactly 0.5 %
        ("100", 2, "0", "limited_progress", "-2.5"),  # exactly 0
        ("99", 1, "-0.01", "deterioration", "-3.75"),  # 125 * -0.01 - 2.5
        ("97", 1, "-0.03", "deterioration", "-5"),  # capped
        ("101.75", 1, "0.0175", "on_track", "3.75"),  # 500 * 0.0175 - 5
        ("104.04", 2, "0.02", "on_track", "5"),
    ],
)
def test_growth_without_a_target_is_cut_at_1_5_0_5_and_0_percent(now, years, growth, status, score):
    pace = _pace("100", now, None, UP, now_year=2019 + years)
    assert pace.target is None
    assert pace.ratio == D(growth)
    assert pace.status == status
    assert pace.score == D(score)


def test_growth_without_a_target_is_signed_by_direction_and_by_the_bases_sign():
    assert _pace("100", "99", None, DOWN).ratio == D("0.01")
    assert _pace("-100", "-98", None, UP).ratio == D("0.02")
    assert _pace("0", "0.00101", None, UP).ratio == D("0.01")  # a zero base is 0.001


@pytest.mark.parametrize(
    ("scores", "achieved", "status"),
    [
        (["5", "2.5"], [True, False], "on_track"),  # mean 3.75, but not every series achieved
        (["5", "5"], [True, True], "achieved"),
        (["2.5", "-2.5"], [False, False], "acceleration_needed"),  # mean 0
        (["-2.5", "-2.6"], [False, False], "deterioration"),  # mean -2.55
    ],
)
def test_an_indicators_score_is_the_mean_over_its_series(scores, achieved, status):
    mean = sum(D(s) for s in scores) / len(scores)
    expected = "achieved" if all(achieved) else category_of_score(mean, PUBLISHED_SCORES)
    assert expected == status


def test_several_series_give_the_mean_score_and_achieve_only_together():
    women = Series(key="women", measurements=outcomes(**{"2019": 100, "2020": 125}))
    men = Series(key="men", measurements=outcomes(**{"2019": 100, "2020": D("109.5")}))
    levels = (TargetLevel(Period("2021"), 121),)
    node = Indicator(
        id="i",
        title="I",
        target=Composite(
            rules=(
                SeriesTarget(series="women", rule=Trajectory(levels=levels)),
                SeriesTarget(series="men", rule=Trajectory(levels=levels)),
            )
        ),
        series=(Series(key="total"), women, men),
    )
    pace = evaluate(plan_of(node), period="2020")["i"].pace
    assert [part.status for part in pace.parts] == ["achieved", "on_track"]
    assert pace.score == D("3.75")
    assert pace.status == "on_track"
    text = pace.explanation.render(locale="en")
    assert "3.75" in text
    assert "only when every series has reached it" in text
    assert "women: achieved (5)" in text


def test_combining_no_judged_series_keeps_the_first_reason():
    one = _pace("5", "-1", "10", UP)
    two = _pace("100", "105", "121", UP, target_year=2019)
    combined = combine_paces([one, two], DEFAULT_PACE_METHOD)
    assert combined.status is None
    assert combined.not_assessed == one.not_assessed


def test_custom_scores_move_the_cut_offs_of_the_mean():
    method = PaceMethod(scores=PaceScores(best=10, high=6, medium=2, low=-2, worst=-10))
    series = Series(key="total", measurements=outcomes(**{"2019": 100, "2020": D("109.5")}))
    pace = judge_pace(series, Period("2020"), TargetLevel(Period("2021"), 121), UP, method=method)
    assert pace.score == D(6)
