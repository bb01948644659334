"""The roll-up policy is part of the plan (per level, share thresholds too) and the CLI's."""

import json
from decimal import Decimal

import attrs
import jsonschema
import pytest
from click.testing import CliRunner

from malstyrning import Goal, Period, Plan, PlanLevel, evaluate, examples
from malstyrning.cli import main
from malstyrning.errors import DocumentError, InvalidPlan, InvalidScale
from malstyrning.evaluation import ROLLUP_POLICIES, Majority, ShareThresholds, Worst
from malstyrning.io import dump, dumps, loads
from malstyrning.rollup import (
    MeanOfRanks,
    parse_policy,
    policy_document,
    policy_from_document,
)
from malstyrning.schema import json_schema

PLAN = "jamtland-harjedalen-2019"
SHARES = ShareThresholds({"green": Decimal("0.5")})


def with_policies(plan, *, rollup=None, levels=None):
    levels = levels or {}
    return attrs.evolve(
        plan,
        rollup=rollup,
        levels=tuple(attrs.evolve(lv, rollup=levels.get(lv.key)) for lv in plan.levels),
    )


def test_the_policies_keep_their_old_names_in_evaluation():
    assert set(ROLLUP_POLICIES) == {"worst", "majority", "mean_of_ranks"}
    assert ROLLUP_POLICIES["worst"] == Worst()


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("worst", Worst()),
        ("majority", Majority()),
        ("mean_of_ranks", MeanOfRanks()),
        ("share:green=0.75,yellow=0.5", ShareThresholds({"green": "0.75", "yellow": "0.5"})),
        ("share:green=75%, yellow=50 %", ShareThresholds({"green": "0.75", "yellow": "0.5"})),
        ("share:green=0,8", None),
    ],
)
def test_every_shipped_policy_has_a_command_line_name(text, policy):
    if policy is None:
        with pytest.raises(InvalidScale, match="LEVEL=SHARE"):
            parse_policy(text)
        return
    assert parse_policy(text) == policy


@pytest.mark.parametrize("text", ["best", "share:", "share:green", "share:green=2"])
def test_unreadable_policy_names_say_what_is_expected(text):
    with pytest.raises(InvalidScale):
        parse_policy(text)


def test_a_share_is_above_zero_and_at_most_one():
    with pytest.raises(InvalidScale, match="from 0 to 1"):
        ShareThresholds({"green": Decimal("1.5")})
    with pytest.raises(InvalidScale, match="at least one level"):
        ShareThresholds({})


def test_documents_write_policies_by_key_or_as_share_thresholds():
    assert policy_document(Majority()) == "majority"
    assert policy_document(SHARES) == {"share": {"green": Decimal("0.5")}}
    assert policy_from_document("mean_of_ranks") == MeanOfRanks()
    assert policy_from_document({"share": {"green": "0.5"}}) == SHARES

    @attrs.frozen
    class Best:
        def combine(self, ranks, scale):
            return min(ranks)

        def render(self, *, locale):
            return "best"

    with pytest.raises(InvalidScale, match="cannot name it"):
        policy_document(Best())


def test_the_plans_policies_round_trip_and_follow_the_schema(tmp_path):
    plan = with_policies(examples.load(PLAN), rollup=SHARES, levels={"strategic_goal": Majority()})
    for fmt in ("json", "yaml", "toml"):
        assert loads(dumps(plan, format=fmt), format=fmt) == plan
    document = json.loads(dumps(plan))
    assert document["rollup"] == {"share": {"green": 0.5}}
    assert document["levels"][1]["rollup"] == "majority"
    assert "rollup" not in document["levels"][0]
    jsonschema.validate(document, json_schema())
    # A plan that states no policy writes none.
    plain = json.loads(dumps(examples.load(PLAN)))
    assert "rollup" not in plain
    assert all("rollup" not in level for level in plain["levels"])


def test_a_level_policy_decides_for_its_goals_and_the_plans_for_the_rest():
    plan = examples.load(PLAN)
    worst = evaluate(plan, period="2019-T1")
    chosen = evaluate(
        with_policies(plan, rollup=Majority(), levels={"strategy": Worst()}), period="2019-T1"
    )
    majority = evaluate(plan, period="2019-T1", rollup="majority")
    for node in plan.walk():
        if isinstance(node, Goal):
            expected = worst if node.level == "strategy" else majority
            assert chosen[node.id].status == expected[node.id].status, node.id
    assert chosen.policy == Majority()


def test_a_policy_given_to_evaluate_overrides_the_plans():
    plan = with_policies(examples.load(PLAN), rollup=Majority(), levels={"strategy": Majority()})
    overridden = evaluate(plan, period="2019-T1", rollup="worst")
    plain = evaluate(examples.load(PLAN), period="2019-T1", rollup="worst")
    assert overridden.assessments == plain.assessments
    assert overridden.policy == Worst()


def test_share_thresholds_name_levels_of_the_plans_scale():
    plan = examples.load(PLAN)
    with pytest.raises(InvalidPlan, match=r"'purple', not a level") as caught:
        with_policies(plan, levels={"strategy": ShareThresholds({"purple": Decimal("0.5")})})
    assert caught.value.problems[0].path == "$.levels[0].rollup"
    with pytest.raises(InvalidScale, match="'purple', not a level"):
        evaluate(plan, period="2019-T1", rollup="share:purple=0.5")
    document = json.loads(dumps(plan))
    document["rollup"] = {"share": {"purple": 0.5}}
    with pytest.raises(DocumentError, match=r"@ \$\.rollup"):
        loads(json.dumps(document))


def test_share_thresholds_decide_by_the_share_of_children():
    levels = (PlanLevel("goal", "Mål"),)
    goal = Goal(id="g", title="G", level="goal")
    plan = Plan(
        id="p", title="P", organisation="O", validity=Period("2019"), levels=levels, goals=(goal,)
    )
    assert attrs.evolve(plan, rollup=SHARES).rollup == SHARES
    assert SHARES.combine([0, 0, 2, 2], plan.scale) == 0
    assert SHARES.combine([0, 2, 2], plan.scale) == 2


@pytest.mark.parametrize("command", ["evaluate", "summary", "report"])
def test_every_built_in_policy_is_reachable_from_the_cli(command, tmp_path):
    runner = CliRunner()
    outputs = {}
    for policy in ("worst", "majority", "mean_of_ranks", "share:green=0.5"):
        args = [command, PLAN, "--period", "2019-T1", "--rollup", policy]
        if command == "report":
            args += ["--format", "md"]
        if command == "summary":
            args += ["--kinds", "indicator", "--format", "json"]
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        outputs[policy] = result.output
    assert outputs["worst"] != outputs["majority"]


def test_the_cli_uses_the_plans_policy_unless_told_otherwise(tmp_path):
    path = tmp_path / "plan.json"
    dump(with_policies(examples.load(PLAN), rollup=Majority()), path)
    runner = CliRunner()

    def statuses(*extra):
        result = runner.invoke(
            main, ["evaluate", str(path), "--period", "2019-T1", "--format", "json", *extra]
        )
        assert result.exit_code == 0, result.output
        return {record["id"]: record["status"] for record in json.loads(result.output)}

    own = statuses()
    assert own == statuses("--rollup", "majority")
    assert own != statuses("--rollup", "worst")


def test_a_bad_rollup_is_a_usage_error():
    result = CliRunner().invoke(main, ["evaluate", PLAN, "--rollup", "share:green"])
    assert result.exit_code == 2
    assert "LEVEL=SHARE" in result.output
