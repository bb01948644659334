"""Goals counting the activities that serve them from elsewhere in the tree (a plan's
``rollup_activities``): an activity further down the plan, reported or judged, counts by its
status as the activity's own assessment gives it."""

from __future__ import annotations

import pickle

from malstyrning import Activity, Goal, Judgement, Period, Plan, PlanLevel, Report, evaluate
from malstyrning.evaluation import Evaluation

T2 = Period("2024-T2")


def _evaluation(activity: Activity) -> Evaluation:
    first = Goal(id="g1", title="G1", level="goal")
    second = Goal(id="g2", title="G2", level="goal", children=(activity,))
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2024"),
        levels=(PlanLevel("goal", "Mål"),),
        goals=(first, second),
        rollup_activities=True,
    )
    return evaluate(plan, period=T2)


def test_an_activity_further_down_counts_in_the_goal_it_serves_by_its_report():
    activity = Activity(
        id="a", title="A", serves=("g1",), reports=(Report(period=T2, status="delayed"),)
    )
    evaluation = _evaluation(activity)
    assert (evaluation["g1"].status, dict(evaluation["g1"].counts)) == ("red", {"red": 1})
    assert evaluation["g1"].status == evaluation["a"].status
    assert evaluation["g1"].explain(locale="en") == (
        "red (the worst part decides; 1 of 1 assessed: 1 red)."
    )


def test_an_activity_further_down_counts_by_its_judged_status():
    judged = Judgement(period=T2, scale="activity_status", status="done", by="RS")
    activity = Activity(
        id="a",
        title="A",
        serves=("g1",),
        reports=(Report(period=T2, status="delayed"),),
        judgements=(judged,),
    )
    evaluation = _evaluation(activity)
    assert evaluation["a"].status == "green"
    assert (evaluation["g1"].status, dict(evaluation["g1"].counts)) == ("green", {"green": 1})


def test_an_unreported_activity_further_down_counts_as_not_assessed():
    activity = Activity(id="a", title="A", serves=("g1",))
    evaluation = _evaluation(activity)
    assert evaluation["g1"].status is None
    assert dict(evaluation["g1"].counts) == {"not_assessed": 1}


def test_an_activity_serving_the_goal_it_sits_under_counts_there_once():
    activity = Activity(
        id="a", title="A", serves=("g2", "g1"), reports=(Report(period=T2, status="delayed"),)
    )
    evaluation = _evaluation(activity)
    assert dict(evaluation["g2"].counts) == {"red": 1}
    assert dict(evaluation["g1"].counts) == {"red": 1}


def test_a_pickled_evaluation_counts_activities_by_their_own_status_and_colour():
    activity = Activity(
        id="a", title="A", serves=("g1",), reports=(Report(period=T2, status="delayed"),)
    )
    evaluation = _evaluation(activity)
    again = pickle.loads(pickle.dumps(evaluation))
    assert dict(again.summary(kind="activity").counts)["delayed"] == 1
    assert dict(again.summary(kind="activity").counts) == dict(
        evaluation.summary(kind="activity").counts
    )
    assert dict(again.summary(level="goal").counts)["red"] == 2
