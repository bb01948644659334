"""Judgements in force: their order, the scale a judgement left without one takes, a judged
activity status (cancelled leaves the node unrated), a judgement on the plan's scale before
one on the activity's own, the derived comparison a judged trend keeps, and the words."""

from __future__ import annotations

from decimal import Decimal

from malstyrning import (
    Goal,
    Indicator,
    Judgement,
    Measurement,
    NotAssessedReason,
    Period,
    Plan,
    PlanLevel,
    Series,
    evaluate,
)
from malstyrning.model import Activity, Node, Report
from malstyrning.rules import Comparison, Threshold
from malstyrning.scales import NotAssessed

T1 = Period("2019-T1")


def _plan(*children: Node) -> Plan:
    return Plan(
        id="p",
        title="Plan",
        organisation="Region",
        validity=Period("2019"),
        levels=(PlanLevel("area", "Målområde"), PlanLevel("factor", "Framgångsfaktor")),
        goals=(Goal(id="a", title="Område", level="area", children=children),),
    )


def _activity(*judgements: Judgement) -> Activity:
    return Activity(
        id="act",
        title="Aktivitet",
        reports=(Report(period=T1, status="ongoing"),),
        judgements=judgements,
    )


def test_judgements_are_listed_in_the_order_they_were_last_given():
    judgements = (
        Judgement(period=T1, scale="trend", status="worsening", by="A"),
        Judgement(period=T1, status="yellow", by="B"),
        Judgement(period=T1, scale="trend", status="improving", by="C"),
    )
    goal = Goal(id="f", title="Faktor", level="factor", judgements=judgements)
    assessment = evaluate(_plan(goal), period=T1)["f"]
    assert [(j.scale, j.by) for j in assessment.judgements] == [
        ("traffic_light", "B"),
        ("trend", "C"),
    ]


def test_a_judgement_naming_its_scale_is_kept_as_given():
    judgement = Judgement(period=T1, scale="trend", status="improving", by="RS")
    goal = Goal(id="f", title="Faktor", level="factor", judgements=(judgement,))
    assessment = evaluate(_plan(goal), period=T1)["f"]
    assert assessment.judged("trend") is judgement
    assert assessment.trend is not None and assessment.trend.judgement is judgement


def test_a_judgement_without_a_scale_is_on_the_plans_scale_and_says_so():
    judgement = Judgement(period=T1, status="red", by="RS")
    goal = Goal(id="f", title="Faktor", level="factor", judgements=(judgement,))
    assessment = evaluate(_plan(goal), period=T1)["f"]
    assert assessment.judgement is not None
    assert assessment.judgement.scale == "traffic_light"
    assert assessment.judged("traffic_light") == assessment.judgement
    assert judgement.scale is None


def test_a_judged_trend_keeps_the_period_and_value_it_was_derived_from():
    indicator = Indicator(
        id="i",
        title="Andel",
        unit="%",
        target=Threshold(comparison=Comparison.AT_LEAST, value=Decimal(80)),
        series=(
            Series(
                key="total",
                measurements=(
                    Measurement(period=Period("2018-T3"), value=Decimal(70)),
                    Measurement(period=T1, value=Decimal(85)),
                ),
            ),
        ),
        judgements=(Judgement(period=T1, scale="trend", status="worsening", by="HSN"),),
    )
    trend = evaluate(_plan(indicator), period=T1)["i"].trend
    assert trend is not None
    assert (trend.status, trend.previous_period, trend.previous_value, trend.judged_by) == (
        "worsening",
        Period("2018-T3"),
        Decimal(70),
        "HSN",
    )


def test_an_activity_judged_cancelled_is_left_unrated_as_cancelled():
    judged = Judgement(period=T1, scale="activity_status", status="cancelled", by="HSN")
    assessment = evaluate(_plan(_activity(judged)), period=T1)["act"]
    assert assessment.status is None
    assert assessment.not_assessed == NotAssessed(NotAssessedReason.CANCELLED, "")
    assert assessment.judgement is judged
    assert assessment.explain(locale="en") == (
        "Manual judgement: cancelled (HSN). Derived status: yellow. "
        "Activity status: ongoing according to plan."
    )


def test_an_activity_judged_on_its_own_scale_takes_that_status_and_is_rated():
    judged = Judgement(period=T1, scale="activity_status", status="delayed", by="HSN")
    assessment = evaluate(_plan(_activity(judged)), period=T1)["act"]
    assert (assessment.status, assessment.not_assessed) == ("red", None)


def test_a_judgement_on_the_plans_scale_comes_before_one_on_the_activitys_own():
    colour = Judgement(period=T1, status="green", by="RS", reason="Bra")
    own = Judgement(period=T1, scale="activity_status", status="delayed", by="HSN")
    for judgements in ((colour, own), (own, colour)):
        assessment = evaluate(_plan(_activity(*judgements)), period=T1)["act"]
        assert assessment.status == "green"
        assert assessment.judgement is not None and assessment.judgement.by == "RS"
        assert assessment.explain(locale="en") == (
            "Manual judgement: green (RS: Bra). Derived status: yellow. "
            "Activity status: ongoing according to plan."
        )
