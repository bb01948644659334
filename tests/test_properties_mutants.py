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
    Interpolation,
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
    SeriesTarget,
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


# -- second round: survivors of rules.py and evaluate.py --------------------------------------


@pytest.mark.parametrize(
    ("rule", "english", "swedish"),
    [
        (Change.increase(P2018), "higher than in 2018", "högre än 2018"),
        (Change.decrease(P2018), "lower than in 2018", "lägre än 2018"),
        (Change.decrease(P2018, by=0), "reach the level of 2018", "nå nivån för 2018"),
        (
            Change.increase(P2018, by=1, unit="antal"),
            "increase by at least 1 antal compared with 2018",
            "öka med minst 1 antal jämfört med 2018",
        ),
        (
            Change.decrease(P2018, by=0, unit="dagar", tolerance=Tolerance(Decimal(2))),
            "reach the level of 2018 (close within 2 dagar)",
            "nå nivån för 2018 (nära målet inom 2 dagar)",
        ),
        (
            Maintain(level=Decimal(5), unit="%", tolerance=Tolerance(Decimal(1))),
            "maintain the level 5% (close within 1%)",
            "bibehålla nivån 5\xa0% (nära målet inom 1\xa0%)",
        ),
        (Maintain(level=Decimal("4.10")), "maintain the level 4.10", "bibehålla nivån 4,10"),
        (
            # A margin between 0 and 1 is still above the reference.
            RelativeToReference(
                reference="riket", comparison=Comparison.AT_MOST, margin=Decimal("0.5")
            ),
            "at most 0.5% above riket",
            "högst 0,5\xa0% över riket",
        ),
    ],
)
def test_change_maintain_and_reference_rules_describe_themselves(rule, english, swedish):
    # The phrase is what a reader sees in every explanation: baseline, amount, unit and band.
    assert rule.describe().render(locale="en") == english
    assert rule.describe().render(locale="sv") == swedish


@pytest.mark.parametrize("series", ["total", "riket"])
def test_a_reference_rule_refuses_yes_no_answers_by_name(series):
    # The error names the rule that cannot judge yes/no, whichever series gives the answer.
    values = {"total": {P2018: Decimal(1)}, "riket": {P2018: Decimal(1)}}
    values[series] = {P2018: True}
    rule = RelativeToReference(reference="riket", comparison=Comparison.AT_MOST)
    with pytest.raises(InvalidTarget, match=r"^RelativeToReference judges numbers"):
        rule.judge(RuleContext.of_values(values, period=P2018))


def test_a_series_target_explains_with_the_series_label_or_key():
    from malstyrning import SeriesTarget

    rule = SeriesTarget(
        series="women", rule=Threshold(comparison=Comparison.AT_LEAST, value=29, unit="%")
    )
    context = RuleContext.of_values({"women": {P2018: Decimal(30)}}, period=P2018)
    assert rule.judge(context).explanation.render(locale="en") == (
        "women: Outcome 30%, target at least 29%: met."
    )
    labelled = attrs_evolve(context, labels={"women": "Kvinnor"})
    assert rule.judge(labelled).explanation.render(locale="sv") == (
        "Kvinnor: Utfall 30\xa0%, mål minst 29\xa0%: uppnått."
    )


def outcomes(**values):
    return tuple(Measurement(period=Period(p), value=v) for p, v in values.items())


def test_an_indicator_without_target_keeps_its_outcome_trend_and_comment():
    from malstyrning import Comment, NotAssessed

    node = Indicator(
        id="i",
        title="I",
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2018"), value=3),
                    Measurement(period=Y2019, value=4, comment="preliminärt"),
                ),
            ),
        ),
        comments=(Comment(period=Y2019, text="Se bilaga."),),
    )
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    assert assessment.not_assessed == NotAssessed(NotAssessedReason.NO_TARGET, "")
    assert assessment.explain(locale="en") == "Not assessed: no target value."
    # Without a target the outcome and its trend are still shown.
    assert assessment.value == Decimal(4)
    assert assessment.trend.status == "improving"
    assert assessment.comment == "Se bilaga. preliminärt"
    later = evaluate(plan_of(node), period=Period("2020"))["i"]
    assert (later.value, later.trend, later.comment) == (None, None, "")


def test_an_indicator_comment_joins_the_node_comment_and_the_outcome_comment():
    from malstyrning import Comment

    node = attrs_evolve(
        indicator("i", (Measurement(period=Y2019, value=2, comment="preliminärt"),)),
        comments=(
            Comment(period=Y2019, text="Se bilaga."),
            Comment(period=Period("2019-T1"), text="Gammal."),
        ),
    )
    assert evaluate(plan_of(node), period=Y2019)["i"].comment == "Se bilaga. preliminärt"
    # No outcome and no comment for the period: no comment, and no trend.
    empty = evaluate(plan_of(node), period=Period("2020"))["i"]
    assert (empty.comment, empty.trend) == ("", None)


def test_an_indicator_assessment_carries_the_rule_gap_and_verdict():
    node = indicator("i", (Measurement(period=Y2019, value=3),))
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    assert assessment.rule == node.target
    assert assessment.gap == Decimal(2)
    assert assessment.result.achievement is Achievement.MET
    assert assessment.result.gap == Decimal(2)


def test_the_indicator_is_judged_on_its_primary_series_in_its_direction_and_unit():
    from malstyrning import Direction

    node = Indicator(
        id="i",
        title="I",
        unit="dagar",
        direction=Direction.LOWER_IS_BETTER,
        target=Maintain(level=5),
        primary_series="women",
        series=(
            Series(key="total", measurements=outcomes(**{"2019": 9})),
            Series(key="women", measurements=outcomes(**{"2019": 4})),
        ),
    )
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    assert (assessment.status, assessment.value) == ("green", Decimal(4))
    assert assessment.explain(locale="en") == ("Outcome 4 dagar, target maintain the level 5: met.")


def test_a_per_series_target_shows_that_series_value_under_its_label():
    from malstyrning import SeriesTarget

    node = Indicator(
        id="i",
        title="I",
        unit="%",
        target=SeriesTarget(
            series="women", rule=Threshold(comparison=Comparison.AT_LEAST, value=29)
        ),
        series=(
            Series(key="total", measurements=outcomes(**{"2019": 20})),
            Series(key="women", label="Kvinnor", measurements=outcomes(**{"2019": 30})),
        ),
    )
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    # The value judged is the women's, not the total's.
    assert (assessment.status, assessment.value) == ("green", Decimal(30))
    assert assessment.explain(locale="sv") == "Kvinnor: Utfall 30\xa0%, mål minst 29: uppnått."


def test_an_indicator_without_a_verdict_still_shows_its_outcome():
    from malstyrning import Composite, NotAssessed

    not_yet = attrs_evolve(
        indicator("i", (Measurement(period=Y2019, value=7),)),
        target=Trajectory(levels=(TargetLevel(Period("2022"), 9),)),
    )
    assessment = evaluate(plan_of(not_yet), period=Y2019)["i"]
    assert assessment.not_assessed == NotAssessed(NotAssessedReason.NOT_YET_DUE, "2022")
    assert assessment.value == Decimal(7)
    # A composite gives no single value either: the indicator's own outcome is shown.
    parts = (
        Threshold(comparison=Comparison.AT_LEAST, value=5),
        Threshold(comparison=Comparison.AT_LEAST, value=8),
    )
    both = attrs_evolve(not_yet, target=Composite(rules=parts))
    assessment = evaluate(plan_of(both), period=Y2019)["i"]
    assert (assessment.status, assessment.value) == ("red", Decimal(7))
    assert [part.achievement for part in assessment.result.parts] == [
        Achievement.MET,
        Achievement.NOT_MET,
    ]


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


def test_reported_nodes_keep_their_period_and_comments():
    from malstyrning import Activity, Comment, NotAssessed

    task = Assignment(
        id="a", title="A", reports=(Report(period=Y2019, status="green", comment="klart"),)
    )
    running = Activity(
        id="b", title="B", reports=(Report(period=Y2019, status="ongoing", comment="enligt plan"),)
    )
    stopped = Activity(
        id="c",
        title="C",
        reports=(Report(period=Y2019, status="cancelled", comment="ersatt"),),
        comments=(Comment(period=Y2019, text="Beslut i nämnden."),),
    )
    year = evaluate(plan_of(task, running, stopped), period=Y2019)
    assert (year["a"].period, year["a"].status, year["a"].comment) == (Y2019, "green", "klart")
    assert (year["b"].status, year["b"].comment) == ("yellow", "enligt plan")
    assert year["c"].comment == "Beslut i nämnden. ersatt"
    assert year["c"].not_assessed == NotAssessed(NotAssessedReason.CANCELLED, "")
    assert year["c"].explain(locale="en") == "Not assessed: the activity was cancelled."
    # Without a manual judgement the status is the derived one, for goals as well.
    assert [year[key].derived_status for key in ("a", "b", "c", "g")] == [
        "green",
        "yellow",
        None,
        "yellow",
    ]


def test_a_yes_no_measure_without_an_answer_has_only_the_node_comment():
    from malstyrning import Comment, NotAssessed

    measure = YesNoMeasure(
        id="m",
        title="M",
        measurements=(Measurement(period=Period("2019-T1"), value=True, comment="beslutad"),),
        comments=(Comment(period=Period("2019-T1"), text="Se protokoll."),),
    )
    plan = plan_of(measure)
    assert evaluate(plan, period="2019-T1")["m"].comment == "Se protokoll. beslutad"
    unanswered = evaluate(plan, period="2019-T2")["m"]
    assert unanswered.not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "2019-T2")
    assert unanswered.comment == ""


def test_the_default_period_is_the_one_ending_last_not_the_one_starting_last():
    # 2019-T2 starts after 2019 but the year's outcome is the later one.
    measurements = (
        Measurement(period=Period("2019-T2"), value=2),
        Measurement(period=Period("2019"), value=2),
    )
    assert default_period(plan_of(indicator("i", measurements))) == Period("2019")


def test_without_outcomes_the_default_period_error_gives_an_example():
    with pytest.raises(MalstyrningError) as raised:
        default_period(plan_of(indicator("i", ())))
    assert str(raised.value) == (
        "plan 'p' has no reporting period and no outcomes; name the period to assess "
        "(e.g. --period 2019-T1)"
    )


def test_a_manual_judgement_explains_itself_and_what_it_overrides():
    from malstyrning import Comment, Judgement

    override = Judgement(period=Y2019, status="yellow", by="HSN")
    judged = attrs_evolve(
        indicator("i", (Measurement(period=Y2019, value=0),)), judgements=(override,)
    )
    unmeasured = attrs_evolve(indicator("j", ()), judgements=(override,))
    evaluation = evaluate(plan_of(judged, unmeasured), period=Y2019)
    assert evaluation["i"].explain(locale="en") == (
        "Manual judgement: yellow (HSN: -). Derived status: red. "
        "Outcome 0, target at least 1: not met."
    )
    # A judgement may also give a status where the rules could not.
    assert evaluation["j"].status == "yellow"
    assert evaluation["j"].explain(locale="sv") == (
        "Manuell bedömning: gul (HSN: -). Härledd status: ej bedömd. "
        "Ej bedömd: inget utfall för perioden (2019)."
    )
    # Several comments for the period are joined with a space.
    commented = attrs_evolve(
        judged, comments=(Comment(period=Y2019, text="Ett."), Comment(period=Y2019, text="Två."))
    )
    assert evaluate(plan_of(commented), period=Y2019)["i"].comment == "Ett. Två."


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
    from malstyrning import Direction, judge_pace

    series = Series(
        key="total", measurements=outcomes(**{"2019": Decimal(start), "2020": Decimal(now)})
    )
    level = TargetLevel(Period("2022"), target)
    pace = judge_pace(series, Period("2020"), level, Direction(way))
    assert pace.method.value == method
    assert pace.ratio == pace.observed_growth / pace.required_growth


def test_pace_without_two_outcomes_says_why():
    from malstyrning import Direction, NotAssessed, judge_pace

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
    from malstyrning import Direction, judge_pace

    # From 0 in 2019 towards 60 in 2022 (linear): 19 in 2020 is 95 % of the pace needed.
    series = Series(key="total", measurements=outcomes(**{"2019": 0, "2020": Decimal(now)}))
    pace = judge_pace(
        series, Period("2020"), TargetLevel(Period("2022"), 60), Direction("higher_is_better")
    )
    assert pace.ratio == Decimal(now) / 20
    assert pace.status == status


def test_pace_explains_a_reached_or_lost_target_level_with_the_unit():
    from malstyrning import Direction, judge_pace

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


def test_a_composite_explains_its_verdict_and_every_part():
    from malstyrning import Composite, NotAssessed, SeriesTarget

    rule = Composite(
        rules=tuple(
            SeriesTarget(series=key, rule=Threshold(comparison=Comparison.AT_MOST, value=5))
            for key in ("total", "men", "women")
        )
    )
    full = {"total": {P2018: Decimal(4)}, "men": {P2018: Decimal(3)}, "women": {P2018: Decimal(6)}}
    result = rule.judge(RuleContext.of_values(full, period=P2018))
    assert result.explanation.render(locale="en") == (
        "Overall not met. total: Outcome 4, target at most 5: met. "
        "men: Outcome 3, target at most 5: met. women: Outcome 6, target at most 5: not met."
    )
    del full["women"]
    partial = rule.judge(RuleContext.of_values(full, period=P2018))
    # Two of three parts known, and they do not decide "all of".
    assert partial.not_assessed == NotAssessed(NotAssessedReason.PARTIAL_DATA, "2/3")
    assert partial.explanation.render(locale="en") == (
        "Not assessed: parts of the target have no outcome. total: Outcome 4, target at most 5: "
        "met. men: Outcome 3, target at most 5: met. women: Not assessed: no outcome for the "
        "period."
    )


def test_a_target_value_is_shown_in_the_unit_of_the_outcome():
    rule = Change.increase(P2018, by=5, unit="antal")
    context = RuleContext.of_values(
        {"total": {P2018: Decimal(10), Y2019: Decimal(16)}}, period=Y2019
    )
    assert rule.judge(context).explanation.render(locale="en") == (
        "Outcome 16 antal, target increase by at least 5 antal compared with 2018 "
        "(target value 15 antal): met."
    )


def test_goals_say_why_they_are_not_assessed_and_how_they_rolled_up():
    from malstyrning import Comment, NotAssessed

    children = (indicator("met", (Measurement(period=Y2019, value=2),)), indicator("empty", ()))
    plan = attrs_evolve(
        plan_of(),
        goals=(
            Goal(id="g", title="G", level="goal", children=children),
            Goal(id="tom", title="T", level="goal", comments=(Comment(period=Y2019, text="Ny."),)),
            Goal(id="blank", title="B", level="goal", children=(indicator("none", ()),)),
        ),
    )
    evaluation = evaluate(plan, period=Y2019)
    assert evaluation["g"].explain(locale="en") == (
        "green (the worst part decides; 1 of 2 assessed: 1 green, 1 not assessed)."
    )
    assert evaluation["tom"].not_assessed == NotAssessed(NotAssessedReason.NO_TARGET, "")
    assert (evaluation["tom"].comment, evaluation["g"].comment) == ("Ny.", "")
    assert evaluation["blank"].not_assessed == NotAssessed(
        NotAssessedReason.NO_ASSESSED_CHILDREN, ""
    )


def test_a_revised_plan_is_evaluated_as_it_stood_in_the_period():
    from malstyrning import revisions

    plan = examples.load("jamtland-harjedalen-2020")
    after = revisions.apply(plan, examples.load_revision("jamtland-harjedalen-2020-revision"))
    # Per April the struck goal is still there, judged against version 1.
    april = evaluate(after, period="2020-T1")
    assert april.version == 1
    assert april["omlokaliserade-verksamheter"].version == 1
    august = evaluate(after, period="2020-T2")
    assert "omlokaliserade-verksamheter" not in august.assessments
    assert {assessment.version for assessment in august} == {2}
    # An unrevised plan is version 1 throughout.
    assert {assessment.version for assessment in evaluate(plan, period="2020-T1")} == {1}


def test_an_evaluation_names_its_rollup_policy():
    from malstyrning import InvalidScale, Majority, ShareThresholds, Worst

    plan = plan_of(indicator("i", (Measurement(period=Y2019, value=2),)))
    assert evaluate(plan, period=Y2019).policy == Worst()
    assert evaluate(plan, period=Y2019, rollup="majority").policy == Majority()
    share = ShareThresholds({"green": Decimal("0.5")})
    assert evaluate(plan, period=Y2019, rollup=share).policy == share
    with pytest.raises(InvalidScale) as raised:
        evaluate(plan, period=Y2019, rollup="best")
    assert str(raised.value) == (
        "unknown roll-up policy 'best'; use one of worst, majority, mean_of_ranks"
    )


def test_trajectory_targets_between_around_and_after_several_levels():
    rule = Trajectory(
        levels=(
            TargetLevel(Period("2022"), 85),
            TargetLevel(Period("2025"), 87),
            TargetLevel(Period("2027"), 90),
        )
    )
    # Two more decimals than the levels: 85 + 2/3 rounds to 85.67.
    assert rule.target_for(Period("2023")) == Decimal("85.67")
    assert rule.target_for(Period("2026")) == Decimal("88.5")
    assert rule.target_for(Period("2030")) == Decimal(90)
    # A part of a level's year has that level, not an interpolation past it.
    assert rule.target_for(Period("2022-T3")) == Decimal(85)
    assert rule.target_for(Period("2025-T3")) == Decimal(87)
    step = attrs_evolve(rule, interpolation=Interpolation.STEP)
    assert [step.target_for(Period(p)) for p in ("2024", "2025-T3", "2026")] == [85, 87, 87]
    single = Trajectory(levels=(TargetLevel(Period("2022"), 85),))
    assert single.target_for(Period("2022-T3")) == Decimal(85)


def test_a_due_trajectory_without_outcome_or_with_yes_no_answers():
    from malstyrning import NotAssessed

    rule = Trajectory(levels=(TargetLevel(P2018, 5),))
    missing = rule.judge(RuleContext.of_values({}, period=P2018))
    assert missing.not_assessed == NotAssessed(NotAssessedReason.NO_DATA)
    with pytest.raises(InvalidTarget, match=r"^Trajectory judges numbers"):
        rule.judge(RuleContext.of_values({"total": {P2018: True}}, period=P2018))


def test_a_trajectory_judges_its_level_inclusively_with_band_and_unit():
    rule = Trajectory(levels=(TargetLevel(P2018, 5),), tolerance=Tolerance(Decimal(1)))

    def judged(value):
        context = RuleContext.of_values({"total": {P2018: Decimal(value)}}, period=P2018)
        return rule.judge(attrs_evolve(context, unit="dagar"))

    assert judged(5).explanation.render(locale="en") == (
        "Outcome 5 dagar, target target levels 5 (2018) (close within 1) "
        "(target value 5 dagar): met."
    )
    assert judged(4).achievement is Achievement.NEAR


def test_a_change_without_its_baseline_names_the_period():
    from malstyrning import NotAssessed

    result = Change.increase(P2018).judge(
        RuleContext.of_values({"total": {Y2019: 1}}, period=Y2019)
    )
    assert result.not_assessed == NotAssessed(NotAssessedReason.NO_BASELINE, "2018")
    assert result.explanation.render(locale="en") == (
        "Not assessed: no outcome for the baseline period (2018)."
    )


@pytest.mark.parametrize(
    ("rule", "answered"),
    [
        (Change.increase(P2018), Y2019),
        (Change.increase(P2018), P2018),  # the baseline is the yes/no answer
        (Maintain(level=1), Y2019),
        (Threshold(comparison=Comparison.AT_LEAST, value=1), Y2019),
    ],
)
def test_numeric_rules_refuse_yes_no_answers_by_name(rule, answered):
    values = {P2018: Decimal(1), Y2019: Decimal(1)}
    values[answered] = True
    context = RuleContext.of_values({"total": values}, period=Y2019)
    with pytest.raises(InvalidTarget, match=rf"^{type(rule).__name__} judges numbers"):
        rule.judge(context)


@pytest.mark.parametrize(
    "rule",
    [
        Maintain(level=10, tolerance=Tolerance(Decimal(1))),
        Change.increase(P2018, by=0, tolerance=Tolerance(Decimal(1))),
    ],
)
def test_maintain_and_change_use_their_tolerance_band(rule):
    values = {P2018: Decimal(10), Y2019: Decimal("9.5")}
    result = rule.judge(RuleContext.of_values({"total": values}, period=Y2019))
    assert result.achievement is Achievement.NEAR


def test_thresholds_and_composites_describe_themselves():
    from malstyrning import Composite, CompositeMode

    banded = Threshold(
        comparison=Comparison.AT_LEAST, value="4.10", unit="p", tolerance=Tolerance(Decimal("0.05"))
    )
    assert banded.describe().render(locale="en") == "at least 4.10 p (close within 0.05 p)"
    two = Composite(
        mode=CompositeMode.AT_LEAST,
        k=2,
        rules=(banded, Threshold(comparison=Comparison.AT_MOST, value=5), YesNo()),
    )
    assert two.describe().render(locale="sv") == (
        "minst 2 av: minst 4,10 p (nära målet inom 0,05 p); högst 5; svaret ja"
    )


def test_trajectory_levels_may_not_share_a_day():
    with pytest.raises(InvalidTarget) as raised:
        Trajectory(
            levels=(
                TargetLevel(Period("2022-01-01/2022-06-30"), 1),
                TargetLevel(Period("2022-06-30/2022-12-31"), 2),
            )
        )
    assert str(raised.value) == (
        "a trajectory's target levels must be in time order without overlap "
        "(got 2022-H1 before 2022-06-30/2022-12-31)"
    )
    with pytest.raises(InvalidTarget) as raised:
        Trajectory(levels=())
    assert str(raised.value) == "a trajectory needs at least one target level"


def test_rule_errors_say_what_to_do():
    from malstyrning import Composite

    with pytest.raises(InvalidTarget) as raised:
        Maintain(level=1).judge(RuleContext.of_values({"total": {P2018: True}}, period=P2018))
    assert str(raised.value) == (
        "Maintain judges numbers, but the measure gives yes/no answers; "
        "use YesNo for qualitative measures"
    )
    with pytest.raises(InvalidTarget) as raised:
        Composite(rules=())
    assert str(raised.value) == "a composite target needs at least one part"


def test_change_amounts_are_checked_with_a_hint():
    with pytest.raises(InvalidTarget) as raised:
        Change.increase(P2018, by=-1)
    assert str(raised.value) == (
        "Change.by is the improvement asked for and cannot be negative (got -1); "
        "give the direction instead"
    )
    with pytest.raises(InvalidTarget) as raised:
        Change.increase(P2018, relative=True)
    assert str(raised.value) == "Change.relative needs an amount in 'by'"
    # A yes/no is not a number, even though Python counts True as 1.
    with pytest.raises(InvalidTarget, match="finite number"):
        Threshold(comparison=Comparison.AT_LEAST, value=True)


def test_iter_rules_lists_nested_rules_outermost_first():
    from malstyrning import Composite, SeriesTarget
    from malstyrning.rules import iter_rules

    inner = Threshold(comparison=Comparison.AT_LEAST, value=1)
    women = SeriesTarget(series="women", rule=inner)
    other = Maintain(level=2)
    outer = Composite(rules=(women, other))
    assert iter_rules(outer) == [outer, women, inner, other]


def test_small_rule_details_users_see():
    from malstyrning import Composite, CompositeMode

    # "at least 1 of" is allowed, and is "any of".
    parts = (YesNo(), YesNo(expected=False))
    one = Composite(mode=CompositeMode.AT_LEAST, k=1, rules=parts)
    answer = RuleContext.of_values({"total": {P2018: True}}, period=P2018)
    assert one.judge(answer).achievement is Achievement.MET
    # A relative band is shown in percent, whatever the unit.
    rule = Threshold(
        comparison=Comparison.AT_MOST,
        value="5.0",
        unit="dagar",
        tolerance=Tolerance(Decimal(10), relative=True),
    )
    assert rule.describe().render(locale="en") == "at most 5.0 dagar (close within 10%)"
    with pytest.raises(InvalidTarget) as raised:
        Threshold(comparison=Comparison.AT_LEAST, value=Decimal("NaN"))
    assert str(raised.value) == "Threshold.value must be a finite number (got Decimal('NaN'))"


# -- third round: the evaluator's pass (_Pass) and the helpers it uses -----------------------


@pytest.mark.parametrize(
    ("comparison", "direction", "status", "text"),
    [
        (Comparison.AT_LEAST, "higher_is_better", "green", "at least 1: met"),
        (Comparison.MORE_THAN, "higher_is_better", "red", "more than 1: not met"),
        (Comparison.AT_MOST, "lower_is_better", "green", "at most 1: met"),
        (Comparison.LESS_THAN, "lower_is_better", "red", "less than 1: not met"),
    ],
)
def test_an_indicator_on_its_threshold_meets_only_an_inclusive_comparison(
    comparison, direction, status, text
):
    from malstyrning import Direction

    node = Indicator(
        id="i",
        title="I",
        direction=Direction(direction),
        target=Threshold(comparison=comparison, value=1),
        series=(Series(key="total", measurements=outcomes(**{"2019": 1})),),
    )
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    assert (assessment.status, assessment.gap) == (status, Decimal(0))
    assert assessment.explain(locale="en") == f"Outcome 1, target {text}."


@pytest.mark.parametrize(
    ("rule_unit", "unit", "text"),
    [
        (None, "%", "Outcome 3%, target at least 1: met."),
        ("%", None, "Outcome 3%, target at least 1%: met."),
    ],
)
def test_a_threshold_indicator_shows_the_rules_or_else_the_indicators_unit(rule_unit, unit, text):
    node = Indicator(
        id="i",
        title="I",
        unit=unit,
        target=Threshold(comparison=Comparison.AT_LEAST, value=1, unit=rule_unit),
        series=(Series(key="total", measurements=outcomes(**{"2019": 3})),),
    )
    assert evaluate(plan_of(node), period=Y2019)["i"].explain(locale="en") == text


def trajectory_indicator(unit="dagar", rule_unit=None):
    return Indicator(
        id="i",
        title="I",
        unit=unit,
        target=Trajectory(
            levels=(TargetLevel(Y2019, 5), TargetLevel(Period("2022"), 8)), unit=rule_unit
        ),
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2018"), value=4),
                    Measurement(period=Y2019, value=5, comment="preliminärt"),
                ),
            ),
        ),
    )


def test_a_trajectory_indicator_is_judged_on_its_level_with_trend_pace_and_comment():
    assessment = evaluate(plan_of(trajectory_indicator()), period=Y2019)["i"]
    # Exactly on the level is met: a trajectory's level is inclusive.
    assert (assessment.status, assessment.derived_status) == ("green", "green")
    assert (assessment.value, assessment.target, assessment.gap) == (5, 5, 0)
    assert assessment.explain(locale="en") == (
        "Outcome 5 dagar, target target levels 5 (2019), 8 (2022) (target value 5 dagar): met."
    )
    assert assessment.trend.status == "improving"
    assert assessment.trend.previous_period == Period("2018")
    assert assessment.comment == "preliminärt"
    # The next level, 8 in 2022, gives the pace.
    pace = assessment.pace
    assert pace.status == "on_track"
    assert pace.target == TargetLevel(Period("2022"), 8)
    assert pace.explanation.render(locale="en") == (
        "Pace: on track. Progress since 2018 is 132% of what is needed to reach 8 dagar by 2022."
    )
    # Without a unit of its own, the indicator takes the trajectory's.
    other = evaluate(plan_of(trajectory_indicator(None, "%")), period=Y2019)["i"]
    assert other.explain(locale="en") == (
        "Outcome 5%, target target levels 5% (2019), 8% (2022) (target value 5%): met."
    )


def test_a_trajectory_indicator_between_levels_is_judged_on_the_interpolated_target():
    node = attrs_evolve(
        trajectory_indicator(),
        series=(Series(key="total", measurements=outcomes(**{"2019": 5, "2020": 6})),),
    )
    assessment = evaluate(plan_of(node), period="2020")["i"]
    assert (assessment.status, assessment.target, assessment.gap) == ("green", 6, 0)
    assert assessment.trend.status == "improving"
    assert assessment.pace.status == "on_track"


def test_an_indicator_without_an_outcome_keeps_only_the_node_comment_for_the_period():
    from malstyrning import Comment

    plain = indicator("i", ())
    assert evaluate(plan_of(plain), period=Y2019)["i"].comment == ""
    commented = attrs_evolve(
        plain,
        comments=(
            Comment(period=Period("2019-T1"), text="Gammal."),
            Comment(period=Y2019, text="Se bilaga."),
        ),
    )
    assert evaluate(plan_of(commented), period=Y2019)["i"].comment == "Se bilaga."


def test_a_goal_without_assessed_children_still_counts_them():
    goal = evaluate(plan_of(indicator("a", ()), indicator("b", ())), period=Y2019)["g"]
    assert goal.status is None
    assert dict(goal.counts) == {"not_assessed": 2}


def test_reported_nodes_and_indicators_of_an_unrevised_plan_are_version_1():
    from malstyrning import Activity

    plan = plan_of(
        Assignment(id="a", title="A", reports=(Report(period=Y2019, status="green"),)),
        Assignment(id="silent", title="S"),
        Activity(id="act", title="Act", reports=(Report(period=Y2019, status="done"),)),
        indicator("i", (Measurement(period=Y2019, value=2),)),
    )
    evaluation = evaluate(plan, period=Y2019)
    assert {node: evaluation[node].version for node in ("a", "silent", "act", "i", "g")} == {
        "a": 1,
        "silent": 1,
        "act": 1,
        "i": 1,
        "g": 1,
    }


def test_numeric_indicators_of_a_revised_plan_carry_its_version():
    from datetime import date

    from malstyrning import revisions
    from malstyrning.revisions import Revision, Strike

    plan = plan_of(
        indicator("threshold", (Measurement(period=Y2019, value=2),)),
        trajectory_indicator(),
        attrs_evolve(indicator("untargeted", ()), target=None),
        Assignment(id="struck", title="S"),
    )
    revised = revisions.apply(
        plan,
        Revision(
            body="HSN", decided=date(2019, 1, 1), operations=(Strike(id="struck", cascade=False),)
        ),
    )
    evaluation = evaluate(revised, period=Y2019)
    assert (evaluation["threshold"].status, evaluation["threshold"].version) == ("green", 2)
    assert (evaluation["i"].status, evaluation["i"].version) == ("green", 2)
    assert evaluation["untargeted"].not_assessed.reason is NotAssessedReason.NO_TARGET
    assert evaluation["untargeted"].version == 2


@pytest.mark.parametrize("kind", ["indicator", "yes_no"])
def test_a_missing_outcome_judged_through_a_lookup_keeps_its_words(kind):
    from malstyrning import NotAssessed

    later = (
        Measurement(period=Y2019, missing=NotAssessedReason.MEASURED_LATER, comment="Mäts i maj"),
    )
    if kind == "indicator":
        node = attrs_evolve(indicator("n", later), target=Maintain(level=5))
    else:
        node = YesNoMeasure(id="n", title="M", measurements=later)
    assessment = evaluate(plan_of(node), period=Y2019)["n"]
    assert assessment.not_assessed == NotAssessed(NotAssessedReason.MEASURED_LATER, "Mäts i maj")
    assert assessment.explain(locale="en") == (
        "Not assessed: measured at a later follow-up (Mäts i maj)."
    )


def test_a_due_trajectory_without_a_number_says_why_in_the_reports_words():
    from malstyrning import NotAssessed

    later = Measurement(period=Y2019, missing=NotAssessedReason.MEASURED_LATER, comment="I maj")
    node = attrs_evolve(
        trajectory_indicator(),
        series=(Series(key="total", measurements=(later,)),),
    )
    assessment = evaluate(plan_of(node), period=Y2019)["i"]
    assert assessment.not_assessed == NotAssessed(NotAssessedReason.MEASURED_LATER, "I maj")
    assert (assessment.value, assessment.comment) == (None, "I maj")
    assert assessment.explain(locale="en") == (
        "Not assessed: measured at a later follow-up (I maj)."
    )
    # Without an outcome the pace towards the next level cannot be judged either.
    assert assessment.pace.not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "")
    empty = evaluate(plan_of(attrs_evolve(node, series=(Series(key="total"),))), period=Y2019)
    assert empty["i"].not_assessed == NotAssessed(NotAssessedReason.NO_DATA, "2019")


def test_a_yes_no_measure_assessment_carries_kind_target_and_rule_result():
    measure = YesNoMeasure(
        id="m", title="M", measurements=(Measurement(period=Y2019, value=False),)
    )
    assessment = evaluate(plan_of(measure), period=Y2019)["m"]
    assert (assessment.node_id, assessment.kind) == ("m", "yes_no")
    assert (assessment.status, assessment.derived_status) == ("red", "red")
    assert (assessment.value, assessment.target, assessment.gap) == (False, True, None)
    assert assessment.result.achievement is Achievement.NOT_MET
    assert assessment.result.target is True


def test_pace_of_a_reached_or_lost_target_level_keeps_its_baseline_and_outcome():
    from malstyrning import Direction, judge_pace

    level = TargetLevel(Period("2022"), 30)
    up = Direction.HIGHER_IS_BETTER
    for start, now, status in [(20, 35, "achieved"), (40, 25, "deterioration")]:
        series = Series(key="total", measurements=outcomes(**{"2019": start, "2020": now}))
        pace = judge_pace(series, Period("2020"), level, up)
        assert pace.status == status
        assert pace.baseline == Measurement(period=Y2019, value=start)
        assert pace.current == Measurement(period=Period("2020"), value=now)
        assert (pace.observed_growth, pace.ratio, pace.not_assessed) == (None, None, None)


def test_every_kind_of_node_of_a_revised_plan_carries_its_version_and_the_goal_its_comment():
    from datetime import date

    from malstyrning import Comment, revisions
    from malstyrning.revisions import Revision, Strike

    plan = plan_of(
        indicator("threshold", (Measurement(period=Y2019, value=2),)),
        YesNoMeasure(id="m", title="M", measurements=(Measurement(period=Y2019, value=True),)),
        Assignment(id="a", title="A", reports=(Report(period=Y2019, status="green"),)),
        Assignment(id="struck", title="S"),
    )
    plan = attrs_evolve(
        plan,
        goals=(attrs_evolve(plan.goals[0], comments=(Comment(period=Y2019, text="Bra år."),)),),
    )
    revised = revisions.apply(
        plan,
        Revision(
            body="HSN", decided=date(2019, 1, 1), operations=(Strike(id="struck", cascade=False),)
        ),
    )
    evaluation = evaluate(revised, period=Y2019)
    assert {node_id: evaluation[node_id].version for node_id in ("g", "threshold", "m", "a")} == {
        "g": 2,
        "threshold": 2,
        "m": 2,
        "a": 2,
    }
    goal = evaluation["g"]
    assert (goal.kind, goal.status, goal.comment) == ("goal", "green", "Bra år.")
    # An unrevised plan is version 1 throughout.
    assert {assessment.version for assessment in evaluate(plan, period=Y2019)} == {1}


def test_a_goal_counts_every_child_of_each_status():
    plan = plan_of(
        indicator("a", (Measurement(period=Y2019, value=2),)),
        indicator("b", (Measurement(period=Y2019, value=3),)),
        indicator("c", (Measurement(period=Y2019, value=0),)),
        indicator("d", ()),
    )
    counts = evaluate(plan, period=Y2019)["g"].counts
    assert dict(counts) == {"green": 2, "red": 1, "not_assessed": 1}


def test_a_rule_judged_by_itself_gives_the_assessment_its_target_gap_and_rule():
    rule = Maintain(level=5)
    node = attrs_evolve(indicator("n", (Measurement(period=Y2019, value=6),)), target=rule)
    assessment = evaluate(plan_of(node), period=Y2019)["n"]
    assert (assessment.status, assessment.target, assessment.gap) == ("green", 5, 1)
    assert assessment.rule is rule


def test_the_pace_of_a_per_series_trajectory_speaks_in_the_indicators_unit():
    trajectory = Trajectory(levels=(TargetLevel(Y2019, 5), TargetLevel(Period("2022"), 8)))
    node = attrs_evolve(
        trajectory_indicator(), target=SeriesTarget(series="total", rule=trajectory)
    )
    pace = evaluate(plan_of(node), period=Y2019)["i"].pace
    assert pace is not None
    assert "dagar" in pace.explanation.render(locale="en")
