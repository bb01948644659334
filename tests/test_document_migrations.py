"""Old documents: format 0 is migrated to the current format on load, node for node.

Format 0 kept a goal's sub-goals, indicators, measures, assignments and activities in separate
keys and measurements as ``{period: value}`` mappings. These tests pin what each of those
becomes, that nothing is lost, and the message (what and where) for a document that claims
format 0 without having its shape.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import malstyrning
from malstyrning import DocumentError
from malstyrning._migrations import MIGRATIONS, MigrationProblem, migrate
from malstyrning.errors import Problem
from malstyrning.io import FORMAT_VERSION, DocumentLimits

HEAD: dict[str, Any] = {
    "format_version": 0,
    "id": "p",
    "title": "t",
    "organisation": "o",
    "validity": "2020",
    "levels": [{"key": "area", "label": "Area"}, {"key": "goal", "label": "Goal"}],
}


def old_goal(**parts: Any) -> dict[str, Any]:
    return {"id": "g", "title": "G", "level": "area", **parts}


def messages(document: dict[str, Any]) -> tuple[str, list[tuple[str, str]]]:
    with pytest.raises(DocumentError) as raised:
        malstyrning.loads(json.dumps(document))
    error = raised.value
    return str(error).splitlines()[0], [(p.path, p.message) for p in error.problems]


def test_every_child_list_of_format_0_becomes_one_children_list_in_that_order() -> None:
    goal = old_goal(
        activities=[{"id": "a", "title": "A", "serves": ["g"]}],
        assignments=[{"id": "u", "title": "U"}],
        measures=[{"id": "m", "title": "M", "measurements": {"2020": True}}],
        indicators=[{"id": "i", "title": "I"}],
        goals=[{"id": "s", "title": "S", "level": "goal"}],
    )
    migrated, applied = migrate({**HEAD, "goals": [goal]}, FORMAT_VERSION)
    assert applied == [0]
    assert migrated["format_version"] == 1
    [top] = migrated["goals"]
    assert "kind" not in top
    assert [(child["kind"], child["id"]) for child in top["children"]] == [
        ("goal", "s"),
        ("indicator", "i"),
        ("yes_no", "m"),
        ("assignment", "u"),
        ("activity", "a"),
    ]
    for key in ("goals", "indicators", "measures", "assignments", "activities"):
        assert key not in top
    [measure] = [child for child in top["children"] if child["kind"] == "yes_no"]
    assert measure["measurements"] == [{"period": "2020", "value": True}]


def test_a_goal_without_children_gets_no_children_key() -> None:
    migrated, _ = migrate({**HEAD, "goals": [old_goal(indicators=[], goals=[])]}, 1)
    assert migrated["goals"] == [{"id": "g", "title": "G", "level": "area"}]


def test_an_indicators_total_and_series_become_a_list_of_series_with_period_entries() -> None:
    indicator = {
        "id": "i",
        "title": "I",
        "measurements": {"2019": 5, "2020": {"value": 6, "comment": "late"}},
        "series": {
            "women": {"label": "Women", "measurements": {"2020": 7}},
            "men": {"label": "Men"},
        },
    }
    migrated, _ = migrate({**HEAD, "goals": [old_goal(indicators=[indicator])]}, 1)
    [child] = migrated["goals"][0]["children"]
    assert child == {
        "kind": "indicator",
        "id": "i",
        "title": "I",
        "series": [
            {
                "key": "total",
                "measurements": [
                    {"period": "2019", "value": 5},
                    {"period": "2020", "value": 6, "comment": "late"},
                ],
            },
            {"key": "women", "label": "Women", "measurements": [{"period": "2020", "value": 7}]},
            {"key": "men", "label": "Men"},
        ],
    }


def test_an_indicator_without_measurements_or_series_gets_no_series_key() -> None:
    migrated, _ = migrate({**HEAD, "goals": [old_goal(indicators=[{"id": "i"}])]}, 1)
    assert migrated["goals"][0]["children"] == [{"kind": "indicator", "id": "i"}]


def test_a_yes_no_measure_without_measurements_is_kept_as_it_is() -> None:
    migrated, _ = migrate({**HEAD, "goals": [old_goal(measures=[{"id": "m"}])]}, 1)
    assert migrated["goals"][0]["children"] == [{"kind": "yes_no", "id": "m"}]


def test_a_migrated_format_0_document_loads_with_its_values_exact() -> None:
    indicator = {"id": "i", "title": "I", "measurements": {"2020": "4.10"}}
    plan = malstyrning.loads(json.dumps({**HEAD, "goals": [old_goal(indicators=[indicator])]}))
    [child] = plan.goals[0].children
    assert child.series[0].key == "total"
    value = child.series[0].measurements[0].value
    assert isinstance(value, Decimal)
    assert str(value) == "4.10"


def test_a_format_0_document_without_goals_is_a_plan_without_goals() -> None:
    migrated, _ = migrate(dict(HEAD), 1)
    assert migrated["goals"] == []
    assert malstyrning.loads(json.dumps(HEAD)).goals == ()


def test_a_current_document_is_not_migrated() -> None:
    document = {**HEAD, "format_version": 1, "goals": []}
    migrated, applied = migrate(document, 1)
    assert applied == []
    assert migrated is document


def test_migrating_never_changes_the_callers_document() -> None:
    document = {**HEAD, "goals": [old_goal(indicators=[{"id": "i", "measurements": {"2020": 1}}])]}
    before = json.dumps(document)
    migrate(document, 1)
    assert json.dumps(document) == before


def test_a_migration_problem_says_what_and_where() -> None:
    problem = Problem("$.goals", "expected a list")
    error = MigrationProblem(problem)
    assert error.problem == problem
    assert str(error) == "expected a list @ $.goals"


def test_a_document_is_migrated_only_up_to_the_version_asked_for() -> None:
    document = {**HEAD, "goals": []}
    migrated, applied = migrate(document, 0)
    assert (migrated, applied) == (document, [])


def test_the_migrations_are_listed_oldest_first_with_a_summary() -> None:
    assert [migration.version for migration in MIGRATIONS] == [0]
    assert "children" in MIGRATIONS[0].summary


WRONG_SHAPES = [
    ({"goals": 3}, "$.goals", "expected a list"),
    ({"goals": [3]}, "$.goals[0]", "expected an object"),
    ({"goals": [old_goal(indicators={"i": 1})]}, "$.goals[0].indicators", "expected a list"),
    ({"goals": [old_goal(goals=[old_goal(measures=3)])]}, "$.goals[0].goals[0].measures", None),
    ({"goals": [old_goal(indicators=[7])]}, "$.goals[0].indicators[0]", "expected an object"),
    (
        {"goals": [old_goal(indicators=[{"measurements": [1]}])]},
        "$.goals[0].indicators[0].measurements",
        "format 0 keeps measurements as {period: value}",
    ),
    (
        {"goals": [old_goal(indicators=[{"series": [1]}])]},
        "$.goals[0].indicators[0].series",
        "format 0 keeps series as {key: {...}}",
    ),
    (
        {"goals": [old_goal(indicators=[{"series": {"men": 3}}])]},
        "$.goals[0].indicators[0].series.men",
        "expected an object",
    ),
    (
        {"goals": [old_goal(indicators=[{"series": {"men": {"measurements": 3}}}])]},
        "$.goals[0].indicators[0].series.men.measurements",
        "format 0 keeps measurements as {period: value}",
    ),
    (
        {"goals": [old_goal(assignments=[1, {"id": "u"}, 2])]},
        "$.goals[0].assignments[0]",
        "expected an object",
    ),
    (
        {"goals": [old_goal(activities=[{"id": "a"}, 5])]},
        "$.goals[0].activities[1]",
        "expected an object",
    ),
    (
        {"goals": [old_goal(measures=[{"id": "m", "measurements": "yes"}])]},
        "$.goals[0].measures[0].measurements",
        "format 0 keeps measurements as {period: value}",
    ),
]


@pytest.mark.parametrize(("change", "path", "message"), WRONG_SHAPES)
def test_a_document_without_format_0s_shape_is_refused_with_the_place(
    change: dict[str, Any], path: str, message: str | None
) -> None:
    first, problems = messages({**HEAD, **change})
    assert first == "<string> could not be read as a plan as format 0: 1 problem"
    assert problems == [(path, message or "expected a list")]


def test_a_migrated_tree_past_the_depth_limit_says_it_was_migrated() -> None:
    document = {**HEAD, "goals": [old_goal(goals=[old_goal(id="h", level="goal")])]}
    with pytest.raises(DocumentError) as raised:
        malstyrning.loads(json.dumps(document), limits=DocumentLimits(max_depth=1))
    assert str(raised.value).splitlines()[:2] == [
        "<string> could not be read as a plan (after migrating it from format 0): 1 problem",
        (
            "  - the goal tree is more than 1 nodes deep (real plans have two to six levels); the "
            "limit is DocumentLimits.max_depth @ $.goals[0].children[0]"
        ),
    ]


def test_an_id_that_cannot_be_made_after_migrating_says_it_was_migrated() -> None:
    first, problems = messages({**HEAD, "goals": [{"title": "", "level": "area"}]})
    assert first == (
        "<string> could not be read as a plan (after migrating it from format 0): 1 problem"
    )
    assert problems == [
        (
            "$.goals[0].title",
            "the title is empty, so no id can be made from it: give a title or an id",
        )
    ]


def test_problems_after_migrating_say_so_and_use_the_new_paths() -> None:
    indicator = {"id": "i", "title": "I", "measurements": {"2020": "8,4"}}
    first, problems = messages({**HEAD, "goals": [old_goal(indicators=[indicator])]})
    assert first == (
        "<string> could not be read as a plan (after migrating it from format 0): 1 problem"
    )
    assert problems == [
        (
            "$.goals[0].children[0].series[0].measurements[0].value",
            'expected a number (got "8,4")',
        )
    ]
