"""Ids made from titles and levels from depth: the slugs, their allocation, and documents
that leave ids and levels out (JSON, YAML, TOML and flat node lists)."""

import json
from decimal import Decimal

import jsonschema
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import malstyrning
from malstyrning import examples
from malstyrning._ids import MAX_LENGTH, allocate, slug
from malstyrning.errors import DocumentError
from malstyrning.io import dumps, from_document, loads, to_document
from malstyrning.model import _ID
from malstyrning.schema import json_schema

# -- slugs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ökad tillgänglighet", "okad-tillganglighet"),
        ("Målområde 2: Vård", "malomrade-2-vard"),
        ("Bjørn og Ærø", "bjorn-og-aero"),
        ("Café crème", "cafe-creme"),
        ("Straße", "strasse"),
        ("  --Andel (%)--  ", "andel"),
        ("HME 2022–2024", "hme-2022-2024"),
        ("A/B-test", "a-b-test"),
    ],
)
def test_slug_folds_letters_and_joins_words_with_hyphens(title, expected):
    assert slug(title) == expected


def test_slug_cuts_long_titles_at_a_word_boundary():
    title = "Andel patienter som har fått en fast vårdkontakt inom primärvården i länet"
    made = slug(title)
    assert len(made) <= MAX_LENGTH
    assert made == "andel-patienter-som-har-fatt-en-fast-vardkontakt"
    assert slug(title, max_length=None).endswith("i-lanet")


def test_a_title_without_latin_letters_gets_a_stable_hashed_id():
    assert slug("Ψ Ω") == slug("Ψ Ω")
    assert slug("Ψ Ω").startswith("id-")
    assert slug("Ψ Ω") != slug("Ψ")


@given(st.text(max_size=120))
def test_every_slug_is_a_valid_id(title):
    assert _ID.fullmatch(slug(title))
    assert len(slug(title)) <= MAX_LENGTH or slug(title).startswith("id-")


# -- allocation ----------------------------------------------------------------------------


def test_duplicate_titles_are_numbered_in_document_order():
    assert allocate(["Mål", "Mål", "Mål"]) == ["mal", "mal-2", "mal-3"]


def test_stated_ids_are_never_reused():
    assert allocate(["Mål"], taken={"mal"}) == ["mal-2"]


def test_a_title_whose_slug_looks_numbered_keeps_its_plain_slug():
    assert allocate(["Mål", "Mål", "Mål 2"]) == ["mal", "mal-3", "mal-2"]


@given(st.lists(st.sampled_from(["Mål", "Vård", "Mål 2", "Ökad vård", "Vård!"]), max_size=12))
def test_allocated_ids_are_unique_and_the_same_every_time(titles):
    first = allocate(titles, taken={"vard"})
    assert len(set(first)) == len(first)
    assert "vard" not in first
    assert first == allocate(list(titles), taken={"vard"})


@given(
    st.lists(st.text(alphabet="abcåäö ", min_size=1, max_size=6), min_size=2, max_size=10),
    st.data(),
)
def test_changing_one_title_changes_only_its_id_unless_a_clash_moves(titles, data):
    position = data.draw(st.integers(0, len(titles) - 1))
    new_title = data.draw(st.text(alphabet="xyz", min_size=1, max_size=4))
    changed = [*titles[:position], new_title, *titles[position + 1 :]]
    before, after = allocate(titles), allocate(changed)
    clashing = {slug(titles[position]), slug(new_title)}
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if index != position and slug(titles[index]) not in clashing:
            assert old == new


# -- documents without ids and levels ------------------------------------------------------


def _without_ids_and_levels(document):
    document = json.loads(json.dumps(document, default=str))
    del document["id"]

    def strip(node, is_goal):
        node.pop("id")
        if is_goal:
            node.pop("level")
        for child in node.get("children", ()):
            strip(child, child.get("kind") == "goal")

    for goal in document["goals"]:
        strip(goal, True)
    return document


VASTERNORRLAND = examples.load("vasternorrland-2022")
BARE = _without_ids_and_levels(to_document(VASTERNORRLAND))


def test_a_document_without_ids_and_levels_loads_evaluates_and_dumps_its_ids():
    plan = from_document(BARE)
    assert plan.id == "halso-och-sjukvardsnamndens-verksamhetsplan-2022-2024"
    assert [goal.level for goal in plan.goals] == ["goal_area"] * 3
    assert {child.level for goal in plan.goals for child in goal.children} == {"goal"}
    assert "kostnad-per-drg-poang-somatisk-vard" in plan
    # The same plan as the example with its ids, evaluated the same way.
    ids = dict(zip((n.id for n in plan.walk()), (n.id for n in VASTERNORRLAND.walk()), strict=True))
    made = malstyrning.evaluate(plan, period="2020")
    expected = malstyrning.evaluate(VASTERNORRLAND, period="2020")
    for node_id, original in ids.items():
        mine, theirs = made[node_id], expected[original]
        assert (mine.status, mine.value, mine.target) == (
            theirs.status,
            theirs.value,
            theirs.target,
        )
        assert (mine.pace and mine.pace.status) == (theirs.pace and theirs.pace.status)
    # Dump writes the ids it made, so a revision can name them; reading it back changes nothing.
    text = dumps(plan, format="yaml")
    assert "id: kostnad-per-drg-poang-somatisk-vard" in text
    assert "level: goal_area" in text
    assert loads(text, format="yaml") == plan


@pytest.mark.parametrize("fmt", ["json", "yaml", "toml"])
def test_every_format_makes_the_same_ids(fmt):
    document = json.loads(json.dumps(BARE), parse_float=Decimal)
    if fmt == "json":
        text = json.dumps(BARE)
    elif fmt == "yaml":
        text = yaml.safe_dump(BARE, allow_unicode=True)
    else:
        text = dumps(from_document(document), format="toml")  # TOML written with its ids
        text = "\n".join(line for line in text.splitlines() if not line.startswith("id = "))
    plan = loads(text, format=fmt)
    assert [node.id for node in plan.walk()] == [node.id for node in from_document(document).walk()]


def test_loading_the_same_document_twice_gives_identical_ids():
    first = [node.id for node in from_document(BARE).walk()]
    assert first == [node.id for node in from_document(json.loads(json.dumps(BARE))).walk()]


def test_the_callers_document_is_not_changed():
    document = json.loads(json.dumps(BARE))
    from_document(document)
    assert document == BARE


def _small(*goals, levels=("Målområde", "Mål")):
    return {
        "format_version": 1,
        "title": "Plan 2022",
        "organisation": "Region X",
        "validity": "2022",
        "levels": [{"key": f"l{index}", "label": label} for index, label in enumerate(levels)],
        "goals": list(goals),
    }


def _goal(title, *children, **fields):
    return {"title": title, **fields, "children": list(children)}


def _child_goal(title, *children, **fields):
    return {"kind": "goal", **_goal(title, *children, **fields)}


def test_changing_one_title_changes_only_that_id():
    def document(title):
        return _small(
            _goal(
                "Vård",
                _child_goal(title),
                _child_goal("Trygg vård"),
                {"kind": "indicator", "title": "Väntetid"},
            )
        )

    before = [node.id for node in from_document(document("Nära vård")).walk()]
    after = [node.id for node in from_document(document("Jämlik vård")).walk()]
    assert [a for a, b in zip(before, after, strict=True) if a != b] == ["nara-vard"]
    assert "jamlik-vard" in after


def test_stated_ids_win_and_made_ids_avoid_them():
    plan = from_document(
        _small(
            _goal("Vård", _child_goal("Vård"), {"kind": "indicator", "title": "X", "id": "vard"})
        )
    )
    assert [node.id for node in plan.walk()] == ["vard-2", "vard-3", "vard"]


def test_an_explicit_level_wins_and_is_checked_as_before():
    plan = from_document(_small(_goal("A", _child_goal("B", level="l0"))))
    assert plan["b"].level == "l0"
    with pytest.raises(DocumentError, match=r"unknown level 'nowhere'.* @ \$\.goals\[0\]\.level"):
        from_document(_small(_goal("A", level="nowhere")))


def test_a_goal_deeper_than_the_levels_needs_its_level():
    with pytest.raises(DocumentError) as caught:
        from_document(_small(_goal("A", _child_goal("B", _child_goal("C"))), levels=("Mål",)))
    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["$.goals[0].children[0].level", "$.goals[0].children[0].children[0].level"]
    assert "needs its level" in str(caught.value)


def test_missing_titles_are_named_with_their_paths_and_every_problem_is_listed():
    document = _small(
        _goal("A", {"kind": "indicator"}, {"kind": "indicator", "title": " "}),
        _goal("B", {"kind": "indicator", "title": "ok", "unit": 12}),
    )
    with pytest.raises(DocumentError) as caught:
        from_document(document, source="plan.yaml")
    problems = {str(problem) for problem in caught.value.problems}
    assert problems == {
        "required field missing @ $.goals[0].children[0].title",
        (
            "the title is empty, so no id can be made from it: give a title or an id"
            " @ $.goals[0].children[1].title"
        ),
        "expected a text (got 12) @ $.goals[1].children[0].unit",
    }
    assert str(caught.value).startswith("plan.yaml could not be read as a plan: 3 problems")


def test_a_flat_node_list_may_leave_ids_and_levels_out_for_nodes_nobody_names():
    document = _small()
    del document["goals"]
    document["nodes"] = [
        {"kind": "goal", "id": "vard", "title": "Vård"},
        {"kind": "goal", "title": "Nära vård", "parent": "vard"},
        {"kind": "indicator", "title": "Väntetid", "parent": "vard"},
        {"kind": "goal", "title": "Ekonomi"},
    ]
    plan = from_document(document)
    assert [(node.id, getattr(node, "level", None)) for node in plan.walk()] == [
        ("vard", "l0"),
        ("nara-vard", "l1"),
        ("vantetid", None),
        ("ekonomi", "l0"),
    ]


def test_the_schema_lets_ids_and_levels_be_left_out():
    jsonschema.validate(BARE, json_schema())
    schema = json_schema()
    assert "id" not in schema["required"]
    assert schema["$defs"]["Goal"]["required"] == ["title"]


def _strip_ids(document):
    document = {**document}
    del document["id"]

    def strip(node):
        node = {key: value for key, value in node.items() if key not in ("id", "level")}
        if "children" in node:
            node["children"] = [strip(child) for child in node["children"]]
        return node

    document["goals"] = [strip(goal) for goal in document["goals"]]
    return document


@given(malstyrning.testing.plans(max_depth=3))
def test_any_plan_without_its_ids_and_levels_loads_as_the_same_tree(plan):
    document = _strip_ids(to_document(plan))
    titles = [node.title for node in plan.walk()]
    if not plan.title.strip() or any(not title.strip() for title in titles):
        with pytest.raises(DocumentError, match="the title is empty"):
            from_document(document)
        return
    made = from_document(document)
    assert _strip_ids(to_document(made)) == document
    assert [getattr(node, "level", None) for node in made.walk()] == [
        getattr(node, "level", None) for node in plan.walk()
    ]
    ids = [node.id for node in made.walk()]
    assert len(set(ids)) == len(ids)
    assert ids == [node.id for node in from_document(document).walk()]


def test_a_new_title_that_takes_a_numbered_id_moves_the_duplicate_on():
    assert allocate(["Trygg vård", "Trygg vård"]) == ["trygg-vard", "trygg-vard-2"]
    assert allocate(["Trygg vård", "Trygg vård", "Trygg vård 2"]) == [
        "trygg-vard",
        "trygg-vard-3",
        "trygg-vard-2",
    ]
