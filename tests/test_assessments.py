"""What an evaluation holds for each kind of node: status, value, target, gap, rule, comment,
period, version and counts; and the evaluation's own summary, repr and roll-up policy.
"""

from decimal import Decimal

import pytest
from attrs import evolve as attrs_evolve

from _plans import Y2019, indicator, outcomes, plan_of, trajectory_indicator
from malstyrning import (
    Achievement,
    Assignment,
    Indicator,
    Measurement,
    NotAssessedReason,
    Period,
    Report,
    Series,
    YesNoMeasure,
    evaluate,
    examples,
)
from malstyrning.report.notebook import evaluation_html
from malstyrning.rules import Comparison, Maintain, TargetLevel, Threshold, Trajectory, YesNo


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


def test_an_evaluation_and_an_assessment_display_themselves_in_a_notebook():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    page = evaluation._repr_html_()
    assert page == evaluation_html(evaluation)
    assert 'data-node="samhalle"' in page
    view = evaluation["antibiotika"]._repr_html_()
    assert view is not None
    assert 'data-status="green"' in view
    assert "245 rec/TIN" in view


def test_a_reported_status_leaves_nothing_unassessed():
    task = Assignment(id="u", title="U", reports=(Report(period=Y2019, status="green"),))
    assessment = evaluate(plan_of(task), period="2019")["u"]
    assert (assessment.status, assessment.derived_status, assessment.not_assessed) == (
        "green",
        "green",
        None,
    )
    assert assessment.assessed


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
    from malstyrning.rules import Direction

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
    from malstyrning.rules import SeriesTarget

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
    from malstyrning import NotAssessed
    from malstyrning.rules import Composite

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
        "green",  # activities count in a goal only when the plan says so (issue 14)
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
    from malstyrning import InvalidScale
    from malstyrning.evaluation import Majority, ShareThresholds, Worst

    plan = plan_of(indicator("i", (Measurement(period=Y2019, value=2),)))
    assert evaluate(plan, period=Y2019).policy == Worst()
    assert evaluate(plan, period=Y2019, rollup="majority").policy == Majority()
    share = ShareThresholds({"green": Decimal("0.5")})
    assert evaluate(plan, period=Y2019, rollup=share).policy == share
    with pytest.raises(InvalidScale) as raised:
        evaluate(plan, period=Y2019, rollup="best")
    assert str(raised.value) == (
        "unknown roll-up policy 'best'; use one of worst, majority, mean_of_ranks or "
        "share:LEVEL=SHARE,... (e.g. share:green=0.75,yellow=0.5)"
    )


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
    from malstyrning.rules import Direction

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
