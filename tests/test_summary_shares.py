"""Shares in summaries and summary tables: percentages of counted nodes, rounded half up to
one decimal, 0 for an empty count; the table's groups looked up by key, and the errors for a
group that is neither a kind of node nor a level, or both."""

from __future__ import annotations

from decimal import Decimal

import pytest

from malstyrning import Assignment, Goal, Period, Plan, PlanLevel, Report, evaluate
from malstyrning.errors import UnknownLevel
from malstyrning.evaluation import Evaluation, Summary, SummaryLine

T1 = Period("2024-T1")


def _evaluation(*statuses: str | None) -> Evaluation:
    tasks = tuple(
        Assignment(
            id=f"u{number}",
            title=f"Uppdrag {number}",
            reports=() if status is None else (Report(period=T1, status=status),),
        )
        for number, status in enumerate(statuses)
    )
    area = Goal(id="area", title="Område", level="area", children=tasks)
    plan = Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2024"),
        levels=(PlanLevel("area", "Målområde"),),
        goals=(area,),
    )
    return evaluate(plan, period=T1)


def test_a_share_is_the_percentage_of_the_counted_nodes_rounded_half_up():
    # 1 of 8 is 12.5 %: already one decimal. 1 of 16 is 6.25 %: half up to 6.3, not 6.2.
    summary = Summary(counts={"green": 1, "red": 15}, not_assessed=0)
    assert summary.share("green") == Decimal("6.3")
    assert str(summary.share("green")) == "6.3"
    assert summary.share("red") == Decimal("93.8")
    assert Summary(counts={"green": 1}, not_assessed=7).share("green") == Decimal("12.5")
    # 2 of 3 is 66.666...: one decimal, half up.
    assert str(Summary(counts={"green": 2, "red": 1}, not_assessed=0).share("green")) == "66.7"


def test_a_share_of_several_nodes_counts_them_all():
    summary = Summary(counts={"green": 3, "yellow": 0, "red": 1}, not_assessed=0)
    assert summary.share("green") == Decimal("75.0")
    assert summary.share("yellow") == Decimal("0.0")


def test_the_share_not_assessed_counts_the_nodes_without_a_status():
    summary = Summary(counts={"green": 1, "red": 0}, not_assessed=3)
    assert summary.share("not_assessed") == Decimal("75.0")
    assert summary.share("green") == Decimal("25.0")


def test_a_status_the_summary_does_not_count_has_a_share_of_nothing():
    summary = Summary(counts={"green": 2}, not_assessed=2)
    assert summary.share("blue") == Decimal("0.0")


def test_an_empty_summary_has_shares_of_zero():
    summary = Summary(counts={"green": 0}, not_assessed=0)
    assert summary.share("green") == Decimal(0)
    assert str(summary.share("green")) == "0"
    assert str(summary.share("not_assessed")) == "0"


def test_a_summary_line_shares_its_cells_by_the_groups_total():
    line = SummaryLine(
        node_id="area",
        title="Område",
        status=None,
        cells={"assignment": {"green": 1, "red": 2}, "indicator": {"green": 0, "red": 0}},
    )
    assert line.share("assignment", "red") == Decimal("66.7")
    assert line.share("assignment", "green") == Decimal("33.3")
    assert line.share("assignment", "yellow") == Decimal("0.0")
    assert str(line.share("indicator", "green")) == "0"


def test_the_table_of_an_evaluation_shares_its_rows_and_finds_its_groups_by_key():
    evaluation = _evaluation("green", "green", "red", None)
    table = evaluation.summary_table(kinds=["assignment"])
    row = table.rows[0]
    assert row.share("assignment", "green") == Decimal("50.0")
    assert row.share("assignment", "not_assessed") == Decimal("25.0")
    assert table.group("assignment").key == "assignment"
    assert table.group("assignment") is table.groups[0]
    with pytest.raises(KeyError, match="indicator"):
        table.group("indicator")


def _levels_plan(*levels: str) -> Plan:
    return Plan(
        id="p",
        title="P",
        organisation="O",
        validity=Period("2024"),
        levels=tuple(PlanLevel(key, key.title()) for key in levels),
        goals=(Goal(id="g", title="G", level=levels[0]),),
    )


def test_a_level_named_like_a_kind_of_node_cannot_be_counted_and_the_error_says_why():
    evaluation = evaluate(_levels_plan("indicator", "goal_x"), period="2024")
    with pytest.raises(UnknownLevel) as raised:
        evaluation.summary_table(kinds=["indicator"])
    assert str(raised.value) == (
        "plan 'p': 'indicator' is both a kind of node and one of its levels; "
        "rename the level to count it"
    )


def test_an_unknown_group_names_the_levels_and_the_kinds_it_could_be():
    evaluation = evaluate(_levels_plan("area", "goal_x"), period="2024")
    with pytest.raises(UnknownLevel) as raised:
        evaluation.summary_table(kinds=["goall"])
    assert str(raised.value) == (
        "plan 'p' has no level 'goall'; count one of its levels (area, goal_x) or a kind of "
        "node (indicator, yes_no, assignment, activity, goal)"
    )


def test_goals_are_a_kind_to_count_and_a_level_a_group_of_its_own():
    evaluation = evaluate(_levels_plan("area", "goal_x"), period="2024")
    table = evaluation.summary_table(kinds=["goal", "goal_x"])
    assert [(group.key, group.is_level) for group in table.groups] == [
        ("goal", False),
        ("goal_x", True),
    ]


def test_by_default_the_table_counts_the_kinds_the_plan_has_and_totals_untitled():
    evaluation = _evaluation("green", "red")
    table = evaluation.summary_table()
    assert [group.key for group in table.groups] == ["assignment"]
    assert table.areas == "area"
    assert (table.total.node_id, table.total.title, table.total.status) == (None, "", None)
    assert dict(table.total.cells["assignment"]) == {
        "green": 1,
        "yellow": 0,
        "red": 1,
        "not_assessed": 0,
    }


def test_an_unknown_level_of_areas_is_named_with_the_plan():
    evaluation = evaluate(_levels_plan("area", "goal_x"), period="2024")
    with pytest.raises(UnknownLevel) as raised:
        evaluation.summary_table(kinds=["goal"], areas="nope")
    assert str(raised.value).startswith("plan 'p' has no level 'nope'; count one of its levels")


def test_a_plan_without_levels_has_a_table_without_rows():
    plan = Plan(id="p", title="P", organisation="O", validity=Period("2024"), levels=(), goals=())
    table = evaluate(plan, period="2024").summary_table(kinds=["indicator"])
    assert (table.areas, table.rows, table.total.total()) == (None, (), 0)
