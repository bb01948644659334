"""The evaluate JSON marks what is new since the previous follow-up, and activities' own status."""

import json

import attrs
from click.testing import CliRunner

from malstyrning import Goal, Judgement, Period, dumps, examples
from malstyrning.cli import main
from malstyrning.revisions import apply


def revised_with_a_judgement():
    """The revised example, with the replacing goal judged in T2 so that there is data."""
    plan = apply(
        examples.load("jamtland-harjedalen-2020"),
        examples.load_revision("jamtland-harjedalen-2020-revision"),
    )
    judgement = Judgement(period=Period("2020-T2"), status="yellow", by="HSN")

    def visit(node):
        if node.id == "vardgarantin":
            return attrs.evolve(node, judgements=(judgement,))
        if isinstance(node, Goal):
            return attrs.evolve(node, children=tuple(visit(child) for child in node.children))
        return node

    return attrs.evolve(plan, goals=tuple(visit(goal) for goal in plan.goals))


def records(path, period):
    result = CliRunner().invoke(
        main, ["evaluate", str(path), "--period", period, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return {record["id"]: record for record in json.loads(result.stdout)}


def test_nodes_changed_by_a_revision_in_the_period_are_new(tmp_path):
    plan = revised_with_a_judgement()
    path = tmp_path / "revised.json"
    path.write_text(dumps(plan), encoding="utf-8")
    found = records(path, "2020-T2")
    assert found["vardgarantin"]["new"] == {
        "change": "replaces",
        "replaces": "hog-tillganglighet",
        "decision": plan.history[0].revision.reference,
        "effective": "2020-06-10",
    }
    assert found["vald-fragan"]["new"]["change"] == "changed"
    unchanged = [key for key, record in found.items() if record["new"] is None]
    assert unchanged
    assert "hog-tillganglighet" not in found


def test_nothing_is_new_before_or_after_the_period_the_revision_took_effect_in():
    from malstyrning.revisions import changes_in

    plan = revised_with_a_judgement()
    assert plan.history[0].revision.in_force.isoformat() == "2020-06-10"
    assert changes_in(plan, Period("2020-T1")) == {}
    assert changes_in(plan, Period("2020-T3")) == {}
    assert set(changes_in(plan, Period("2020-06"))) == set(changes_in(plan, Period("2020-T2")))
    assert changes_in(plan, Period("2020-05")) == {}


def test_every_record_has_own_status_and_new():
    result = CliRunner().invoke(
        main, ["evaluate", "jamtland-harjedalen-2019", "--period", "2019-T1", "--format", "json"]
    )
    for record in json.loads(result.stdout):
        assert "own_status" in record
        assert record["new"] is None


def test_the_records_in_python_are_the_records_the_cli_prints():
    from malstyrning import evaluate
    from malstyrning.report import evaluation_records

    plan = revised_with_a_judgement()
    records = evaluation_records(evaluate(plan, period="2020-T2"), locale="sv")
    by_id = {record["id"]: record for record in records}
    assert by_id["vardgarantin"]["new"]["change"] == "replaces"
    assert by_id["vardgarantin"]["judgements"][0]["by"] == "HSN"
    assert all({"owner", "own_status", "new", "trend_source"} <= set(r) for r in records)
