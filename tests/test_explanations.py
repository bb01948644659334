"""The words of an assessment: why a node is not assessed, how a goal rolled up, what a
manual judgement overrides.
"""

import pytest
from attrs import evolve as attrs_evolve

from _plans import Y2019, indicator, plan_of, trajectory_indicator
from malstyrning import Goal, Measurement, NotAssessedReason, Period, Series, YesNoMeasure, evaluate
from malstyrning.rules import Maintain


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


def test_a_manual_judgement_explains_itself_and_what_it_overrides():
    from malstyrning import Comment, Judgement

    override = Judgement(period=Y2019, status="yellow", by="HSN")
    judged = attrs_evolve(
        indicator("i", (Measurement(period=Y2019, value=0),)), judgements=(override,)
    )
    unmeasured = attrs_evolve(indicator("j", ()), judgements=(override,))
    evaluation = evaluate(plan_of(judged, unmeasured), period=Y2019)
    assert evaluation["i"].explain(locale="en") == (
        "Manual judgement: yellow (HSN). Derived status: red. "
        "Outcome 0, target at least 1: not met."
    )
    # A judgement may also give a status where the rules could not.
    assert evaluation["j"].status == "yellow"
    assert evaluation["j"].explain(locale="sv") == (
        "Manuell bedömning: gul (HSN). Härledd status: ej bedömd. "
        "Ej bedömd: inget utfall för perioden (2019)."
    )
    # Several comments for the period are joined with a space.
    commented = attrs_evolve(
        judged, comments=(Comment(period=Y2019, text="Ett."), Comment(period=Y2019, text="Två."))
    )
    assert evaluate(plan_of(commented), period=Y2019)["i"].comment == "Ett. Två."


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
