"""The trend of an indicator: its outcome against the previous one, in the good direction."""

from attrs import evolve as attrs_evolve
from hypothesis import given
from hypothesis import strategies as st

from _plans import indicator, plan_of
from malstyrning import Measurement, Period, evaluate
from malstyrning.rules import Maintain
from malstyrning.testing import numbers


@given(
    direction=st.sampled_from(["higher_is_better", "lower_is_better"]),
    previous=numbers(),
    current=numbers(),
)
def test_the_trend_compares_with_the_previous_outcome_in_the_good_direction(
    direction, previous, current
):
    from malstyrning.rules import Direction

    way = Direction(direction)
    node = attrs_evolve(
        indicator(
            "i",
            (
                Measurement(period=Period("2018"), value=previous),
                Measurement(period=Period("2019"), value=current, comment="preliminärt"),
            ),
        ),
        direction=way,
        target=Maintain(level=0),
    )
    assessment = evaluate(plan_of(node), period="2019")["i"]
    trend = assessment.trend
    margin = way.margin(current, previous)
    expected = "improving" if margin > 0 else "worsening" if margin < 0 else "unchanged"
    assert (trend.status, trend.previous_period, trend.previous_value) == (
        expected,
        Period("2018"),
        previous,
    )
    assert assessment.comment == "preliminärt"
    assert assessment.value == current
