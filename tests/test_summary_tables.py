"""Summary tables as follow-ups print them: per goal area × kind × status, with totals.

``Evaluation.summary_table`` and ``malstyrning summary --kinds``: the key figures and the
assignments by colour per goal area, a total per group, the area's combined status, shares
in percent, and the activities by their own status.
"""

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from _plans import FOLLOWUP_ACTIVITIES, FOLLOWUP_AREAS, FOLLOWUP_PERIOD, followup_2024_plan
from malstyrning import Period, evaluate, examples
from malstyrning.cli import main
from malstyrning.errors import UnknownLevel
from malstyrning.io import dump
from malstyrning.testing import plans

KINDS = ("indicator", "yes_no", "assignment", "activity")


@pytest.fixture(scope="module")
def followup_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("followup") / "uppfoljning-2024.json"
    dump(followup_2024_plan(), path)
    return str(path)


@pytest.fixture(scope="module")
def followup_evaluation():
    return evaluate(followup_2024_plan(), period=FOLLOWUP_PERIOD)


@given(plan=plans(max_goals=3, max_depth=3, max_leaves=4), tertial=st.integers(1, 3))
def test_summary_totals_are_the_sums_of_their_cells(plan, tertial):
    evaluation = evaluate(plan, period=Period(f"{plan.validity.start.year}-T{tertial}"))
    table = evaluation.summary_table(kinds=KINDS)
    for row in (*table.rows, table.total):
        assert row.total() == sum(row.total(group.key) for group in table.groups)
        for group in table.groups:
            assert row.total(group.key) == sum(
                row.count(group.key, status) for status in group.statuses
            )
    for group in table.groups:
        for status in group.statuses:
            assert table.total.count(group.key, status) == sum(
                row.count(group.key, status) for row in table.rows
            )
    # Rows are the top-level goals: every node of a kind is in exactly one of them.
    for kind in KINDS:
        assert table.total.total(kind) == sum(1 for node in plan if node.kind == kind)


@given(plan=plans(max_goals=3, max_depth=2, max_leaves=5), tertial=st.integers(1, 3))
def test_activities_own_counts_add_up_to_the_number_of_activities(plan, tertial):
    evaluation = evaluate(plan, period=Period(f"{plan.validity.start.year}-T{tertial}"))
    activities = [node for node in plan if node.kind == "activity"]
    summary = evaluation.summary(kind="activity")
    assert summary.total == len(activities)
    assert sum(summary.counts.values()) + summary.not_assessed == len(activities)
    reported = [
        evaluation[node.id].own_status
        for node in activities
        if evaluation[node.id].own_status is not None
    ]
    assert dict(summary.counts) == {key: reported.count(key) for key in summary.scale.keys}
    assert evaluation.summary_table().activities == summary


def test_the_followup_gives_its_activity_line_and_area_counts(followup_evaluation):
    table = followup_evaluation.summary_table(kinds=["indicator", "assignment"])
    activities = table.activities
    assert activities.total == 731
    assert {key: count for key, count in activities.counts.items() if count} == (
        FOLLOWUP_ACTIVITIES
    )
    assert [row.node_id for row in table.rows] == [area[0] for area in FOLLOWUP_AREAS]
    for row, (_, title, figures, assignments, _) in zip(table.rows, FOLLOWUP_AREAS, strict=True):
        assert row.title == title
        statuses = ("green", "yellow", "red", "not_assessed")
        assert tuple(row.count("indicator", key) for key in statuses) == figures
        assert tuple(row.count("assignment", key) for key in statuses) == assignments
        assert row.total("indicator") == sum(figures)
        assert row.total("assignment") == sum(assignments)
    assert table.total.total("indicator") == 19
    assert table.total.count("indicator", "green") == 10


def test_areas_have_their_combined_status_and_shares_in_percent(followup_evaluation):
    table = followup_evaluation.summary_table(kinds=["indicator"])
    assert [row.status for row in table.rows] == ["red", "red", "yellow", "red"]
    first = table.rows[0]
    assert first.share("indicator", "green") == Decimal("60.0")
    assert first.share("indicator", "not_assessed") == Decimal(0)
    assert table.total.status is None


def test_activities_do_not_enter_the_areas_status_by_default(followup_evaluation):
    # Medarbetare: 4 green and 1 yellow key figure, 1 yellow assignment, 4 delayed
    # activities. Read as colours, the delayed ones would make the area red.
    assert followup_evaluation["medarbetare"].status == "yellow"


def test_the_summary_command_prints_the_table_and_the_activity_line(followup_file):
    result = CliRunner().invoke(
        main, ["summary", followup_file, "--kinds", "indicator,assignment", "--locale", "en"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Key figures, Assignments by Goal area and status, as of August 2024"
    assert "Key figures" in lines[2] and "Assignments" in lines[2]
    assert lines[3].split()[:3] == ["Goal", "area", "green"]
    assert "Combined status" in lines[3]
    invanare = next(line for line in lines if line.startswith("Invånare och samhälle"))
    assert invanare.split()[3:] == ["3", "1", "1", "0", "5", "2", "1", "0", "0", "3", "red"]
    total = next(line for line in lines if line.startswith("Total "))
    assert total.split()[1:] == ["10", "3", "4", "2", "19", "4", "4", "2", "1", "11"]
    assert lines[-1] == (
        "Activities: 731 (58 done, 425 ongoing according to plan, 224 planned, 24 delayed)"
    )


def test_the_summary_command_in_swedish_uses_the_plans_words(followup_file):
    result = CliRunner().invoke(main, ["summary", followup_file, "--kinds", "indicator"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nyckeltal per Målområde och status, per augusti 2024")
    assert "Sammanvägd status" in result.output
    assert result.output.splitlines()[-1] == (
        "Aktiviteter: 731 (58 genomförd, 425 pågående enligt plan, 224 planerad, 24 försenad)"
    )


def test_the_summary_json_keeps_its_keys_and_adds_the_table(followup_file):
    result = CliRunner().invoke(
        main, ["summary", followup_file, "--format", "json", "--kinds", "indicator,assignment"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("plan", "period", "level", "level_label", "statuses", "rows", "total"):
        assert key in data
    assert data["rows"][0].keys() == {"id", "title", "counts"}
    table = data["table"]
    assert table["areas"] == "area"
    assert [group["key"] for group in table["groups"]] == ["indicator", "assignment"]
    assert table["groups"][0]["label"] == "Nyckeltal"
    first = table["rows"][0]
    assert first["id"] == "invanare"
    assert first["status"] == "red"
    assert first["counts"]["indicator"] == {
        "green": 3,
        "yellow": 1,
        "red": 1,
        "not_assessed": 0,
        "total": 5,
    }
    assert first["counts"]["assignment"]["total"] == 3
    assert first["shares"]["indicator"]["green"] == 60
    assert table["total"]["counts"]["indicator"]["total"] == 19
    assert table["total"]["total"] == 30
    activities = data["activities"]
    assert activities["total"] == 731
    assert {k: v for k, v in activities["counts"].items() if v} == FOLLOWUP_ACTIVITIES


def test_kinds_may_name_goal_levels_and_areas_any_level():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    table = evaluation.summary_table(kinds=["result_goal", "indicator"], areas="strategic_goal")
    assert table.areas == "strategic_goal"
    assert table.group("result_goal").is_level
    assert table.total.total("result_goal") == evaluation.summary(level="result_goal").total
    assert table.total.total("indicator") == 34


def test_unknown_kinds_and_areas_are_named():
    evaluation = evaluate(examples.load("jamtland-harjedalen-2019"), period="2019-T1")
    with pytest.raises(UnknownLevel, match="no level 'sector'"):
        evaluation.summary_table(kinds=["sector"])
    with pytest.raises(UnknownLevel, match="no level 'indicator'"):
        evaluation.summary_table(areas="indicator")
    result = CliRunner().invoke(
        main, ["summary", "jamtland-harjedalen-2019", "--period", "2019-T1", "--kinds", "kpi"]
    )
    assert result.exit_code == 1
    assert "no level 'kpi'" in result.output
    result = CliRunner().invoke(main, ["summary", "jamtland-harjedalen-2019", "--shares"])
    assert result.exit_code == 2
    assert "--kinds" in result.output


def test_shares_print_beside_the_counts(followup_file):
    result = CliRunner().invoke(
        main, ["summary", followup_file, "--kinds", "indicator", "--shares", "--locale", "en"]
    )
    assert result.exit_code == 0, result.output
    invanare = next(line for line in result.output.splitlines() if line.startswith("Invånare"))
    assert "3 (60%)" in invanare
    assert "1 (20%)" in invanare


def test_without_kinds_the_table_is_the_one_it_was_with_the_activity_line(followup_file):
    result = CliRunner().invoke(main, ["summary", followup_file, "--locale", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Goal by Goal area and status")
    assert result.output.splitlines()[-1].startswith("Activities: 731 (58 done")


def test_by_activity_counts_activities_by_their_own_status(followup_file):
    result = CliRunner().invoke(main, ["summary", followup_file, "--by", "activity"])
    assert result.exit_code == 0, result.output
    total = next(line for line in result.output.splitlines() if line.startswith("Totalt"))
    assert total.split()[1:] == ["58", "425", "224", "0", "24", "0", "0", "731"]
    result = CliRunner().invoke(
        main, ["summary", followup_file, "--by", "activity", "--format", "json"]
    )
    data = json.loads(result.output)
    assert data["statuses"][:2] == ["done", "ongoing"]
    assert data["total"]["counts"]["ongoing"] == 425
