"""Activities as themselves: their own status, links to what they serve, roll-up by choice."""

import json

import pytest

from malstyrning import (
    Activity,
    Assignment,
    Goal,
    Period,
    Plan,
    PlanLevel,
    Report,
    evaluate,
)
from malstyrning.errors import DocumentError, InvalidPlan
from malstyrning.io import dumps, loads
from malstyrning.scales import Achievement, Level, Scale

T2 = Period("2024-T2")


def activity(node_id, status, **fields):
    reports = () if status is None else (Report(period=T2, status=status),)
    return Activity(id=node_id, title=f"Aktivitet {node_id}", reports=reports, **fields)


def assignment(node_id, status):
    return Assignment(
        id=node_id, title=f"Uppdrag {node_id}", reports=(Report(period=T2, status=status),)
    )


def plan_of(*goals, **fields):
    fields.setdefault("levels", (PlanLevel("area", "Målområde"), PlanLevel("goal", "Mål")))
    return Plan(id="p", title="P", organisation="O", validity=Period("2024"), goals=goals, **fields)


def two_goals(**fields):
    first = Goal(
        id="g1",
        title="G1",
        level="goal",
        children=(
            assignment("u1", "green"),
            activity("a1", "delayed", serves=("g2", "u2")),
            activity("a2", "ongoing"),
            activity("a3", "cancelled"),
            activity("a4", None),
        ),
    )
    second = Goal(id="g2", title="G2", level="goal", children=(assignment("u2", "green"),))
    area = Goal(id="area", title="Område", level="area", children=(first, second))
    return plan_of(area, **fields)


def test_an_activity_keeps_its_own_status_beside_its_colour():
    evaluation = evaluate(two_goals(), period=T2)
    delayed, ongoing, cancelled, silent = (evaluation[key] for key in ("a1", "a2", "a3", "a4"))
    assert (delayed.own_status, delayed.status) == ("delayed", "red")
    assert (ongoing.own_status, ongoing.status) == ("ongoing", "yellow")
    assert (cancelled.own_status, cancelled.status) == ("cancelled", None)
    assert (silent.own_status, silent.status) == (None, None)
    assert "delayed" in delayed.explain(locale="en")


def test_activities_do_not_count_in_the_goals_status_by_default():
    evaluation = evaluate(two_goals(), period=T2)
    assert evaluation["g1"].status == "green"
    assert dict(evaluation["g1"].counts) == {"green": 1}
    assert evaluation["g2"].status == "green"
    assert "1 of 1 assessed" in evaluation["g1"].explain(locale="en")


def test_a_plan_may_count_activities_and_then_the_goals_they_serve_too():
    evaluation = evaluate(two_goals(rollup_activities=True), period=T2)
    assert evaluation["g1"].status == "red"
    assert dict(evaluation["g1"].counts) == {"green": 1, "yellow": 1, "red": 1, "not_assessed": 2}
    # a1 sits under g1 and serves g2: it counts in both.
    assert evaluation["g2"].status == "red"
    assert dict(evaluation["g2"].counts) == {"green": 1, "red": 1}


def test_the_plans_scale_states_how_activities_read_on_it():
    two_step = Scale(
        key="two_step",
        levels=(Level(key="ok", colour="#2e7d32"), Level(key="not_ok", colour="#c62828")),
        achievements={
            Achievement.MET: "ok",
            Achievement.NEAR: "not_ok",
            Achievement.NOT_MET: "not_ok",
        },
        equivalents={"activity_status": {"done": "ok", "ongoing": "ok", "delayed": "not_ok"}},
    )
    goal = Goal(id="g", title="G", level="goal", children=(activity("a", "ongoing"),))
    plan = plan_of(goal, scale=two_step, rollup_activities=True, levels=(PlanLevel("goal", "Mål"),))
    evaluation = evaluate(plan, period=T2)
    assert (evaluation["a"].own_status, evaluation["a"].status) == ("ongoing", "ok")
    assert evaluation["g"].status == "ok"


def test_summaries_count_activities_by_their_own_status():
    evaluation = evaluate(two_goals(), period=T2)
    summary = evaluation.summary(kind="activity")
    assert {key: count for key, count in summary.counts.items() if count} == {
        "ongoing": 1,
        "delayed": 1,
        "cancelled": 1,
    }
    assert summary.not_assessed == 1
    assert summary.total == 4
    assert summary.scale.key == "activity_status"
    assert summary.share("ongoing") == 25


def test_the_activities_of_a_node_include_those_that_serve_it():
    evaluation = evaluate(two_goals(), period=T2)
    assert [a.node_id for a in evaluation.activities("g1")] == ["a1", "a2", "a3", "a4"]
    assert [a.node_id for a in evaluation.activities("g2")] == ["a1"]
    assert [a.node_id for a in evaluation.activities("u2")] == ["a1"]
    assert [a.node_id for a in evaluation.activities("u1")] == []
    assert len(evaluation.activities()) == 4


def test_links_and_the_roll_up_choice_travel_in_documents():
    plan = two_goals(rollup_activities=True)
    for fmt in ("json", "yaml", "toml"):
        text = dumps(plan, format=fmt)
        assert loads(text, format=fmt) == plan
    document = json.loads(dumps(plan))
    assert document["rollup_activities"] is True
    first = document["goals"][0]["children"][0]["children"][1]
    assert first["serves"] == ["g2", "u2"]
    # Left out when they hold the default: older documents stay as they were.
    plain = json.loads(dumps(two_goals()))
    assert "rollup_activities" not in plain
    assert "serves" not in plain["goals"][0]["children"][0]["children"][2]


def _document_with_link(target):
    document = json.loads(dumps(two_goals()))
    document["goals"][0]["children"][0]["children"][2]["serves"] = [target]
    return json.dumps(document)


def test_a_link_to_a_missing_node_is_named_with_its_path():
    with pytest.raises(DocumentError) as caught:
        loads(_document_with_link("g9"))
    message = str(caught.value)
    assert "$.goals[0].children[0].children[2].serves[0]" in message
    assert "'g9', which is not in the plan" in message


def test_an_activity_cannot_serve_an_activity():
    with pytest.raises(DocumentError, match="another activity"):
        loads(_document_with_link("a1"))


def test_links_are_ids_and_not_repeated():
    with pytest.raises(InvalidPlan, match="list of node ids"):
        Activity(id="a", title="A", serves=("not an id",))
    with pytest.raises(InvalidPlan, match="names a node twice"):
        Activity(id="a", title="A", serves=("g1", "g1"))


def test_a_revision_that_strikes_a_served_node_is_refused():
    from malstyrning import revisions
    from malstyrning.errors import InvalidOperation
    from malstyrning.model import Revision, Strike

    plan = two_goals()
    revision = Revision(body="RS", decided=T2.start, operations=(Strike(id="u2", cascade=True),))
    with pytest.raises(InvalidOperation, match="'u2', which is not in the plan"):
        revisions.apply(plan, revision)


def test_an_assignment_may_report_in_an_activitys_words():
    goal = Goal(
        id="g",
        title="G",
        level="goal",
        children=(assignment("u1", "delayed"), assignment("u2", "green")),
    )
    evaluation = evaluate(plan_of(goal, levels=(PlanLevel("goal", "Mål"),)), period=T2)
    late = evaluation["u1"]
    assert (late.own_status, late.status) == ("delayed", "red")
    assert late.explain(locale="en") == "Assessed in the follow-up: delayed."
    assert (evaluation["u2"].own_status, evaluation["u2"].status) == (None, "green")
    assert evaluation["g"].status == "red"  # an assignment always counts in its goal
    with pytest.raises(InvalidPlan, match="expected one of green, yellow, red; or on scale"):
        plan_of(
            Goal(id="g", title="G", level="goal", children=(assignment("u", "purple"),)),
            levels=(PlanLevel("goal", "Mål"),),
        )
