"""Outcomes of shorter periods answering for a reporting period (latest within, sum, mean)."""

from decimal import Decimal as D

import pytest

from malstyrning import (
    Goal,
    Indicator,
    MalstyrningError,
    Measurement,
    Period,
    Plan,
    PlanLevel,
    Series,
    dumps,
    evaluate,
    loads,
)
from malstyrning.batch import UnsupportedRule, evaluate_frame
from malstyrning.model import Aggregation, TrendBasis
from malstyrning.rules import Change, Comparison, Direction, Threshold

T2 = Period("2017-T2")


def _indicator(values, aggregation=Aggregation.LATEST, *, unit="%", target=None):
    return Indicator(
        id="i",
        title="Andel",
        unit=unit,
        target=target or Threshold(comparison=Comparison.AT_LEAST, value=D(80)),
        aggregation=aggregation,
        series=(
            Series(
                key="total",
                measurements=tuple(Measurement(period=Period(p), value=D(v)) for p, v in values),
            ),
        ),
    )


def _plan(indicator, **fields):
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2016-01-01/2017-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
        **fields,
    )


def test_a_july_outcome_answers_for_the_t2_follow_up_and_the_explanation_names_july():
    assessment = evaluate(_plan(_indicator([("2017-05", 70), ("2017-07", 85)])), period=T2)["i"]
    assert (assessment.status, assessment.value) == ("green", D(85))
    assert "per juli 2017" in assessment.explain(locale="sv")
    assert "as of July 2017" in assessment.explain(locale="en")
    assert "per juli 2017" in assessment.explain(locale="nb")


def test_without_an_aggregation_only_an_outcome_of_exactly_the_period_counts():
    assessment = evaluate(_plan(_indicator([("2017-07", 85)], None)), period=T2)["i"]
    assert assessment.status is None


def test_an_outcome_of_exactly_the_period_comes_first():
    values = [("2017-07", 85), ("2017-T2", 60)]
    assessment = evaluate(_plan(_indicator(values)), period=T2)["i"]
    assert (assessment.value, assessment.status) == (D(60), "red")
    assert "juli" not in assessment.explain(locale="sv")


def test_a_longer_period_never_answers_for_a_shorter_one():
    assessment = evaluate(_plan(_indicator([("2017", 85), ("2017-T3", 90)])), period=T2)["i"]
    assert assessment.status is None and assessment.value is None


def test_a_count_sums_and_a_mean_averages_the_outcomes_within():
    values = [("2017-05", 30), ("2017-06", 20), ("2017-07", 40), ("2017-09", 500)]
    count = _indicator(values, Aggregation.SUM, unit="antal")
    mean = _indicator(values, Aggregation.MEAN)
    assert evaluate(_plan(count), period=T2)["i"].value == D(90)
    assert evaluate(_plan(mean), period=T2)["i"].value == D(30)


def test_overlapping_outcomes_cannot_be_summed_and_the_error_says_which():
    values = [("2017-06", 30), ("2017-06-01/2017-07-31", 20)]
    with pytest.raises(
        MalstyrningError, match="outcomes 2017-06 and 2017-06-01/2017-07-31 overlap"
    ):
        evaluate(_plan(_indicator(values, Aggregation.SUM, unit="antal")), period=T2)


def test_overlapping_outcomes_are_fine_for_the_latest():
    values = [("2017-05", 30), ("2017-06-01/2017-07-31", 90)]
    assert evaluate(_plan(_indicator(values)), period=T2)["i"].value == D(90)


def test_a_baseline_year_can_be_answered_by_its_months_too():
    change = Change(baseline=Period("2016"), direction=Direction.HIGHER_IS_BETTER)
    values = [("2016-11", 10), ("2017-07", 12)]
    assessment = evaluate(_plan(_indicator(values, target=change)), period=T2)["i"]
    assert assessment.status == "green"


def test_the_aggregation_is_serialised_and_left_out_by_default():
    plan = _plan(_indicator([("2017-07", 85)], Aggregation.SUM, unit="antal"))
    for fmt in ("json", "yaml", "toml"):
        assert loads(dumps(plan, format=fmt), format=fmt) == plan
    assert "aggregation" not in dumps(_plan(_indicator([], None)), format="json")


def test_batch_evaluation_refuses_an_indicator_with_an_aggregation():
    import polars as pl  # here, not at the top: mutation runs select this file without polars

    outcomes = pl.DataFrame({"indicator": ["i"], "period": ["2017-07"], "value": [85.0]})
    with pytest.raises(UnsupportedRule, match=r"indicator .i.*aggregation .latest."):
        evaluate_frame(outcomes, _plan(_indicator([("2017-07", 85)])))


def test_batch_evaluation_refuses_a_trend_against_the_year_before():
    import polars as pl

    outcomes = pl.DataFrame({"indicator": ["i"], "period": ["2017"], "value": [85.0]})
    plan = _plan(_indicator([("2017", 85)], None), trend_basis=TrendBasis.YEAR_BEFORE)
    with pytest.raises(UnsupportedRule, match="a year earlier"):
        evaluate_frame(outcomes, plan)
    assert evaluate_frame(outcomes, plan, trend=False)["status"].to_list() == ["green"]
