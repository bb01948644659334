"""Outcomes of shorter periods answering for a reporting period, in the evaluator: which
outcomes count (inside the period, with a number), which is the latest, sums and means,
the overlap error word for word, and the period the explanation names.

Kept apart from tests/test_finer_outcomes.py because that file also tests batch evaluation,
which needs polars (left out of mutation runs)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from malstyrning import (
    Goal,
    Indicator,
    MalstyrningError,
    Measurement,
    NotAssessedReason,
    Period,
    Plan,
    PlanLevel,
    Series,
    evaluate,
)
from malstyrning.evaluation import Assessment
from malstyrning.model import Aggregation
from malstyrning.rules import Change, Comparison, Direction, RelativeToReference, Threshold

T2 = Period("2017-T2")


def _assess(
    values: list[tuple[str, int | None]], how: Aggregation = Aggregation.LATEST
) -> Assessment:
    measurements = tuple(
        Measurement(period=Period(text), value=Decimal(value))
        if value is not None
        else Measurement(period=Period(text), missing=NotAssessedReason.MEASURED_LATER)
        for text, value in values
    )
    indicator = Indicator(
        id="i",
        title="Antal",
        unit="antal",
        target=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(80)),
        aggregation=how,
        series=(Series(key="total", measurements=measurements),),
    )
    plan = Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2016-01-01/2017-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
    )
    return evaluate(plan, period=T2)["i"]


def test_the_latest_outcome_within_is_the_one_ending_last_and_the_explanation_names_it():
    assessment = _assess([("2017-06", 90), ("2017-07", 85), ("2017-05", 70)])
    assert (assessment.value, assessment.status) == (Decimal(85), "green")
    assert assessment.explain(locale="en") == (
        "Outcome 85 antal, target at least 80: met. The outcome is as of July 2017."
    )
    assert assessment.explain(locale="sv").endswith("Utfallet är per juli 2017.")


def test_of_two_outcomes_ending_together_the_shorter_one_is_the_latest():
    for values in (
        [("2017-05-01/2017-07-31", 90), ("2017-07", 70)],
        [("2017-07", 70), ("2017-05-01/2017-07-31", 90)],
    ):
        assert _assess(values).value == Decimal(70)


def test_outcomes_after_the_period_do_not_answer_for_it():
    assessment = _assess([("2017-06", 85), ("2017-09", 10), ("2017-04-15/2017-05-15", 5)])
    assert assessment.value == Decimal(85)
    counted = _assess([("2017-06", 30), ("2017-09", 500), ("2017-07", 20)], Aggregation.SUM)
    assert counted.value == Decimal(50)


def test_a_missing_outcome_within_is_passed_over():
    assessment = _assess([("2017-06", 85), ("2017-07", None)])
    assert (assessment.value, assessment.status) == (Decimal(85), "green")
    assert "June 2017" in assessment.explain(locale="en")
    counted = _assess([("2017-06", 30), ("2017-07", None), ("2017-05", 20)], Aggregation.MEAN)
    assert counted.value == Decimal(25)


def test_without_outcomes_within_there_is_nothing_to_judge():
    assessment = _assess([("2017-07", None), ("2017-09", 90)])
    assert (assessment.value, assessment.status) == (None, None)
    assert assessment.not_assessed is not None
    assert assessment.not_assessed.reason is NotAssessedReason.NO_DATA


def test_a_sum_adds_every_outcome_within_and_names_the_last():
    assessment = _assess([("2017-05", 30), ("2017-06", 20), ("2017-07", 40)], Aggregation.SUM)
    assert (assessment.value, assessment.status) == (Decimal(90), "green")
    assert assessment.explain(locale="en").endswith("The outcome is as of July 2017.")


def test_a_mean_divides_the_sum_by_the_number_of_outcomes():
    assessment = _assess([("2017-05", 30), ("2017-06", 20), ("2017-07", 40)], Aggregation.MEAN)
    assert (assessment.value, assessment.status) == (Decimal(30), "red")
    assert assessment.explain(locale="en").endswith("The outcome is as of July 2017.")
    single = _assess([("2017-06", 7)], Aggregation.SUM)
    assert single.value == Decimal(7)


def test_overlapping_outcomes_cannot_be_summed_and_the_error_says_so_in_full():
    values: list[tuple[str, int | None]] = [("2017-06", 30), ("2017-06-01/2017-07-31", 20)]
    with pytest.raises(MalstyrningError) as raised:
        _assess(values, Aggregation.SUM)
    assert str(raised.value) == (
        "indicator 'i', series 'total': outcomes 2017-06 and 2017-06-01/2017-07-31 overlap, "
        "so their sum for 2017-T2 would count some days twice; keep outcomes of one kind of "
        "period (months or quarters) in the series"
    )


def _baseline_change(values: list[tuple[str, int]]) -> Assessment:
    indicator = Indicator(
        id="i",
        title="Antal",
        unit="antal",
        target=Change(baseline=Period("2016"), direction=Direction.HIGHER_IS_BETTER),
        aggregation=Aggregation.LATEST,
        series=(
            Series(
                key="total",
                measurements=tuple(
                    Measurement(period=Period(text), value=Decimal(value)) for text, value in values
                ),
            ),
        ),
    )
    plan = Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2016-01-01/2017-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
    )
    return evaluate(plan, period=T2)["i"]


def test_a_baseline_is_its_latest_month_when_the_indicator_takes_the_latest():
    # The latest month of 2016 is 120, above the outcome; their mean, 110, would be below it.
    assessment = _baseline_change([("2016-11", 100), ("2016-12", 120), ("2017-T2", 115)])
    assert assessment.status == "red"
    improved = _baseline_change([("2016-11", 120), ("2016-12", 100), ("2017-T2", 115)])
    assert improved.status == "green"


def test_a_baseline_of_exactly_its_period_comes_before_its_months():
    assessment = _baseline_change([("2016", 120), ("2016-12", 100), ("2017-T2", 115)])
    assert assessment.status == "red"


def test_overlapping_outcomes_of_a_reference_series_name_the_indicator_and_that_series() -> None:
    # The main series has its own outcome; the reference series, read through the rule, sums
    # May and a range of May and June.
    reference = Series(
        key="riket",
        label="Riket",
        reference=True,
        measurements=(
            Measurement(period=Period("2017-05"), value=Decimal(3)),
            Measurement(period=Period("2017-05-01/2017-06-30"), value=Decimal(4)),
        ),
    )
    indicator = Indicator(
        id="vantetid",
        title="Väntetid",
        unit="dagar",
        direction=Direction.LOWER_IS_BETTER,
        aggregation=Aggregation.SUM,
        target=RelativeToReference(reference="riket", comparison=Comparison.AT_MOST),
        series=(
            Series(key="total", measurements=(Measurement(period=T2, value=Decimal(50)),)),
            reference,
        ),
    )
    plan = Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2016-01-01/2017-12-31"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(Goal(id="g", title="Mål", level="goal", children=(indicator,)),),
    )
    with pytest.raises(MalstyrningError) as raised:
        evaluate(plan, period=T2)
    assert str(raised.value) == (
        "indicator 'vantetid', series 'riket': outcomes 2017-05 and 2017-05-01/2017-06-30 "
        "overlap, so their sum for 2017-T2 would count some days twice; keep outcomes of one "
        "kind of period (months or quarters) in the series"
    )
