"""The converter between documents and the model (malstyrning._converter), built afresh.

Every test here runs on a newly built converter (the shared one is cached for the life of the
process), so that how the converter is built is what is checked: every hook it registers, the
message (what was expected, what came, where) for each value of the wrong shape, tagged nodes
and rules, scales, roll-up policies, maps, and byte-stable round trips of the examples.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import cattrs
import pytest
from cattrs.errors import IterableValidationNote

from malstyrning import DocumentError, dumps, examples, loads
from malstyrning._converter import (
    _plain_converter,
    _shown,
    describe_kind,
    make_converter,
    problems_of,
    shared_converter,
)
from malstyrning._formats import Format, parse
from malstyrning.errors import InvalidPlan, Problem
from malstyrning.io import dumps_revision, from_document
from malstyrning.model import ChangeTarget, Measurement, Move, Node, Operation, Plan, Revision
from malstyrning.periods import Period
from malstyrning.rollup import RollupPolicy
from malstyrning.rules import Rule
from malstyrning.scales import BUILTIN_SCALES, Achievement


@pytest.fixture(autouse=True)
def fresh_converters() -> Iterator[None]:
    """Each test builds the converters anew (and leaves new ones behind)."""
    shared_converter.cache_clear()
    _plain_converter.cache_clear()
    yield
    shared_converter.cache_clear()
    _plain_converter.cache_clear()


HEAD: dict[str, Any] = {
    "format_version": 1,
    "id": "p",
    "title": "t",
    "organisation": "o",
    "validity": "2020",
    "levels": [{"key": "a", "label": "A"}],
    "goals": [],
}
AT = "$.goals[0].children[0]"


def with_indicator(**fields: Any) -> dict[str, Any]:
    entry = {"kind": "indicator", "id": "i", "title": "I", **fields}
    return {**HEAD, "goals": [{"id": "g", "title": "G", "level": "a", "children": [entry]}]}


def with_value(value: object) -> dict[str, Any]:
    measurement = {"period": "2020", "value": value}
    return with_indicator(series=[{"key": "total", "measurements": [measurement]}])


VALUE = f"{AT}.series[0].measurements[0].value"


def problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(DocumentError) as raised:
        from_document(document)
    return [(p.path, p.message) for p in raised.value.problems]


RULES = (
    "'threshold', 'change', 'maintain', 'yes_no', 'trajectory', 'relative_to_reference', "
    "'series', 'composite', 'band'"
)
NODES = "'goal', 'indicator', 'yes_no', 'assignment', 'activity'"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({**HEAD, "title": 3}, [("$.title", "expected a text (got 3)")]),
        ({**HEAD, "vision": 5}, [("$.vision", "expected a text (got 5)")]),
        ({**HEAD, "vision": None}, None),
        (
            {**HEAD, "rollup_activities": "no"},
            [("$.rollup_activities", 'expected true or false (got "no")')],
        ),
        (
            {**HEAD, "rollup_activities": 1},
            [("$.rollup_activities", "expected true or false (got 1)")],
        ),
        ({**HEAD, "units": {"a": 1}}, [("$.units", "expected a list (got an object)")]),
        ({**HEAD, "units": "ab"}, [("$.units", "expected a list (got a text)")]),
        (
            {**HEAD, "units": ["a", 3, "b", 4]},
            [("$.units[1]", "expected a text (got 3)"), ("$.units[3]", "expected a text (got 4)")],
        ),
        (
            {**HEAD, "reporting_period": [2020]},
            [("$.reporting_period", "expected a period text such as '2019-T1' (got [2020])")],
        ),
        (
            {**HEAD, "reporting_period": True},
            [("$.reporting_period", "expected a period text such as '2019-T1' (got True)")],
        ),
        ({**HEAD, "zeta": 1, "alpha": 2}, [("$", "unknown keys alpha, zeta (check the spelling)")]),
        (
            {**HEAD, "levels": [1]},
            [("$.levels[0]", "expected an object (PlanLevel) (got a number)")],
        ),
        (
            {**HEAD, "levels": [{"key": "a", "label": "A", "labels": {"en": 3, "nb": "B"}}]},
            [("$.levels[0].labels['en']", "expected a text (got 3)")],
        ),
        (
            {**HEAD, "rollup": "zzz"},
            [
                (
                    "$.rollup",
                    (
                        "unknown roll-up policy 'zzz'; write one of worst, majority, mean_of_ranks "
                        'or {"share": {"green": 0.75, "yellow": 0.5}}'
                    ),
                )
            ],
        ),
        (
            with_indicator(target={"type": "zzz"}),
            [(f"{AT}.target", f"unknown rule type 'zzz' (expected one of {RULES})")],
        ),
        (
            with_indicator(target={"value": 1}),
            [(f"{AT}.target", f"unknown rule type None (expected one of {RULES})")],
        ),
        (
            with_indicator(target={"type": 3}),
            [(f"{AT}.target", f"unknown rule type 3 (expected one of {RULES})")],
        ),
        (
            with_indicator(target=5),
            [(f"{AT}.target", "expected a rule object with a 'type' key (got a number)")],
        ),
        (
            with_indicator(target={"type": "threshold", "comparison": ">=", "value": "x"}),
            [(f"{AT}.target.value", 'expected a number (got "x")')],
        ),
        (
            with_indicator(
                target={
                    "type": "change",
                    "baseline": "2019",
                    "direction": "higher_is_better",
                    "by": "y",
                }
            ),
            [(f"{AT}.target.by", 'expected a number (got "y")')],
        ),
        (
            {
                **HEAD,
                "goals": [{"id": "g", "title": "G", "level": "a", "children": [{"kind": "zz"}]}],
            },
            [(AT, f"unknown node kind 'zz' (expected one of {NODES})")],
        ),
        (
            {**HEAD, "goals": [{"id": "g", "title": "G", "level": "a", "children": [7]}]},
            [(AT, "expected a node object with a 'kind' key (got a number)")],
        ),
        (
            with_indicator(
                judgements=[{"period": "2020", "status": "green", "by": "x", "decided": 5}]
            ),
            [(f"{AT}.judgements[0].decided", "expected a date 'YYYY-MM-DD' (got 5)")],
        ),
        (
            with_indicator(
                judgements=[{"period": "2020", "status": "green", "by": "x", "decided": True}]
            ),
            [(f"{AT}.judgements[0].decided", "expected a date 'YYYY-MM-DD' (got True)")],
        ),
        (
            with_indicator(
                judgements=[
                    {"period": "2020", "status": "green", "by": "x", "decided": "2020-13-01"}
                ]
            ),
            [(f"{AT}.judgements[0].decided", "month must be in 1..12")],
        ),
        (with_value("abc"), [(VALUE, 'expected a number (got "abc")')]),
        (with_value([1]), [(VALUE, "expected a number (got [1])")]),
        (with_value(1.5), [(VALUE, "expected a number (got 1.5)")]),
        (
            with_value(Decimal("NaN")),
            [(VALUE, 'expected a number (got "NaN")')],
        ),
        (
            with_value("1E+20"),
            [
                (
                    VALUE,
                    (
                        "the number '1E+20' is out of bounds: numbers must be below 10^15 in size "
                        "with at most 12 decimals, so that every computation on them is exact"
                    ),
                )
            ],
        ),
        (
            with_value("1_000"),
            [(VALUE, "expected a number without '_' between digits, such as '1000' (got '1_000')")],
        ),
        (with_indicator(unit=4), [(f"{AT}.unit", "expected a text (got 4)")]),
        (with_indicator(series="abc"), [(f"{AT}.series", "expected a list (got a text)")]),
        (with_indicator(direction="up"), [(f"{AT}.direction", "'up' is not a valid Direction")]),
        ({**HEAD, "title": None}, [("$.title", "expected a text (got null)")]),
        (
            {**HEAD, "levels": [{"key": "a", "label": "A", "labels": [1]}]},
            [("$.levels[0].labels", "expected an object (got a list)")],
        ),
    ],
)
def test_a_value_of_the_wrong_shape_is_named_with_what_was_expected_and_where(
    document: dict[str, Any], expected: list[tuple[str, str]] | None
) -> None:
    if expected is None:
        assert from_document(document).vision is None
    else:
        assert problems(document) == expected


def test_measurement_values_read_as_numbers_or_nothing() -> None:
    for given, read in [
        (None, None),
        (Decimal("4.10"), Decimal("4.10")),
        (7, Decimal(7)),
        ("5.70", Decimal("5.70")),
    ]:
        plan = from_document(with_value(given))
        value = plan["i"].series[0].measurements[0].value
        assert value == read
        assert type(value) is type(read)
        assert str(value) == str(read)


def test_yes_no_measurements_read_as_booleans() -> None:
    measurements = [{"period": "2020", "value": True}, {"period": "2021", "value": False}]
    entry = {"kind": "yes_no", "id": "m", "title": "M", "measurements": measurements}
    document = {**HEAD, "goals": [{"id": "g", "title": "G", "level": "a", "children": [entry]}]}
    read = [m.value for m in from_document(document)["m"].measurements]
    assert read == [True, False]
    assert all(type(value) is bool for value in read)
    entry["measurements"] = [{"period": "2020", "value": "ja"}]
    assert problems(document) == [(f"{AT}.measurements[0].value", 'expected a number (got "ja")')]


def test_optional_numbers_read_as_numbers_or_nothing() -> None:
    rule = {"type": "change", "baseline": "2019", "direction": "higher_is_better"}
    assert from_document(with_indicator(target={**rule, "by": None}))["i"].target.by is None
    target = from_document(with_indicator(target={**rule, "by": "2.50"}))["i"].target
    assert str(target.by) == "2.50"
    target = from_document(with_indicator(target={**rule, "by": 3}))["i"].target
    assert target.by == 3
    assert type(target.by) is Decimal


def test_periods_are_read_from_texts_bare_years_and_periods() -> None:
    plan = from_document({**HEAD, "validity": 2021, "reporting_period": "2021-T2"})
    assert plan.validity == Period("2021")
    assert plan.reporting_period == Period("2021-T2")
    converter = make_converter()
    assert converter.structure(Period("2019-Q3"), Period) == Period("2019-Q3")
    assert converter.unstructure(Period("2019-Q3")) == "2019-Q3"


def test_dates_are_read_from_texts_and_dates() -> None:
    judgement = {"period": "2020", "status": "green", "by": "x", "decided": "2020-05-06"}
    plan = from_document(with_indicator(judgements=[judgement]))
    assert plan["i"].judgements[0].decided == date(2020, 5, 6)
    judgement["decided"] = date(2020, 5, 7)  # YAML and TOML have dates of their own
    plan = from_document(with_indicator(judgements=[judgement]))
    assert plan["i"].judgements[0].decided == date(2020, 5, 7)
    assert make_converter().unstructure(date(2020, 5, 7)) == "2020-05-07"


# -- scales ------------------------------------------------------------------------------------


def test_a_built_in_scale_is_read_and_written_by_its_key() -> None:
    for key, scale in BUILTIN_SCALES.items():
        plan = from_document({**HEAD, "scale": key})
        assert plan.scale == scale
        written = make_converter().unstructure(plan, Plan)
        assert written.get("scale", "traffic_light") == key


def test_a_scale_of_the_plans_own_is_read_and_written_as_an_object() -> None:
    own = {
        "key": "own",
        "levels": [
            {"key": "good", "colour": "#00ff00", "symbol": "+", "labels": {"en": "Good"}},
            {"key": "bad", "colour": "#ff0000", "symbol": "-"},
        ],
    }
    try:
        plan = from_document({**HEAD, "scale": own})
    except DocumentError as error:  # the fields a scale level has
        pytest.fail(str(error))
    written = make_converter().unstructure(plan, Plan)["scale"]
    assert isinstance(written, dict)
    assert written["key"] == "own"
    assert from_document({**HEAD, "scale": written}).scale == plan.scale


@pytest.mark.parametrize(
    ("scale", "message"),
    [
        (
            "nope",
            (
                "unknown scale 'nope'; built-in scales: traffic_light, trend, activity_status, "
                "goal_forecast, pace"
            ),
        ),
        ({"key": "s", "levels": [], "bogus": 1}, "unknown keys bogus (check the spelling)"),
        *[
            (
                value,
                (
                    "expected a scale: the key of a built-in scale such as 'traffic_light', or an "
                    f"object with key and levels (got {shown})"
                ),
            )
            for value, shown in [
                (None, "null"),
                (3, "a number"),
                ([], "a list"),
                (True, "a boolean"),
            ]
        ],
    ],
)
def test_a_scale_that_cannot_be_read_is_named(scale: object, message: str) -> None:
    assert problems({**HEAD, "scale": scale}) == [("$.scale", message)]


# -- roll-up policies, maps, tagged nodes ------------------------------------------------------


@pytest.mark.parametrize("policy", ["worst", "majority", {"share": {"green": Decimal("0.75")}}])
def test_a_rollup_policy_is_read_and_written_as_the_document_gives_it(policy: object) -> None:
    plan = from_document(
        {**HEAD, "rollup": policy, "levels": [{"key": "a", "label": "A", "rollup": policy}]}
    )
    written = make_converter().unstructure(plan, Plan)
    assert written["rollup"] == policy
    assert written["levels"][0]["rollup"] == policy


def test_nodes_and_rules_are_written_with_their_tag_first() -> None:
    rule = {"type": "threshold", "comparison": ">=", "value": Decimal("80"), "unit": "%"}
    plan = from_document(with_indicator(target=rule, unit="%"))
    written = make_converter().unstructure(plan, Plan)
    [child] = written["goals"][0]["children"]
    assert next(iter(child)) == "kind"
    assert child["kind"] == "indicator"
    assert child["target"] == rule
    assert next(iter(child["target"])) == "type"


def test_reading_never_changes_the_callers_document() -> None:
    document = with_indicator(target={"type": "threshold", "comparison": ">=", "value": 1})
    before = json.dumps(document)
    from_document(document)
    assert json.dumps(document) == before


def test_maps_keep_their_keys_and_write_achievement_keys_as_their_value() -> None:
    document = {
        **HEAD,
        "levels": [
            {"key": "a", "label": "A", "labels": {"en": "Area"}},
        ],
        "kinds": {"goal": {"en": "Aims", "sv": "Mål"}},
        "rollup": {"share": {"green": Decimal("0.5")}},
        "extensions": {"tool": {"x": [1, "y"]}},
    }
    written = make_converter().unstructure(from_document(document), Plan)
    assert written["levels"] == document["levels"]
    assert written["kinds"] == document["kinds"]
    assert written["extensions"] == document["extensions"]
    assert written["rollup"] == {"share": {"green": Decimal("0.5")}}


# -- whole documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["jamtland-harjedalen-2019", "jamtland-harjedalen-2020", "vasternorrland-2022"]
)
def test_the_examples_round_trip_byte_stable_through_a_new_converter(name: str) -> None:
    plan = examples.load(name)
    text = dumps(plan)
    shared_converter.cache_clear()
    _plain_converter.cache_clear()
    again = loads(text)
    assert again == plan
    assert dumps(again) == text


def test_the_fast_converter_reads_what_the_detailed_one_reads() -> None:
    body = {
        key: value
        for key, value in json.loads(
            dumps(examples.load("vasternorrland-2022")), parse_float=Decimal
        ).items()
        if key != "format_version"
    }
    fast = make_converter(detailed=False)
    assert fast.structure(body, Plan) == make_converter().structure(body, Plan)
    body["units"] = ["a", 3]
    with pytest.raises(ValueError, match=r"^expected a text \(got 3\)$"):
        fast.structure(body, Plan)
    with pytest.raises(cattrs.ClassValidationError):
        make_converter().structure(body, Plan)


def test_each_converter_is_new() -> None:
    assert make_converter() is not make_converter()
    assert shared_converter() is shared_converter()
    assert shared_converter() is not shared_converter(detailed=False)


def test_a_list_given_as_a_tuple_from_python_is_read() -> None:
    plan = from_document({**HEAD, "units": ("a", "b")})
    assert plan.units == ("a", "b")
    assert make_converter().unstructure(plan, Plan)["units"] == ["a", "b"]
    measurement = make_converter().structure({"period": "2020", "value": 1}, Measurement)
    assert make_converter().unstructure(measurement) == {"period": "2020", "value": Decimal(1)}


# -- problems and how values are shown ---------------------------------------------------------


def test_plan_level_problems_get_paths_from_the_documents_root() -> None:
    document = {
        **HEAD,
        "goals": [
            {"id": "g", "title": "G", "level": "a"},
            {"id": "g", "title": "H", "level": "a"},
        ],
    }
    [(path, message)] = problems(document)
    assert path.startswith("$.goals[1]")
    assert "g" in message


def test_problems_of_each_kind_of_error() -> None:
    assert problems_of(KeyError("x"), "$.a") == [Problem("$.a", "required field missing")]
    assert problems_of(ValueError(), "$") == [Problem("$", "ValueError")]
    assert problems_of(ArithmeticError("odd"), "$") == [Problem("$", "odd")]
    assert problems_of(RuntimeError("boom"), "$.b") == [Problem("$.b", "RuntimeError: boom")]
    error = InvalidPlan.from_problems("x", [Problem("$.goals[0].id", "bad")])
    assert problems_of(error, "$.inner") == [Problem("$.inner.goals[0].id", "bad")]
    assert problems_of(InvalidPlan("plain"), "$.c") == [Problem("$.c", "plain")]


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ([], "a list"),
        ("x", "a text"),
        (1, "a number"),
        (1.5, "a number"),
        (Decimal(1), "a number"),
        (None, "null"),
        ({}, "an object"),
        (True, "a boolean"),
        ((1,), "tuple"),
        (date(2020, 1, 1), "date"),
    ],
)
def test_kinds_of_values_are_described_in_words(value: object, kind: str) -> None:
    assert describe_kind(value) == kind


def test_values_are_shown_as_json_cut_in_the_middle_when_long() -> None:
    assert _shown(3) == "3"
    assert _shown(3, as_repr=True) == "3"
    assert _shown("x") == '"x"'
    assert _shown("x", as_repr=True) == "'x'"
    assert _shown(True) == "true"
    assert _shown(date(2020, 1, 1)) == '"2020-01-01"'
    assert _shown("y" * 58) == '"' + "y" * 58 + '"'
    assert _shown("y" * 59) == f'"{"y" * 27}…{"y" * 27}" (61 characters)'
    assert _shown("abcdefghij", width=11) == '"ab…ij" (12 characters)'


# -- revision documents and their operations through a new converter ---------------------------

OPS = (
    "'strike', 'reformulate', 'change_target', 'replace', 'add', 'move', 'change_indicator', "
    "'add_series', 'remove_series', 'amend'"
)


def revision(*operations: object) -> dict[str, Any]:
    return {"body": "HSN", "decided": "2020-06-10", "operations": list(operations)}


def revision_problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(cattrs.ClassValidationError) as raised:
        make_converter().structure(document, Revision)
    return [(p.path, p.message) for p in problems_of(raised.value, "$")]


def test_the_example_revision_round_trips_through_a_new_converter_with_op_tags_first() -> None:
    # The text is written by the shared converter (built anew here): read by a newer one.
    text = dumps_revision(examples.load_revision("jamtland-harjedalen-2020-revision"))
    document = parse(text, Format.JSON, "s")
    body = {key: value for key, value in document.items() if key != "format_version"}
    converter = make_converter()
    read = converter.structure(body, Revision)
    assert [operation.op for operation in read.operations][:4] == [
        "strike",
        "reformulate",
        "change_target",
        "replace",
    ]
    written = converter.unstructure(read)
    assert written == body
    assert all(next(iter(operation)) == "op" for operation in written["operations"])


def test_operation_positions_are_whole_numbers() -> None:
    move = {"op": "move", "id": "g", "parent": "x", "position": 2}
    read = make_converter().structure(revision(move), Revision)
    assert read.operations[0] == Move(id="g", parent="x", position=2)
    assert make_converter().unstructure(read)["operations"] == [move]
    for bad, shown in (("2", '"2"'), (True, "true"), ([2], "[2]")):
        assert revision_problems(revision({**move, "position": bad})) == [
            ("$.operations[0].position", f"expected a whole number (got {shown})")
        ]
    fast = make_converter(detailed=False)
    with pytest.raises(ValueError, match=r'^expected a whole number \(got "2"\)$'):
        fast.structure(revision({**move, "position": "2"}), Revision)


def test_an_unknown_operation_is_named_with_the_known_ones() -> None:
    assert revision_problems(revision({"op": "nope", "id": "g"})) == [
        ("$.operations[0]", f"unknown operation op 'nope' (expected one of {OPS})")
    ]
    assert revision_problems(revision({"id": "g"})) == [
        ("$.operations[0]", f"unknown operation op None (expected one of {OPS})")
    ]


def test_an_operation_that_is_no_object_is_named_with_its_tag() -> None:
    assert revision_problems(revision(3)) == [
        ("$.operations[0]", "expected an operation object with a 'op' key (got a number)")
    ]


def test_a_map_given_as_a_list_is_refused_as_no_object() -> None:
    document = {**HEAD, "levels": [{"key": "a", "label": "A", "labels": ["Goal"]}]}
    assert problems(document) == [("$.levels[0].labels", "expected an object (got a list)")]
    document["levels"][0]["labels"] = {"en": 3}
    assert problems(document) == [("$.levels[0].labels['en']", "expected a text (got 3)")]


def test_a_target_change_may_clear_the_target() -> None:
    cleared = {"op": "change_target", "id": "i", "target": None}
    read = make_converter().structure(revision(cleared), Revision)
    assert read.operations[0] == ChangeTarget(id="i", target=None)
    assert make_converter().unstructure(read)["operations"] == [{"op": "change_target", "id": "i"}]


@pytest.mark.parametrize(
    ("union", "document", "value"),
    [
        pytest.param(Operation, {"op": "strike", "id": "x", "cascade": True}, None, id="operation"),
        pytest.param(
            Rule,
            {"type": "threshold", "comparison": ">=", "value": Decimal(1)},
            None,
            id="rule",
        ),
        pytest.param(
            Node, {"kind": "goal", "id": "g", "title": "G", "level": "a"}, None, id="node"
        ),
    ],
)
def test_an_optional_tagged_value_is_read_and_written_as_the_value_or_nothing(
    union: Any, document: dict[str, Any], value: None
) -> None:
    converter = make_converter()
    read = converter.structure(document, union | None)
    assert read == converter.structure(document, union)
    assert converter.unstructure(read, union | None) == document
    assert next(iter(converter.unstructure(read, union | None))) == next(iter(document))
    assert converter.structure(value, union | None) is None
    assert converter.unstructure(value, union | None) is None


def test_no_rollup_policy_is_read_and_written_as_nothing() -> None:
    assert from_document({**HEAD, "rollup": None}).rollup is None
    converter = make_converter()
    assert converter.structure(None, RollupPolicy | None) is None
    assert converter.unstructure(None, RollupPolicy | None) is None


def test_a_scales_achievements_are_written_with_their_texts_as_keys() -> None:
    own = {
        "key": "own",
        "levels": [{"key": "ok", "colour": "#00ff00"}, {"key": "bad"}],
        "achievements": {"met": "ok", "near": "bad", "not_met": "bad"},
    }
    plan = from_document({**HEAD, "scale": own})
    written = make_converter().unstructure(plan, Plan)["scale"]["achievements"]
    assert written == {"met": "ok", "near": "bad", "not_met": "bad"}
    assert [type(key) for key in written] == [str, str, str]
    assert "achievements:\n    met: ok\n    near: bad\n    not_met: bad\n" in dumps(
        plan, format="yaml"
    )


# -- tuples: lists of one type, and cattrs' own fixed-length tuples ----------------------------


def test_a_fixed_length_tuple_is_left_to_cattrs() -> None:
    converter = make_converter()
    assert converter.structure([1, "2"], tuple[int, str]) == (1, "2")
    assert converter.unstructure((1, "2"), tuple[int, str]) == (1, "2")


@pytest.mark.parametrize("detailed", [True, False], ids=["detailed", "fast"])
def test_tuple_items_are_read_by_the_hook_of_their_type(detailed: bool) -> None:
    # Enums are read by cattrs' own hook, which needs the item type.
    read = make_converter(detailed=detailed).structure(["met", "near"], tuple[Achievement, ...])
    assert read == (Achievement.MET, Achievement.NEAR)


def test_an_item_error_keeps_its_notes_and_gets_cattrs_own_index_note() -> None:
    class Odd:
        pass

    def refuse(value: object, _: object) -> Odd:
        error = ValueError(f"no {value}")
        error.add_note("from the item hook")
        raise error

    converter = make_converter()
    converter.register_structure_hook(Odd, refuse)
    hint = tuple[Odd, ...]
    with pytest.raises(cattrs.IterableValidationError) as raised:
        converter.structure(["a", "b"], hint)
    group = raised.value
    assert group.cl == hint
    assert str(group) == f"While structuring {hint!r} (2 sub-exceptions)"
    first = group.exceptions[0]
    assert [str(note) for note in first.__notes__] == ["from the item hook", "Structuring item 0"]
    note = first.__notes__[1]
    assert isinstance(note, IterableValidationNote)
    assert (note.index, note.type) == (0, Odd)
    assert problems_of(group, "$.x") == [Problem("$.x[0]", "no a"), Problem("$.x[1]", "no b")]


def test_errors_without_an_index_keep_the_path_of_their_list() -> None:
    group = cattrs.IterableValidationError("m", [ValueError("a"), KeyError("b")], list)
    assert problems_of(group, "$.x") == [
        Problem("$.x", "a"),
        Problem("$.x", "required field missing"),
    ]


def test_a_period_given_as_a_text_of_a_str_subclass_is_read() -> None:
    class Text(str):
        pass

    assert make_converter().structure(Text("2020-T1"), Period) == Period.parse("2020-T1")
