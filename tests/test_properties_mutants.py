"""Tests written to kill mutants that survived `make mutation` (see docs/testing.md).

Each pins down behaviour the property suite did not: the text form of rules, the rounding of
a policy, the default period, the words of a roll-up explanation.
"""

from decimal import Decimal

import pytest
from attrs import evolve as attrs_evolve
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import (
    Achievement,
    Assignment,
    Change,
    Comparison,
    Goal,
    Indicator,
    InvalidTarget,
    Maintain,
    MalstyrningError,
    MeanOfRanks,
    Measurement,
    NotAssessedReason,
    Period,
    Plan,
    PlanLevel,
    RelativeToReference,
    Report,
    RuleContext,
    Series,
    TargetLevel,
    Threshold,
    Tolerance,
    Trajectory,
    YesNo,
    YesNoMeasure,
    evaluate,
    examples,
)
from malstyrning.evaluate import default_period
from malstyrning.testing import numbers

P2018 = Period("2018")


@given(comparison=st.sampled_from(list(Comparison)), value=numbers(), target=numbers())
def test_holds_is_exactly_a_met_threshold(comparison, value, target):
    rule = Threshold(comparison=comparison, value=target)
    result = rule.judge(RuleContext.of_values({"total": {P2018: value}}, period=P2018))
    assert comparison.holds(value, target) is (result.achievement is Achievement.MET)


def test_holds_on_and_next_to_the_target():
    one, two = Decimal(1), Decimal(2)
    assert Comparison.AT_LEAST.holds(one, one)
    assert not Comparison.MORE_THAN.holds(one, one)
    assert Comparison.MORE_THAN.holds(two, one)
    assert Comparison.AT_MOST.holds(one, one)
    assert not Comparison.LESS_THAN.holds(one, one)
    assert not Comparison.AT_LEAST.holds(Decimal("0.5"), one)
    assert Comparison.MORE_THAN.holds(Decimal("1.5"), one)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (Tolerance(Decimal(1)), "±1"),
        (Tolerance(Decimal(2), relative=True), "±2 %"),
        (Change.increase(P2018), "increase vs 2018"),
        (Change.decrease(P2018), "decrease vs 2018"),
        (Change.decrease(P2018, by=0), "reach level of 2018"),
        (Change.increase(P2018, by=1), "increase by 1 vs 2018"),
        (Change.decrease(P2018, by=10, relative=True), "decrease by 10 % vs 2018"),
        (Change.increase(P2018, by=5, unit="antal"), "increase by 5 antal vs 2018"),
        (Maintain(level=Decimal(5), unit="%"), "maintain 5 %"),
        (Maintain(level=Decimal(5)), "maintain 5"),
        (
            Trajectory(levels=(TargetLevel(Period("2022"), 85), TargetLevel(Period("2024"), 87))),
            "85 in 2022, 87 in 2024",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("7.5")
            ),
            "<= riket + 7.5 %",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_LEAST, margin=Decimal("0.5")
            ),
            ">= riket + 0.5 %",
        ),
        (
            RelativeToReference(
                reference="riket",
                comparison=Comparison.AT_MOST,
                margin=Decimal(-2),
                relative=False,
                unit="dagar",
            ),
            "<= riket - 2 dagar",
        ),
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.LESS_THAN, margin=0, relative=False
            ),
            "< riket + 0",
        ),
        (YesNo(expected=False), "no"),
    ],
)
def test_the_text_form_of_rules(rule, text):
    assert str(rule) == text


def test_yes_no_rules_describe_their_expected_answer():
    for locale in ("sv", "en"):
        assert YesNo(expected=True).describe().render(locale=locale) != YesNo(
            expected=False
        ).describe().render(locale=locale)


@pytest.mark.parametrize(
    ("value", "field"),
    [("4,1O", "value"), (Decimal("NaN"), "value"), (float("inf"), "value")],
)
def test_rule_numbers_are_converted_and_checked(value, field):
    assert Threshold(comparison=Comparison.AT_LEAST, value="4.10").value == Decimal("4.10")
    assert Threshold(comparison=Comparison.AT_LEAST, value=4.1).value == Decimal("4.1")
    assert Change.increase(P2018, by="2").by == Decimal(2)
    assert Change.increase(P2018).by is None
    with pytest.raises(InvalidTarget, match=field):
        Threshold(comparison=Comparison.AT_LEAST, value=value)
    with pytest.raises(InvalidTarget):
        Change.increase(P2018, by=value)
    with pytest.raises(TypeError):
        Maintain(level=1, unit=5)


def test_mean_of_ranks_rounds_half_up_to_the_worse_level():
    assert MeanOfRanks().combine([0, 1], scale=None) == 1
    assert MeanOfRanks().combine([0, 0, 1], scale=None) == 0
    assert MeanOfRanks().combine([1, 2], scale=None) == 2


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


def test_the_default_period_is_the_reporting_period_or_the_latest_outcome():
    values = (
        Measurement(period=Period("2019"), value=2),
        Measurement(period=Period("2018"), value=1),
    )
    assert default_period(plan_of(indicator("i", values))) == Period("2019")
    reported = plan_of(indicator("i", values), reporting_period=Period("2019-T1"))
    assert default_period(reported) == Period("2019-T1")


def test_the_default_period_ignores_missing_outcomes_and_prefers_the_shorter_period():
    measurements = (
        Measurement(period=Period("2019"), value=2),
        Measurement(period=Period("2019-T3"), value=2),
        Measurement(period=Period("2020"), missing=NotAssessedReason.MEASURED_LATER),
    )
    assert default_period(plan_of(indicator("i", measurements))) == Period("2019-T3")
    answers = (
        Measurement(period=Period("2018"), value=True),
        Measurement(period=Period("2020"), missing=NotAssessedReason.TOO_EARLY),
    )
    measure = YesNoMeasure(id="m", title="M", measurements=answers)
    assert default_period(plan_of(measure)) == Period("2018")
    task = Assignment(id="a", title="A", reports=(Report(period=Period("2019-T2")),))
    assert default_period(plan_of(task)) == Period("2019-T2")


def test_without_outcomes_the_default_period_must_be_named():
    with pytest.raises(MalstyrningError, match=r"name the period to assess \(e\.g\. --period"):
        default_period(plan_of(indicator("i", ())))


def test_a_rollup_explanation_counts_children_by_level_and_not_assessed():
    plan = plan_of(
        indicator("met", (Measurement(period=Period("2019"), value=2),)),
        indicator("empty", ()),
    )
    evaluation = evaluate(plan, period="2019")
    text = evaluation["g"].explain(locale="en")
    assert "1 green" in text
    assert "1 not assessed" in text
    assert "1 of 2 assessed" in text


def test_summaries_count_the_last_level_and_respect_under():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    whole = evaluation.summary()
    goal = next(a.node_id for a in evaluation if a.kind == "goal")
    part = evaluation.summary(under=goal)
    assert part.total < whole.total
    assert evaluation.summary(kind="indicator").total == sum(
        1 for a in evaluation if a.kind == "indicator"
    )
    empty = evaluate(plan_of(levels=False), period="2019")
    assert empty.summary().total == 0


def test_the_repr_of_an_evaluation_counts_its_indicators():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    summary = evaluation.summary(kind="indicator")
    assert repr(evaluation) == (
        f"Evaluation(plan='jamtland-harjedalen-2019', period=Period('2019-T1'), "
        f"nodes={len(evaluation)}, indicators={dict(summary.counts)}, "
        f"not_assessed={summary.not_assessed})"
    )
    assert "'green': 6" in repr(evaluation)


def test_a_trajectory_describes_every_level_with_unit_and_band():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), 85), TargetLevel(Period("2024"), 87)),
        unit="%",
        tolerance=Tolerance(Decimal(1)),
    )
    assert rule.describe().render(locale="en") == (
        "target levels 85% (2022), 87% (2024) (close within 1%)"
    )


def yes(answer, expected=True):
    rule = YesNo(expected=expected)
    return rule.judge(RuleContext.of_values({"total": {P2018: answer}}, period=P2018))


def test_yes_no_verdicts_explain_the_answer_and_the_expectation():
    assert yes(True).explanation.render(locale="en") == "Answer yes, expected yes: met."
    assert yes(True, expected=False).explanation.render(locale="en") == (
        "Answer yes, expected no: not met."
    )
    with pytest.raises(InvalidTarget, match=r"^YesNo judges yes/no answers, but the indicator"):
        yes(Decimal(1))


def test_of_values_judges_the_series_named_and_shows_the_unit():
    context = RuleContext.of_values(
        {"total": {P2018: Decimal(1)}, "women": {P2018: Decimal(9)}},
        period=P2018,
        series="women",
        unit="dagar",
    )
    result = Threshold(comparison=Comparison.AT_LEAST, value=5).judge(context)
    assert result.achievement is Achievement.MET
    assert result.explanation.render(locale="en") == "Outcome 9 dagar, target at least 5: met."


def test_share_thresholds_take_levels_best_first_and_count_shares():
    from malstyrning import TRAFFIC_LIGHT, ShareThresholds

    # Best level first, whatever the order of the keys.
    assert (
        ShareThresholds({"red": Decimal(0), "yellow": Decimal("0.5")}).combine(
            [1, 1, 2], TRAFFIC_LIGHT
        )
        == 1
    )
    # A share is a count divided by the number of children.
    assert ShareThresholds({"green": Decimal("0.75")}).combine([0, 2, 2, 2], TRAFFIC_LIGHT) == 2
    assert ShareThresholds({"green": Decimal("0.5")}).combine([0, 2, 2], TRAFFIC_LIGHT) == 2
    assert ShareThresholds({"green": Decimal("0.5")}).combine([0, 0, 2], TRAFFIC_LIGHT) == 0


Y2019 = Period("2019")


def test_assignments_and_activities_take_the_status_of_their_report():
    from malstyrning import Activity, Comment, NotAssessed

    reported = Assignment(
        id="a",
        title="A",
        reports=(
            Report(period=Period("2019-T1"), status="yellow", comment="pågår"),
            Report(period=Y2019, status="green", comment="klart"),
            Report(period=Period("2019-T2"), status=None, comment="inget besked"),
        ),
        comments=(Comment(period=Y2019, text="Se bilaga."),),
    )
    activities = [
        Activity(id=f"act-{status}", title=status, reports=(Report(period=Y2019, status=status),))
        for status in ("done", "ongoing", "planned", "delayed", "cancelled")
    ]
    silent = Assignment(id="silent", title="S")
    plan = plan_of(reported, silent, *activities)

    year = evaluate(plan, period=Y2019)
    assert year["a"].status == "green"  # the report for exactly the period wins
    assert year["a"].comment == "Se bilaga. klart"
    assert year["a"].explain(locale="en") == "Assessed in the follow-up: green."
    first = evaluate(plan, period=Period("2019-T1"))
    assert (first["a"].status, first["a"].comment) == ("yellow", "pågår")
    second = evaluate(plan, period=Period("2019-T2"))
    assert second["a"].status is None
    assert second["a"].not_assessed == NotAssessed(NotAssessedReason.NOT_JUDGED, "")
    assert second["a"].comment == "inget besked"
    assert year["silent"].not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "")
    assert year["silent"].comment == ""
    readings = {
        status: year[f"act-{status}"].status for status in ("done", "ongoing", "planned", "delayed")
    }
    assert readings == {"done": "green", "ongoing": "yellow", "planned": "yellow", "delayed": "red"}
    assert year["act-cancelled"].not_assessed == NotAssessed(NotAssessedReason.CANCELLED, "")
    assert year["act-done"].explain(locale="en") == "Activity status: done."
    assert year["act-done"].period == Y2019


def test_a_yes_no_measure_is_judged_with_its_comment():
    from malstyrning import NotAssessed

    measure = YesNoMeasure(
        id="m",
        title="M",
        expected=True,
        measurements=(
            Measurement(period=Y2019, value=True, comment="beslutad"),
            Measurement(period=Period("2020"), missing=NotAssessedReason.MEASURED_LATER),
        ),
    )
    plan = plan_of(measure)
    assessment = evaluate(plan, period=Y2019)["m"]
    assert (assessment.status, assessment.value, assessment.comment) == ("green", True, "beslutad")
    assert assessment.rule == YesNo(expected=True)
    assert assessment.period == Y2019
    later = evaluate(plan, period=Period("2020"))["m"]
    assert later.not_assessed == NotAssessed(NotAssessedReason.MEASURED_LATER, "")
    assert later.comment == ""


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("7.5")
            ),
            "at most 7.5% above riket",
        ),
        (
            RelativeToReference(
                reference="riket",
                comparison=Comparison.AT_LEAST,
                margin=Decimal(-2),
                relative=False,
                unit="dagar",
                tolerance=Tolerance(Decimal(1)),
            ),
            "at most 2 dagar below riket (close within 1 dagar)",
        ),
        (
            RelativeToReference(reference="riket", comparison=Comparison.LESS_THAN),
            "less than riket",
        ),
    ],
)
def test_reference_rules_describe_side_amount_and_band(rule, text):
    assert rule.describe().render(locale="en") == text


def reference_context(value, reference):
    values = {"total": {P2018: value}}
    if reference is not None:
        values["riket"] = {P2018: reference}
    return RuleContext.of_values(values, period=P2018)


@given(
    comparison=st.sampled_from(list(Comparison)),
    margin=numbers(min_value=-50, max_value=50),
    relative=st.booleans(),
    value=numbers(),
    reference=numbers(),
    band=st.none() | st.decimals(min_value=1, max_value=20, places=0),
)
def test_a_reference_rule_targets_the_reference_plus_its_margin(
    *, comparison, margin, relative, value, reference, band
):
    tolerance = None if band is None else Tolerance(band)
    rule = RelativeToReference(
        reference="riket",
        comparison=comparison,
        margin=margin,
        relative=relative,
        unit="%",
        tolerance=tolerance,
    )
    result = rule.judge(reference_context(value, reference))
    target = reference + (abs(reference) * margin / 100 if relative else margin)
    assert result.target == target
    assert result.gap == comparison.direction.margin(value, target)
    gap = result.gap
    expected = (
        Achievement.MET
        if gap > 0 or (comparison.inclusive and gap == 0)
        else Achievement.NEAR
        if band is not None and -gap <= band
        else Achievement.NOT_MET
    )
    assert result.achievement is expected
    assert "(target value " in result.explanation.render(locale="en")
    assert "%" in result.explanation.render(locale="en")
    on_target = rule.judge(reference_context(target, reference))
    assert (on_target.achievement is Achievement.MET) is comparison.inclusive


def test_a_reference_rule_without_the_reference_names_it():
    from malstyrning import NotAssessed

    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    result = rule.judge(reference_context(Decimal(1), None))
    assert result.not_assessed == NotAssessed(NotAssessedReason.NO_REFERENCE, "riket")


def test_interpolated_targets_keep_two_more_decimals_than_the_levels():
    rule = Trajectory(
        levels=(TargetLevel(Period("2022"), Decimal("1.25")), TargetLevel(Period("2024"), "1.5"))
    )
    assert rule.target_for(Period("2023")) == Decimal("1.375")
    assert rule.next_level(Period("2022")) == rule.levels[1]
    assert rule.next_level(Period("2024")) is None


@given(
    direction=st.sampled_from(["higher_is_better", "lower_is_better"]),
    previous=numbers(),
    current=numbers(),
)
def test_the_trend_compares_with_the_previous_outcome_in_the_good_direction(
    direction, previous, current
):
    from malstyrning import Direction

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


def test_a_missing_outcome_keeps_its_reason_and_words():
    from malstyrning import NotAssessed

    node = indicator(
        "i",
        (
            Measurement(
                period=Period("2019"),
                missing=NotAssessedReason.MEASURED_LATER,
                comment="Mäts i augusti",
            ),
        ),
    )
    assessment = evaluate(plan_of(node), period="2019")["i"]
    assert assessment.not_assessed == NotAssessed(
        NotAssessedReason.MEASURED_LATER, "Mäts i augusti"
    )
    assert assessment.comment == "Mäts i augusti"
    empty = evaluate(plan_of(indicator("i", ())), period="2019")["i"]
    assert empty.not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "2019")


def test_pace_follows_the_series_a_per_series_trajectory_names():
    from malstyrning import SeriesTarget

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
