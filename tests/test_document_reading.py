"""Reading plan documents (malstyrning.io): what each refusal says, where, and what loading makes.

Pins the version check, the flat ``nodes`` form and its reference checks, the goal-tree
depth, the ids and levels made for a document that leaves them out (and their order), target
texts read in the plan's language with the indicator's direction, unit and series, files
(extension, unreadable file), conversion, validation and revision documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from malstyrning import DocumentError, dumps, examples, load
from malstyrning.io import (
    FORMAT_VERSION,
    DocumentLimits,
    convert,
    dump,
    dump_revision,
    dumps_json,
    dumps_revision,
    from_document,
    load_revision,
    loads_revision,
    to_document,
    validate,
)
from malstyrning.periods import Period

HEAD: dict[str, Any] = {
    "format_version": 1,
    "id": "p",
    "title": "t",
    "organisation": "o",
    "validity": "2020",
    "levels": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
}


def without(document: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key not in keys}


def refusal(document: object, **options: Any) -> tuple[str, list[tuple[str, str]]]:
    """The first line of the error and every problem as (path, message)."""
    with pytest.raises(DocumentError) as raised:
        from_document(document, **options)
    error = raised.value
    return str(error).splitlines()[0], [(p.path, p.message) for p in error.problems]


def one_problem(document: object, **options: Any) -> tuple[str, str]:
    first, problems = refusal(document, **options)
    assert first == "<document> could not be read as a plan: 1 problem"
    [problem] = problems
    return problem


# -- the version -------------------------------------------------------------------------------


def test_the_format_version_written_is_1() -> None:
    assert FORMAT_VERSION == 1
    assert to_document(examples.load("vasternorrland-2022"))["format_version"] == 1
    assert next(iter(to_document(examples.load("vasternorrland-2022")))) == "format_version"


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (True, "format_version must be a whole number (got True)"),
        ("1", "format_version must be a whole number (got '1')"),
        (1.0, "format_version must be a whole number (got 1.0)"),
        (None, "format_version must be a whole number (got None)"),
        (
            2,
            (
                "format_version 2 is newer than this version of malstyrning reads (up to 1); "
                "upgrade malstyrning to read it"
            ),
        ),
        (-1, "format_version -1 is not one this version of malstyrning reads"),
    ],
)
def test_a_format_version_that_cannot_be_read_is_named(version: object, message: str) -> None:
    document = {**HEAD, "format_version": version, "goals": []}
    assert one_problem(document) == ("$.format_version", message)


def test_a_missing_format_version_is_named() -> None:
    assert one_problem(without(HEAD, "format_version")) == (
        "$.format_version",
        "missing format_version",
    )


@pytest.mark.parametrize(("value", "shown"), [([], "a list"), ("x", "a text"), (None, "null")])
def test_a_document_that_is_no_object_is_named(value: object, shown: str) -> None:
    assert one_problem(value) == ("$", f"expected an object with the plan's fields (got {shown})")


def test_the_source_names_the_document_in_the_first_line() -> None:
    first, _ = refusal([], source="plans/x.json")
    assert first == "plans/x.json could not be read as a plan: 1 problem"


# -- flat node lists -------------------------------------------------------------------------


def nodes(*entries: dict[str, Any]) -> dict[str, Any]:
    return {**HEAD, "nodes": list(entries)}


def goal(node_id: str, parent: str | None = None, **fields: Any) -> dict[str, Any]:
    entry = {"kind": "goal", "id": node_id, "title": node_id.upper(), **fields}
    return entry if parent is None else {**entry, "parent": parent}


def indicator(node_id: str, parent: str | None = None, **fields: Any) -> dict[str, Any]:
    entry = {"kind": "indicator", "id": node_id, "title": node_id.upper(), **fields}
    return entry if parent is None else {**entry, "parent": parent}


def test_a_flat_list_nests_children_under_their_parents_in_list_order() -> None:
    plan = from_document(
        nodes(
            goal("b", level="a"),
            indicator("i", "a"),
            goal("a", level="a"),
            goal("c", "a", level="b"),
            indicator("j", "c"),
            indicator("k", "a"),
        )
    )
    assert [g.id for g in plan.goals] == ["b", "a"]
    assert [child.id for child in plan.goals[1].children] == ["i", "c", "k"]
    assert plan.goals[0].children == ()
    assert [child.id for child in plan.goals[1].children[1].children] == ["j"]


def test_a_plan_may_not_give_both_goals_and_nodes() -> None:
    assert one_problem({**HEAD, "goals": [], "nodes": []}) == (
        "$",
        "give the goal tree as goals or as nodes, not both",
    )


def test_nodes_that_are_no_list_are_named() -> None:
    assert one_problem({**HEAD, "nodes": {}}) == ("$.nodes", "expected a list (got an object)")


def test_every_bad_entry_and_id_of_a_flat_list_is_named_with_its_place() -> None:
    first, problems = refusal(nodes(3, {"id": 3, "kind": "goal"}, goal("a"), goal("a")))
    assert first == "<document> could not be read as a plan: 3 problems"
    assert problems == [
        ("$.nodes[0]", "expected an object (got a number)"),
        ("$.nodes[1].id", "an id must be a text; leave it out to have one made from the title"),
        ("$.nodes[3].id", "duplicate id 'a' (first at $.nodes[2])"),
    ]


def test_only_a_goal_may_have_no_parent() -> None:
    _, problems = refusal(nodes({"kind": "indicator", "title": "x"}, indicator("i")))
    assert problems == [
        ("$.nodes[0].parent", "the node has no parent, so it must be a goal"),
        ("$.nodes[1].parent", "'i' has no parent, so it must be a goal"),
    ]


def test_a_parent_must_be_the_text_id_of_a_goal_in_the_list() -> None:
    _, problems = refusal(
        nodes(
            goal("g", level="a"),
            indicator("i", "zz"),
            indicator("j", "i"),
            {**indicator("k"), "parent": 5},
        )
    )
    assert problems == [
        ("$.nodes[1].parent", "no node with id 'zz' (dangling reference)"),
        ("$.nodes[2].parent", "'i' is not a goal and cannot have children"),
        ("$.nodes[3].parent", "a parent is the id of a goal, a text (got a number)"),
    ]


def test_a_cycle_of_parents_is_named_from_each_node_in_it() -> None:
    _, problems = refusal(nodes(goal("a", "b"), goal("b", "c"), goal("c", "a"), goal("d", "d")))
    assert problems == [
        ("$.nodes[0].parent", "cycle: a → b → c → a"),
        ("$.nodes[1].parent", "cycle: b → c → a → b"),
        ("$.nodes[2].parent", "cycle: c → a → b → c"),
        ("$.nodes[3].parent", "cycle: d → d"),
    ]


def test_a_node_below_a_cycle_is_not_part_of_it() -> None:
    _, problems = refusal(nodes(goal("a", "b"), goal("b", "a"), indicator("x", "a")))
    assert problems == [
        ("$.nodes[0].parent", "cycle: a → b → a"),
        ("$.nodes[1].parent", "cycle: b → a → b"),
    ]


def test_a_cycle_is_shown_whole_up_to_300_characters() -> None:
    first, second = "a" * 98, "b" * 98
    _, problems = refusal(nodes(goal(first, second), goal(second, first)))
    cycle = f"{first} → {second} → {first}"
    assert len(cycle) == 300
    assert problems[0] == ("$.nodes[0].parent", f"cycle: {cycle}")
    second = "b" * 99
    _, problems = refusal(nodes(goal(first, second), goal(second, first)))
    cycle = f"{first} → {second} → {first}"
    assert len(cycle) == 301
    assert problems[0] == ("$.nodes[0].parent", f"cycle: {cycle[:140]} … {cycle[-140:]}")


def test_a_long_cycle_is_shown_by_its_ends() -> None:
    names = [f"node-{i:03d}" for i in range(40)]
    entries = [goal(name, names[i - 1]) for i, name in enumerate(names)]
    _, problems = refusal(nodes(*entries), limits=DocumentLimits(max_depth=60))
    path, message = problems[0]
    cycle = " → ".join([*reversed(names[:1]), *reversed(names[1:]), names[0]])
    assert path == "$.nodes[0].parent"
    assert message == f"cycle: {cycle[:140]} … {cycle[-140:]}"
    few = names[:25]
    short = [goal(name, few[i - 1]) for i, name in enumerate(few)]
    _, problems = refusal(nodes(*short), limits=DocumentLimits(max_depth=60))
    whole = " → ".join([few[0], *reversed(few[1:]), few[0]])
    assert len(whole) <= 300
    assert problems[0] == ("$.nodes[0].parent", f"cycle: {whole}")


def deep_message(depth: int) -> str:
    return (
        f"the goal tree is more than {depth} nodes deep (real plans have two to six levels); "
        "the limit is DocumentLimits.max_depth"
    )


def test_a_chain_of_parents_at_the_depth_limit_loads_and_one_more_is_refused() -> None:
    chain = [goal("g0", level="a")] + [goal(f"g{i}", f"g{i - 1}", level="a") for i in range(1, 4)]
    assert from_document(nodes(*chain), limits=DocumentLimits(max_depth=4))
    _, problems = refusal(nodes(*chain), limits=DocumentLimits(max_depth=3))
    assert problems == [("$.nodes[3].parent", deep_message(3))]


def test_a_nested_tree_at_the_depth_limit_loads_and_one_more_is_refused_with_the_node() -> None:
    tree: dict[str, Any] = {"id": "g3", "title": "G", "level": "a"}
    for i in (2, 1, 0):
        tree = {"id": f"g{i}", "title": "G", "level": "a", "children": [{"kind": "goal", **tree}]}
    document = {**HEAD, "goals": [{"id": "x", "title": "X", "level": "a"}, tree]}
    assert from_document(document, limits=DocumentLimits(max_depth=4))
    assert one_problem(document, limits=DocumentLimits(max_depth=3)) == (
        "$.goals[1].children[0].children[0].children[0]",
        deep_message(3),
    )


# -- ids and levels made on load -------------------------------------------------------------


def test_ids_are_made_from_titles_in_document_order_around_the_ids_given() -> None:
    plan = from_document(
        {
            **without(HEAD, "id"),
            "title": "Plan för vård 2020–2023, med en titel som är längre än sextio tecken",
            "goals": [
                {
                    "title": "Bra vård",
                    "children": [
                        {"kind": "indicator", "title": "Bra vård"},
                        {"kind": "goal", "title": "Sub"},
                    ],
                },
                {"title": "Bra vård", "id": "bra-vard-2"},
            ],
        }
    )
    assert plan.id == "plan-for-vard-2020-2023-med-en-titel-som-ar-langre-an-sextio-tecken"
    made = [(node.id, getattr(node, "level", None)) for node in plan.walk()]
    assert made == [("bra-vard", "a"), ("bra-vard-3", None), ("sub", "b"), ("bra-vard-2", "a")]


def test_ids_and_levels_are_made_in_a_flat_list_too() -> None:
    plan = from_document(
        nodes({"kind": "goal", "title": "Ett"}, {"kind": "goal", "title": "Ett", "level": "b"})
    )
    assert [(g.id, g.level) for g in plan.goals] == [("ett", "a"), ("ett-2", "b")]


def test_loading_never_changes_the_callers_document() -> None:
    document = {
        **without(HEAD, "id"),
        "goals": [{"title": "G", "children": [{"kind": "goal", "title": "H"}]}],
    }
    before = json.dumps(document)
    plan = from_document(document)
    assert plan.id == "t"
    assert json.dumps(document) == before


def test_the_level_of_a_goal_is_the_plans_level_at_its_depth() -> None:
    plan = from_document(
        {
            **HEAD,
            "goals": [
                {"id": "g", "title": "G", "children": [{"kind": "goal", "id": "h", "title": "H"}]},
                {"id": "k", "title": "K", "level": "b"},
            ],
        }
    )
    assert [(node.id, node.level) for node in plan.walk()] == [("g", "a"), ("h", "b"), ("k", "b")]


def test_a_goal_deeper_than_the_plans_levels_needs_its_level() -> None:
    document = {
        **HEAD,
        "goals": [
            {
                "title": "G",
                "children": [
                    {"kind": "goal", "title": "H", "children": [{"kind": "goal", "title": "I"}]}
                ],
            }
        ],
    }
    assert one_problem(document) == (
        "$.goals[0].children[0].children[0].level",
        (
            "a goal at depth 3 needs its level, and the plan names only 2 levels: give the goal's "
            "level or add a level to the plan"
        ),
    )


def test_a_level_that_cannot_be_made_is_reported_once_with_the_converters_problems() -> None:
    document = {
        **HEAD,
        "levels": [{"key": 1, "label": "A"}],
        "goals": [{"id": "g", "title": "G"}, {"id": "h", "title": 2, "level": "a"}],
    }
    _, problems = refusal(document)
    assert problems == [
        ("$.levels[0].key", "expected a text (got 1)"),
        ("$.goals[0].level", "required field missing"),
        ("$.goals[1].title", "expected a text (got 2)"),
    ]
    first, problems = refusal(
        {
            **HEAD,
            "levels": [{"key": "a", "label": "A"}],
            "goals": [
                {"title": "G", "children": [{"kind": "goal", "title": "H"}]},
                {"title": 3, "level": "a"},
            ],
        }
    )
    assert first == "<document> could not be read as a plan: 2 problems"
    assert problems == [
        ("$.goals[0].children[0].level", problems[0][1]),
        ("$.goals[1].title", "expected a text (got 3)"),
    ]
    assert problems[0][1].startswith("a goal at depth 2 needs its level")


def test_a_level_that_is_no_object_leaves_the_goals_level_missing() -> None:
    _, problems = refusal({**HEAD, "levels": [3], "goals": [{"id": "g", "title": "G"}]})
    assert problems == [
        ("$.levels[0]", "expected an object (PlanLevel) (got a number)"),
        ("$.goals[0].level", "required field missing"),
    ]


def test_a_level_is_made_for_a_goal_that_gives_its_id_only() -> None:
    plan = from_document({**HEAD, "goals": [{"id": "g", "title": "G"}]})
    assert plan.goals[0].level == "a"


def test_an_id_is_made_for_a_child_where_every_goal_gives_its_own() -> None:
    child = {"kind": "indicator", "title": "Väntetid"}
    plan = from_document(
        {**HEAD, "goals": [{"id": "g", "title": "G", "level": "a", "children": [child]}]}
    )
    assert plan.goals[0].children[0].id == "vantetid"


def test_ids_are_made_beside_a_goal_that_is_no_object() -> None:
    assert one_problem({**HEAD, "goals": [{"title": "G"}, 3]}) == (
        "$.goals[1]",
        "expected an object (Goal) (got a number)",
    )


def test_the_plans_own_id_is_kept_when_ids_are_made_for_its_nodes() -> None:
    plan = from_document({**HEAD, "goals": [{"title": "Första målet"}]})
    assert plan.id == "p"
    assert plan.goals[0].id == "forsta-malet"


def test_levels_that_are_no_list_leave_the_goals_level_missing() -> None:
    _, problems = refusal({**HEAD, "levels": "x", "goals": [{"id": "g", "title": "G"}]})
    assert problems == [
        ("$.levels", "expected a list (got a text)"),
        ("$.goals[0].level", "required field missing"),
    ]


def test_an_empty_title_cannot_give_an_id() -> None:
    message = "the title is empty, so no id can be made from it: give a title or an id"
    assert one_problem({**without(HEAD, "id"), "title": " ", "goals": []}) == ("$.title", message)
    assert one_problem({**HEAD, "goals": [{"title": ""}]}) == ("$.goals[0].title", message)


def test_a_node_without_title_or_id_is_reported_for_its_title_only() -> None:
    assert one_problem({**HEAD, "goals": [{"level": "a"}]}) == (
        "$.goals[0].title",
        "required field missing",
    )
    assert one_problem({**without(HEAD, "id", "title"), "goals": []}) == (
        "$.title",
        "required field missing",
    )


def test_nodes_that_are_no_objects_are_named_by_the_converter() -> None:
    _, problems = refusal(
        {**HEAD, "goals": [3, {"title": "x", "children": [4, {"kind": "indicator"}]}]}
    )
    assert problems == [
        ("$.goals[0]", "expected an object (Goal) (got a number)"),
        ("$.goals[1].children[0]", "expected a node object with a 'kind' key (got a number)"),
        ("$.goals[1].children[1].title", "required field missing"),
    ]


# -- target texts ----------------------------------------------------------------------------


def with_indicator(**fields: Any) -> dict[str, Any]:
    entry = {"kind": "indicator", "id": "i", "title": "I", **fields}
    return {**HEAD, "goals": [{"id": "g", "title": "G", "level": "a", "children": [entry]}]}


def target_of(document: dict[str, Any]) -> dict[str, Any]:
    written = json.loads(dumps(from_document(document)))
    return written["goals"][0]["children"][0]


def test_a_target_text_is_read_with_the_indicators_direction_and_unit() -> None:
    plan = from_document(with_indicator(target_text="80", direction="lower_is_better", unit="%"))
    target = plan["i"].target
    assert (target.comparison.value, str(target.value), target.unit) == ("<=", "80", "%")
    plan = from_document(with_indicator(target_text="80", direction="higher_is_better"))
    assert plan["i"].target.comparison.value == ">="
    plan = from_document(with_indicator(target_text="80"))
    assert plan["i"].target.comparison.value == ">="
    assert one_problem(with_indicator(target_text="80", direction="sideways")) == (
        "$.goals[0].children[0].direction",
        "'sideways' is not a valid Direction",
    )


def test_a_target_text_needing_a_direction_takes_higher_is_better_by_default() -> None:
    target = from_document(with_indicator(target_text="nå nivån för 2017"))["i"].target
    assert (target.baseline, target.direction.value) == (Period("2017"), "higher_is_better")


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        ({"unit": 5}, "unit", "expected a text (got 5)"),
        ({"series": [3]}, "series[0]", "expected an object (Series) (got a number)"),
        ({"series": [{"key": "k", "label": 5}]}, "series[0].label", "expected a text (got 5)"),
        ({"series": {"k": 1}}, "series", "expected a list (got an object)"),
    ],
)
def test_a_target_texts_context_of_the_wrong_shape_is_left_to_the_converter(
    fields: dict[str, Any], path: str, message: str
) -> None:
    document = with_indicator(target_text="minst 80 %", **fields)
    assert one_problem(document) == (f"$.goals[0].children[0].{path}", message)


def test_a_target_text_names_series_by_key_or_label_in_any_case() -> None:
    series = [{"key": "Girls", "label": "Unga tjejer"}, {"key": "boys", "label": ""}]
    for text in ("Unga tjejer: 29 %", "unga TJEJER: 29 %", "girls: 29 %"):
        plan = from_document(with_indicator(target_text=text, series=series))
        assert plan["i"].target.series == "Girls", text


def test_a_target_text_uses_the_units_the_plan_declares() -> None:
    document = {
        **with_indicator(target_text="högst 3 besök", direction="lower_is_better"),
        "units": ["besök", 3],
    }
    _, problems = refusal(document)
    assert problems == [("$.units[1]", "expected a text (got 3)")]
    document["units"] = ["besök"]
    assert from_document(document)["i"].target.unit == "besök"


def test_a_target_text_is_read_in_the_plans_language() -> None:
    plan = from_document({**with_indicator(target_text="at least 80 %"), "language": "en"})
    assert plan["i"].target.comparison.value == ">="
    assert one_problem({**with_indicator(target_text="80"), "language": "xx"}) == (
        "$.language",
        (
            "unknown locale 'xx': no language data for it; use a language tag such as 'sv', "
            "'en' or 'nb'"
        ),
    )


def test_a_language_that_is_no_text_is_left_to_the_converter() -> None:
    assert one_problem({**with_indicator(target_text="minst 80 %"), "language": 3}) == (
        "$.language",
        "expected a text (got 3)",
    )
    plan = from_document({**with_indicator(target_text="minst 80 %"), "language": ""})
    assert plan["i"].target.comparison.value == ">="


def test_a_target_given_beside_the_text_wins_and_a_text_elsewhere_is_ignored() -> None:
    rule = {"type": "threshold", "comparison": ">=", "value": 5}
    plan = from_document(with_indicator(target_text="minst 80 %", target=rule))
    assert str(plan["i"].target.value) == "5"
    assert target_of(with_indicator(target_text="minst 80 %", target=rule))["target"] == rule


def test_the_target_a_text_states_is_left_out_when_written() -> None:
    entry = target_of(with_indicator(target_text="minst 80 %"))
    assert entry["target_text"] == "minst 80 %"
    assert "target" not in entry
    same = {"type": "threshold", "comparison": ">=", "value": 80, "unit": "%"}
    assert "target" not in target_of(with_indicator(target_text="minst 80 %", target=same))


def written_children(document: dict[str, Any]) -> list[dict[str, Any]]:
    children: list[dict[str, Any]] = json.loads(dumps(from_document(document)))["goals"][0][
        "children"
    ]
    return children


def test_a_target_is_left_out_when_written_only_where_its_text_states_it_in_context() -> None:
    cases = [
        ({"target_text": "80", "direction": "lower_is_better"}, {}),
        ({"target_text": "at least 80 %"}, {"language": "en"}),
        ({"target_text": "at least 1,000"}, {"language": "en"}),
        ({"target_text": "högst 3 besök", "direction": "lower_is_better"}, {"units": ["besök"]}),
        (
            {
                "target_text": "Unga tjejer: 29 %",
                "series": [{"key": "girls", "label": "Unga tjejer"}],
            },
            {},
        ),
    ]
    for fields, plan_fields in cases:
        [entry] = written_children({**with_indicator(**fields), **plan_fields})
        assert "target" not in entry, fields
        assert entry["target_text"] == fields["target_text"]


def test_each_indicator_is_looked_at_when_targets_are_left_out() -> None:
    document = with_indicator(target_text="minst 80 %")
    rule = {"type": "threshold", "comparison": ">=", "value": 5}
    document["goals"][0]["children"] += [
        {"kind": "indicator", "id": "j", "title": "J", "target": rule},
        {"kind": "indicator", "id": "k", "title": "K", "target": rule, "target_text": "fem?"},
        {"kind": "yes_no", "id": "m", "title": "M"},
    ]
    written = written_children(document)
    assert [("target" in entry, entry.get("target_text")) for entry in written] == [
        (False, "minst 80 %"),
        (True, None),
        (True, "fem?"),
        (False, None),
    ]


def test_reading_a_target_text_never_changes_the_callers_document() -> None:
    document = with_indicator(target_text="minst 80 %")
    before = json.dumps(document)
    assert from_document(document)["i"].target is not None
    assert json.dumps(document) == before


def test_an_unreadable_target_text_is_named_beside_an_id_that_cannot_be_made() -> None:
    document = with_indicator(target_text="<25O")
    document["goals"].append({"title": "", "level": "a"})
    _, problems = refusal(document)
    assert [path for path, _ in problems] == [
        "$.goals[1].title",
        "$.goals[0].children[0].target_text",
    ]


def test_a_node_that_is_no_object_does_not_stop_target_texts_being_read() -> None:
    document = with_indicator(target_text="<25O")
    document["goals"].append(3)
    _, problems = refusal(document)
    assert [path for path, _ in problems] == [
        "$.goals[0].children[0].target_text",
        "$.goals[1]",
    ]


def test_unreadable_target_texts_are_all_named_beside_the_other_problems() -> None:
    document = with_indicator(target_text="<25O")
    document["goals"][0]["children"].append(
        {"kind": "indicator", "id": "j", "title": 5, "target_text": "minst 8O"}
    )
    _, problems = refusal(document)
    assert [path for path, _ in problems] == [
        "$.goals[0].children[1].target_text",
        "$.goals[0].children[0].target_text",
        "$.goals[0].children[1].title",
    ]
    assert problems[1][1].startswith("cannot read the target '<25O'")


# -- files ------------------------------------------------------------------------------------


def test_a_file_is_read_in_the_format_of_its_extension_unless_told(tmp_path: Path) -> None:
    plan = examples.load("vasternorrland-2022")
    for name in ("p.json", "p.yaml", "p.YML", "p.toml"):
        dump(plan, tmp_path / name)
        assert load(tmp_path / name) == plan
    (tmp_path / "p.txt").write_text(dumps(plan, format="yaml"), encoding="utf-8")
    assert load(tmp_path / "p.txt", format="yaml") == plan
    dump(plan, tmp_path / "q.txt", format="toml")
    assert (tmp_path / "q.txt").read_text(encoding="utf-8") == dumps(plan, format="toml")


def test_a_file_that_cannot_be_read_is_named_with_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "none.json"
    with pytest.raises(DocumentError) as raised:
        load(missing)
    assert (
        str(raised.value) == f"{missing} cannot be read: 1 problem\n  - No such file or directory"
    )
    assert [(p.path, p.message) for p in raised.value.problems] == [
        ("", "No such file or directory")
    ]
    with pytest.raises(DocumentError) as raised:
        load_revision(missing)
    assert str(raised.value).startswith(f"{missing} cannot be read: 1 problem")


def test_a_read_error_without_a_system_reason_is_named_by_its_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path) -> bytes:
        raise OSError("the disk went away")

    monkeypatch.setattr(Path, "read_bytes", fail)
    with pytest.raises(DocumentError) as raised:
        load(tmp_path / "p.json")
    assert (
        str(raised.value)
        == f"{tmp_path / 'p.json'} cannot be read: 1 problem\n  - the disk went away"
    )


def test_a_history_that_does_not_replay_is_refused_naming_the_file() -> None:
    path = Path(__file__).parent / "broken" / "documents" / "history-empty-undo.json"
    with pytest.raises(DocumentError) as raised:
        load(path)
    assert str(raised.value).splitlines()[0] == f"{path} could not be read as a plan: 1 problem"
    assert raised.value.problems[0].path == "$.history[0]"


def test_a_problem_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("format_version: 1\n", encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        load(path)
    assert str(raised.value).startswith(f"{path} could not be read as a plan: ")
    assert validate(path)[0].path == "$.title"
    assert validate(path, limits=DocumentLimits(max_depth=1))[0].path == "$.title"


def test_validate_applies_the_limits_given(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    dump(examples.load("jamtland-harjedalen-2019"), path)
    assert validate(path) == []
    [problem] = validate(path, limits=DocumentLimits(max_depth=1))
    assert problem.message == deep_message(1)


def test_convert_writes_the_format_of_the_targets_extension(tmp_path: Path) -> None:
    plan = examples.load("jamtland-harjedalen-2020")
    dump(plan, tmp_path / "a.json")
    assert convert(tmp_path / "a.json", tmp_path / "b.toml") == plan
    assert (tmp_path / "b.toml").read_text(encoding="utf-8") == dumps(plan, format="toml")


def test_dumps_json_writes_model_values_and_plain_values_exactly() -> None:
    plan = examples.load("jamtland-harjedalen-2019")
    level = plan.levels[0]
    assert json.loads(dumps_json(level)) == {
        "key": level.key,
        "label": level.label,
        **({"labels": dict(level.labels)} if level.labels else {}),
    }
    assert dumps_json({"a": [1]}) == '{\n  "a": [\n    1\n  ]\n}\n'


# -- revision documents ----------------------------------------------------------------------

REVISION = "jamtland-harjedalen-2020-revision"


def test_a_revision_text_is_named_as_a_string_unless_given_a_source() -> None:
    with pytest.raises(DocumentError) as raised:
        loads_revision("[]")
    assert str(raised.value).startswith("<string> could not be read as a revision: 1 problem")
    with pytest.raises(DocumentError) as raised:
        loads_revision("{", source="r.json")
    assert str(raised.value).startswith("r.json is not a valid JSON document: 1 problem")


def test_a_bad_revision_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("format_version: 2\n", encoding="utf-8")
    with pytest.raises(DocumentError) as raised:
        load_revision(path)
    assert str(raised.value) == (
        f"{path} could not be read as a revision: 1 problem\n"
        "  - expected format_version 1 (got 2) @ $.format_version"
    )


def test_a_revision_round_trips_in_every_format_and_file(tmp_path: Path) -> None:
    revision = examples.load_revision(REVISION)
    for fmt in ("json", "yaml", "toml"):
        text = dumps_revision(revision, format=fmt)
        assert loads_revision(text, format=fmt) == revision
        assert dumps_revision(loads_revision(text, format=fmt), format=fmt) == text
        dump_revision(revision, tmp_path / f"r.{fmt}")
        assert load_revision(tmp_path / f"r.{fmt}") == revision
        assert (tmp_path / f"r.{fmt}").read_text(encoding="utf-8") == text
    dump_revision(revision, tmp_path / "r.txt", format="yaml")
    assert load_revision(tmp_path / "r.txt", format="yaml") == revision
    assert json.loads(dumps_revision(revision))["format_version"] == 1


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("3", "$", "expected an object"),
        ('{"format_version": 2}', "$.format_version", "expected format_version 1 (got 2)"),
        ("{}", "$.format_version", "expected format_version 1 (got None)"),
        (
            '{"format_version": 1, "body": 3, "decided": "2020-01-01", "operations": []}',
            "$.body",
            "expected a text (got 3)",
        ),
    ],
)
def test_a_revision_document_names_what_is_wrong_and_where(
    text: str, path: str, message: str
) -> None:
    with pytest.raises(DocumentError) as raised:
        loads_revision(text, source="r.json")
    assert str(raised.value) == (
        f"r.json could not be read as a revision: 1 problem\n  - {message} @ {path}"
    )
