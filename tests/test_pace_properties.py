"""Pace never raises a foreign exception and always answers: a status or a reason.

Generated series of 2 to 10 yearly points (some missing), both directions, zero, negative
and mixed-sign values, targets above and below, target years before, at and after the base
year and the evaluation period, under every option of the pace method.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from _plans import plan_of
from malstyrning import Indicator, MalstyrningError, Measurement, Period, Series, evaluate
from malstyrning.evaluation import judge_pace
from malstyrning.pace import ACHIEVED, category_of, category_of_score, shown_digits
from malstyrning.pace_method import (
    BaseChoice,
    NonPositive,
    PaceMethod,
    PaceThresholds,
)
from malstyrning.rules import (
    Comparison,
    Direction,
    TargetLevel,
    Threshold,
    Trajectory,
)
from malstyrning.scales import PACE

_VALUES = st.one_of(
    st.sampled_from([Decimal(0), Decimal("-0"), Decimal("0.001"), Decimal(-1), Decimal(1)]),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False),
    # The largest numbers a plan may hold: below 10^15 (malstyrning._bounds).
    st.decimals(min_value=Decimal("-1E+14"), max_value=Decimal("1E+14"), places=6),
)


@st.composite
def series_and_period(draw):
    first = draw(st.integers(2010, 2020))
    count = draw(st.integers(2, 10))
    years = sorted(draw(st.sets(st.integers(first, first + 12), min_size=count, max_size=count)))
    measurements = tuple(
        Measurement(period=Period.year(year), value=draw(st.none() | _VALUES)) for year in years
    )
    # The evaluation period: one of the series' years, or just after the last.
    period = Period.year(draw(st.sampled_from([*years, years[-1] + 1])))
    return Series(key="total", measurements=measurements), period, years


@st.composite
def methods(draw, years):
    base = draw(st.sampled_from(BaseChoice))
    base_period = (
        None
        if base is BaseChoice.EARLIEST
        else Period.year(draw(st.integers(years[0] - 2, years[-1] + 2)))
    )
    thresholds = draw(
        st.sampled_from(
            [PaceMethod().thresholds, PaceThresholds(high="0.9", medium="0.5", low="-0.1")]
        )
    )
    return PaceMethod(
        base=base,
        base_period=base_period,
        thresholds=thresholds,
        non_positive=draw(st.sampled_from(NonPositive)),
        without_target=draw(st.booleans()),
        target_period=draw(st.none() | st.integers(2005, 2035).map(Period.year)),
    )


def _check(pace):
    assert (pace.status is None) is (pace.not_assessed is not None)
    if pace.status is not None:
        assert pace.status in PACE.keys
        assert pace.score is not None
    for locale in ("sv", "en", "nb"):
        text = pace.explanation.render(locale=locale)
        assert not re.search(r"[-−]0(?![\d,.])", text), text  # no negative zero
        assert "{" not in text


@given(data=series_and_period(), payload=st.data())
def test_judge_pace_always_answers_with_a_status_or_a_reason(data, payload):
    series, period, years = data
    method = payload.draw(methods(years))
    direction = payload.draw(st.sampled_from(Direction))
    target = payload.draw(
        st.none()
        | st.builds(
            TargetLevel,
            st.integers(years[0] - 3, years[-1] + 8).map(Period.year),
            _VALUES,
        )
    )
    try:
        pace = judge_pace(series, period, target, direction, method=method)
    except MalstyrningError:  # pragma: no cover - none is expected, but would be allowed
        return
    _check(pace)
    if pace.ratio is not None and pace.status not in {None, ACHIEVED}:
        thresholds = method.thresholds if target is not None else method.growth_thresholds
        # The status is the category of the ratio, and of the number the explanation shows.
        assert pace.status == category_of(pace.ratio, thresholds)
        cuts = (thresholds.high, thresholds.medium, thresholds.low)
        shown = shown_digits(pace.ratio, cuts, scale=2).scaleb(-2)
        assert category_of(shown, thresholds) == pace.status


@given(data=series_and_period(), payload=st.data())
def test_evaluate_always_answers_pace_with_a_status_or_a_reason(data, payload):
    series, period, years = data
    method = payload.draw(methods(years))
    direction = payload.draw(st.sampled_from(Direction))
    levels = sorted(
        payload.draw(st.sets(st.integers(years[0] - 3, years[-1] + 8), min_size=1, max_size=3))
    )
    rule = payload.draw(
        st.sampled_from(
            [
                Trajectory(
                    levels=tuple(TargetLevel(Period.year(y), payload.draw(_VALUES)) for y in levels)
                ),
                Threshold(comparison=Comparison.AT_LEAST, value=payload.draw(_VALUES)),
                None,
            ]
        )
    )
    node = Indicator(
        id="i", title="I", direction=direction, target=rule, series=(series,), pace=method
    )
    try:
        assessment = evaluate(plan_of(node), period=period)["i"]
    except MalstyrningError:  # pragma: no cover - a rule at odds with its indicator, say
        return
    if assessment.pace is not None:
        _check(assessment.pace)
        if assessment.pace.parts:
            assert assessment.pace.status == category_of_score(assessment.pace.score, method.scores)
