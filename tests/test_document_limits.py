"""Bad documents: bounded work, one error family, the place named, and what loads dumps.

Every document example of issue 15's "Why" is here, with the place its message must name.
"""

import contextlib
import json
from decimal import Decimal

import pytest

from malstyrning import DocumentError, dumps, examples, loads
from malstyrning.errors import MalstyrningError
from malstyrning.io import DocumentLimits

FORMATS = ["json", "yaml", "toml"]
PLAN = examples.load("jamtland-harjedalen-2019")
JSON = dumps(PLAN)
YAML = dumps(PLAN, format="yaml")
TOML = dumps(PLAN, format="toml")


def refused(text, fmt="json", **options):
    with pytest.raises(DocumentError) as caught:
        loads(text, format=fmt, source="plan." + fmt, **options)
    message = str(caught.value)
    assert "plan." + fmt in message
    return message


def document(**changes):
    body = json.loads(JSON, parse_float=Decimal)
    body.update(changes)
    return body


def as_json(body):
    def default(value):
        if isinstance(value, Decimal):
            return float(value)
        raise TypeError(value)

    return json.dumps(body, default=default, ensure_ascii=False)


def round_trips(plan):
    for fmt in FORMATS:
        assert loads(dumps(plan, format=fmt), format=fmt) == plan, fmt


# -- bounded work ---------------------------------------------------------------------------


def alias_bomb(levels=9, width=9):
    lines = ["format_version: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_a_yaml_alias_bomb_is_refused_before_it_is_expanded():
    bomb = alias_bomb()
    assert len(bomb) < 1000
    message = refused(bomb, "yaml")
    assert "aliases stand for more than 10000 values" in message
    assert "line " in message


def test_a_few_aliases_are_read_and_the_limit_is_configurable():
    text = YAML.replace("validity:", "extensions: {a: &s [1, 2], b: *s}\nvalidity:", 1)
    plan = loads(text, format="yaml")
    assert plan.extensions["a"] == plan.extensions["b"]
    round_trips(plan)
    small = DocumentLimits(max_alias_nodes=5)
    assert "more than 5 values" in refused(alias_bomb(levels=3, width=3), "yaml", limits=small)


def test_a_recursive_yaml_alias_is_refused():
    message = refused("format_version: 1\nextensions: &a {self: *a}\n", "yaml")
    assert "alias" in message


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("json", "[" * 100_000 + "]" * 100_000),
        ("yaml", "[" * 100_000 + "]" * 100_000),
        ("toml", "a = " + "[" * 100_000 + "]" * 100_000),
        ("json", '{"a": ' * 50_000 + "1" + "}" * 50_000),
        ("yaml", "a:\n" + "".join("  " * i + "- \n" for i in range(1, 3000))),
    ],
    ids=["json", "yaml", "toml", "json-objects", "yaml-block"],
)
def test_deep_nesting_is_refused_without_recursion_errors(fmt, text):
    message = refused(text, fmt)
    assert "nest deeper than 128 levels" in message
    assert "DocumentLimits.max_nesting" in message


def deep_goals(depth):
    body = document()
    level = body["levels"][0]["key"]
    top = {"id": "d1", "title": "Djup 1", "level": level}
    node = top
    for number in range(2, depth + 1):
        child = {"kind": "goal", "id": f"d{number}", "title": f"Djup {number}", "level": level}
        node["children"] = [child]
        node = child
    body["goals"].append(top)
    return body


def test_a_goal_tree_at_the_documented_depth_loads_and_dumps_in_every_format():
    plan = loads(as_json(deep_goals(DocumentLimits().max_depth)))
    assert "d48" in plan
    round_trips(plan)


def test_a_goal_tree_150_deep_is_refused_with_its_place():
    message = refused(as_json(deep_goals(150)))
    assert "nest deeper than 128 levels (line 1, column" in message


def test_a_goal_tree_past_the_depth_limit_is_refused_with_the_node_path():
    message = refused(as_json(deep_goals(60)))
    assert "more than 48 nodes deep" in message
    assert message.endswith("]" + ".children[0]" * 48)
    assert "@ $.goals[" in message


def test_a_flat_goal_tree_150_deep_is_refused_with_its_place():
    body = document()
    del body["goals"]
    level = body["levels"][0]["key"]
    body["nodes"] = [{"id": "n0", "title": "n0", "level": level}] + [
        {"kind": "goal", "id": f"n{i}", "title": f"n{i}", "level": level, "parent": f"n{i - 1}"}
        for i in range(1, 150)
    ]
    message = refused(as_json(body))
    assert "more than 48 nodes deep" in message
    assert "@ $.nodes[" in message


def test_limits_are_checked_when_made():
    with pytest.raises(ValueError, match="max_depth must be a whole number from 1 to 60"):
        DocumentLimits(max_depth=0)


def test_a_listing_stops_after_twenty_problems_and_counts_the_rest():
    body = document(**{f"unknown_{i}": 1 for i in range(5)})
    body["goals"] = [{"id": i, "title": 1, "level": 2} for i in range(40)]
    message = refused(as_json(body))
    assert "more" in message.splitlines()[-1]
    assert message.count("\n  - ") <= 20


def test_long_values_are_shortened_in_messages():
    body = document(title="x" * 100_000)
    body["organisation"] = 12
    body["validity"] = ["y" * 100_000]
    message = refused(as_json(body))
    assert len(message) < 2_000
    assert "characters" in message
    assert "@ $.validity" in message


# -- one error family -----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1:20.5", "1:20", "012", "0x1F", "1_000"])
def test_yaml_1_1_numbers_are_refused_with_their_line(value):
    text = YAML.replace("value: 4.10", f"value: {value}", 1)
    message = refused(text, "yaml")
    assert repr(value) in message
    assert "quote it" in message
    assert "line " in message


def test_an_empty_flat_node_list_is_a_plan_without_goals():
    body = document(nodes=[])
    del body["goals"]
    assert loads(as_json(body)).goals == ()


def test_a_list_as_a_flat_nodes_parent_is_named():
    body = document()
    del body["goals"]
    level = body["levels"][0]["key"]
    body["nodes"] = [
        {"id": "a", "title": "A", "level": level},
        {"kind": "goal", "id": "b", "title": "B", "level": level, "parent": ["a"]},
        {"kind": "indicator", "id": "c", "title": "C", "parent": "b"},
    ]
    message = refused(as_json(body))
    assert "a parent is the id of a goal, a text (got a list) @ $.nodes[1].parent" in message


def test_flow_yaml_with_a_number_for_a_key_names_the_place():
    text = YAML.replace("levels:", "levels: [{key: goal, label: Mål, 3: x}]\nold_levels:", 1)
    message = refused(text, "yaml")
    assert "a key must be a text (got 3) @ $.levels[0][3]" in message


def test_mixed_number_and_text_unknown_keys_are_listed():
    message = refused(YAML.replace("validity:", "1: a\nzz: b\nvalidity:", 1), "yaml")
    assert "a key must be a text (got 1) @ $[1]" in message


def test_mixed_unknown_keys_from_python_are_listed_sorted_as_text():
    from malstyrning.io import from_document

    body = document(zz=1)
    body[1] = 2
    with pytest.raises(DocumentError, match="unknown keys 1, zz"):
        from_document(body)


@pytest.mark.parametrize(
    "number",
    [
        "4.1000000000000000000000000001",
        "12345678901234567890123456789",
        "1E+999999999",
        "1e-999999999",
        "9223372036854775808",
        "1000000000000000",
        "0.0000000000001",
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_numbers_outside_the_exact_bounds_are_refused_with_their_path(number, fmt):
    text = {"json": JSON, "yaml": YAML, "toml": TOML}[fmt]
    written = {"json": '"value": 4.10', "yaml": "value: 4.10", "toml": "value = 4.10"}[fmt]
    assert written in text
    message = refused(text.replace(written, written.replace("4.10", number), 1), fmt)
    assert "is out of bounds" in message
    assert ".value" in message.split("@ ")[-1]


def test_numbers_at_the_bounds_load_and_compute():
    plan = loads(JSON.replace('"value": 4.10', '"value": 999999999999999.999999999999', 1))
    round_trips(plan)
    from malstyrning import evaluate

    evaluate(plan, period="2019")


@pytest.mark.parametrize(
    ("fmt", "text", "path", "reason"),
    [
        ("json", JSON.replace('"title": "', '"title": "\\ud800', 1), "$.title", "surrogate"),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {x: !!binary aGVq}\nvalidity:", 1),
            "$.extensions.x",
            "binary",
        ),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {x: !!set {a: null}}\nvalidity:", 1),
            "$.extensions.x",
            "set",
        ),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {1: a}\nvalidity:", 1),
            "$.extensions[1]",
            "a key must be a text",
        ),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {x: 2020-01-01}\nvalidity:", 1),
            "$.extensions.x",
            "write it as text",
        ),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {x: .nan}\nvalidity:", 1),
            "$.extensions.x",
            "expected a number",
        ),
        (
            "yaml",
            YAML.replace("validity:", "extensions: {x: null}\nvalidity:", 1),
            "$.extensions.x",
            "TOML has no null",
        ),
        ("toml", "extensions = {x = 07:32:00}\n" + TOML, "$.extensions.x", "time"),
        ("toml", "extensions = {x = nan}\n" + TOML, "$.extensions.x", "NaN"),
        ("toml", "extensions = {x = 1979-05-27T07:32:00Z}\n" + TOML, "$.extensions.x", "datetime"),
        (
            "json",
            JSON.replace('"format_version": 1', '"format_version": 1, "extensions": {"x": NaN}', 1),
            "$.extensions.x",
            "NaN",
        ),
        (
            "json",
            JSON.replace(
                '"format_version": 1',
                '"format_version": 1, "extensions": {"x": 99999999999999999999999}',
                1,
            ),
            "$.extensions.x",
            "out of bounds",
        ),
    ],
    ids=[
        "surrogate",
        "binary",
        "set",
        "int-key",
        "date",
        "yaml-nan",
        "null",
        "toml-time",
        "toml-nan",
        "toml-datetime",
        "json-nan",
        "64-bit",
    ],
)
def test_values_no_format_carries_are_refused_on_load_with_a_reason(fmt, text, path, reason):
    message = refused(text, fmt)
    assert f"@ {path}" in message
    assert reason in message


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [
        ("yaml", "1.0e+3", Decimal("1.0E+3")),
        ("yaml", "!!float 1E+3", Decimal("1E+3")),
        ("json", "1E+3", Decimal("1E+3")),
        ("toml", "1e+3", Decimal("1E+3")),
        ("json", '"2020-01-01"', "2020-01-01"),
        ("json", "true", True),
        ("json", "12", 12),
    ],
)
def test_extension_values_keep_their_type_in_every_format(fmt, value, expected):
    texts = {
        "json": JSON.replace(
            '"format_version": 1', f'"format_version": 1, "extensions": {{"x": {value}}}', 1
        ),
        "yaml": YAML.replace("validity:", f"extensions: {{x: {value}}}\nvalidity:", 1),
        "toml": f"extensions = {{x = {value}}}\n" + TOML,
    }
    plan = loads(texts[fmt], format=fmt)
    assert plan.extensions["x"] == expected
    assert type(plan.extensions["x"]) is type(expected)
    for other in FORMATS:
        again = loads(dumps(plan, format=other), format=other)
        assert again == plan
        assert type(again.extensions["x"]) is type(expected)
        assert str(again.extensions["x"]) == str(expected)


def test_every_door_raises_only_library_errors_for_garbage():
    for fmt in FORMATS:
        for text in ["", "\x00", "[", "{", "a: [", "= 1", "\ud800", "1" * 5000]:
            with contextlib.suppress(MalstyrningError):
                loads(text, format=fmt)
