"""Documents: formats, versions, flat node lists, extensions, schema and the broken corpus."""

import json
import tomllib
from collections.abc import Mapping
from decimal import Decimal as D
from pathlib import Path

import attrs
import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from malstyrning import (
    Comment,
    DocumentError,
    Goal,
    Indicator,
    Judgement,
    Measurement,
    NotAssessedReason,
    Period,
    dump,
    dumps,
    examples,
    load,
    loads,
)
from malstyrning._converter import shared_converter
from malstyrning.cli import main
from malstyrning.io import convert, validate
from malstyrning.rules import Rule
from malstyrning.schema import json_schema
from malstyrning.testing import plans

HERE = Path(__file__).parent
MANIFEST = json.loads((HERE / "broken" / "manifest.json").read_text(encoding="utf-8"))
FORMATS = ["json", "yaml", "toml"]
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def parse_plain(path: Path):
    text = path.read_text(encoding="utf-8")
    return {".json": json.loads, ".yaml": yaml.safe_load, ".toml": tomllib.loads}[path.suffix](text)


def test_the_corpus_is_large_enough_and_current():
    assert len(MANIFEST) >= 100
    names = {path.name for path in (HERE / "broken" / "documents").iterdir()}
    assert names == {case["name"] for case in MANIFEST}


@pytest.mark.parametrize("case", MANIFEST, ids=[case["name"] for case in MANIFEST])
def test_validate_names_the_place_of_every_broken_document(case):
    path = HERE / "broken" / "documents" / case["name"]
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert case["expected"] in result.output
    assert "@ $" in result.output
    assert str(path) in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "case", [c for c in MANIFEST if c["schema"]], ids=[c["name"] for c in MANIFEST if c["schema"]]
)
def test_the_schema_rejects_schema_level_cases(case):
    document = parse_plain(HERE / "broken" / "documents" / case["name"])
    assert list(VALIDATOR.iter_errors(document))


@pytest.mark.parametrize("name", examples.names())
@pytest.mark.parametrize("fmt", FORMATS)
def test_examples_validate_against_the_schema_and_round_trip(name, fmt, tmp_path):
    plan = examples.load(name)
    first = dumps(plan, format=fmt)
    path = tmp_path / f"plan.{fmt}"
    path.write_text(first, encoding="utf-8")
    assert not list(VALIDATOR.iter_errors(parse_plain(path)))
    again = loads(first, format=fmt)
    assert again == plan
    assert dumps(again, format=fmt) == first


def test_validate_and_schema_commands(tmp_path):
    runner = CliRunner()
    schema = runner.invoke(main, ["schema"])
    assert schema.exit_code == 0
    assert json.loads(schema.output)["properties"]["format_version"] == {"const": 1}
    path = tmp_path / "plan.yaml"
    dump(examples.load("vasternorrland-2022"), path)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert "valid (24 nodes)" in result.output


def test_convert_between_formats(tmp_path):
    plan = examples.load("jamtland-harjedalen-2019")
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["convert", "jamtland-harjedalen-2019", str(tmp_path / "a.yaml")]
        ).exit_code
        == 0
    )
    assert (
        runner.invoke(
            main, ["convert", str(tmp_path / "a.yaml"), str(tmp_path / "b.toml")]
        ).exit_code
        == 0
    )
    convert(tmp_path / "b.toml", tmp_path / "c.json")
    assert load(tmp_path / "c.json") == plan
    bad = runner.invoke(main, ["convert", str(tmp_path / "c.json"), str(tmp_path / "d.xml")])
    assert bad.exit_code == 1
    assert "unknown document format" in bad.output


def test_format_0_migrates_with_nothing_lost():
    old = HERE / "fixtures" / "vasternorrland-2022.format-0.json"
    assert json.loads(old.read_text(encoding="utf-8"))["format_version"] == 0
    example = examples.load("vasternorrland-2022")
    # Format 0 had no vocabulary: the example's names for levels and kinds per language are newer.
    levels = tuple(attrs.evolve(level, labels={}) for level in example.levels)
    assert load(old) == attrs.evolve(example, levels=levels, kinds={})


def test_format_0_problems_say_they_were_migrated():
    document = json.loads((HERE / "fixtures" / "vasternorrland-2022.format-0.json").read_text())
    document["goals"][1]["goals"][0]["indicators"][0]["measurements"]["2019"] = "8,4"
    with pytest.raises(DocumentError, match="after migrating it from format 0"):
        loads(json.dumps(document))


def test_flat_node_lists_load_like_nested_trees():
    nested = examples.load("vasternorrland-2022")
    document = json.loads(dumps(nested), parse_float=D)
    nodes = []

    def flatten(node, parent, kind="goal"):
        entry = {"kind": kind, **{k: v for k, v in node.items() if k not in ("children",)}}
        if parent:
            entry["parent"] = parent
        nodes.append(entry)
        for child in node.get("children", []):
            flatten({k: v for k, v in child.items() if k != "kind"}, node["id"], child["kind"])

    for goal in document.pop("goals"):
        flatten(goal, None)
    document["nodes"] = nodes
    assert not list(VALIDATOR.iter_errors(json.loads(json.dumps(document, default=str))))
    assert loads(json.dumps(document, default=str)) == nested


def test_yaml_authors_may_write_bare_years():
    text = dumps(examples.load("vasternorrland-2022"), format="yaml").replace(
        "period: '2019'", "period: 2019"
    )
    assert loads(text, format="yaml") == examples.load("vasternorrland-2022")


def test_validate_function_returns_problems(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"format_version": 1}', encoding="utf-8")
    # The plan's id is made from its title, so the missing title is the first problem.
    assert [problem.path for problem in validate(path)][:2] == ["$.title", "$.organisation"]
    dump(examples.load("vasternorrland-2022"), path)
    assert validate(path) == []


EXTENSION_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.text(max_size=5)
    | st.integers(-100, 100)
    | st.decimals(
        places=2, allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6
    ),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def rich_plans(draw):
    """Generated plans with comments, judgements, missing reasons and extensions added."""
    plan = draw(plans())
    period = plan.validity

    def enrich(node):
        extra = {}
        if draw(st.booleans()):
            extra["comments"] = (
                Comment(period=period, text=draw(st.text(min_size=1, max_size=8))),
            )
        if draw(st.booleans()):
            extra["judgements"] = (
                Judgement(
                    period=period,
                    status=draw(st.sampled_from(plan.scale.keys)),
                    by="HSN",
                    reason=draw(st.text(max_size=8)),
                ),
            )
        if draw(st.booleans()):
            extra["extensions"] = draw(
                st.dictionaries(st.text(min_size=1, max_size=4), EXTENSION_VALUES, max_size=3)
            )
        if isinstance(node, Goal):
            extra["children"] = tuple(enrich(child) for child in node.children)
        if isinstance(node, Indicator) and draw(st.booleans()):
            missing = Measurement(
                period=Period("2009"),
                missing=draw(st.sampled_from(list(NotAssessedReason))),
                comment=draw(st.text(max_size=8)),
            )
            series = node.series[0]
            if series.get(Period("2009")) is None:
                extra["series"] = (
                    attrs.evolve(series, measurements=(*series.measurements, missing)),
                    *node.series[1:],
                )
        return attrs.evolve(node, **extra)

    return attrs.evolve(
        plan,
        goals=tuple(enrich(goal) for goal in plan.goals),
        extensions=draw(
            st.dictionaries(st.text(min_size=1, max_size=4), EXTENSION_VALUES, max_size=2)
        ),
    )


def _has_null(value):
    if isinstance(value, Mapping | tuple | list):
        items = value.values() if isinstance(value, Mapping) else value
        return any(_has_null(item) for item in items)
    return value is None


@given(rich_plans(), st.sampled_from(FORMATS))
def test_load_dump_load_is_identity_for_every_plan(plan, fmt):
    if _has_null(dict(plan.extensions)) or any(
        _has_null(dict(node.extensions)) for node in plan.walk()
    ):
        # A null in extensions could not be written in TOML, so no document may hold one.
        with pytest.raises(DocumentError, match="TOML has no null"):
            loads(dumps(plan, format=fmt), format=fmt)
        return
    text = dumps(plan, format=fmt)
    again = loads(text, format=fmt)
    assert again == plan
    assert dumps(again, format=fmt) == text


def _indicator_entry(document, node_id):
    stack = list(document["goals"])
    while stack:
        node = stack.pop()
        if node["id"] == node_id:
            return node
        stack.extend(node.get("children", []))
    raise KeyError(node_id)


def test_a_target_given_as_text_is_parsed_kept_and_written_back_as_text():
    document = json.loads(dumps(examples.load("jamtland-harjedalen-2019")))
    entry = _indicator_entry(document, "antibiotika")
    rule = entry.pop("target")
    entry["target_text"] = "<250 rec/TIN"
    text = json.dumps(document, ensure_ascii=False)
    plan = loads(text)
    indicator = plan["antibiotika"]
    assert indicator.target_text == "<250 rec/TIN"
    assert shared_converter().unstructure(indicator.target, Rule) == rule
    assert _indicator_entry(json.loads(text), "antibiotika") == entry  # the input is untouched
    written = dumps(plan)
    assert "target" not in _indicator_entry(json.loads(written), "antibiotika")
    assert loads(written) == plan
    assert dumps(loads(written)) == written
    schema = json_schema()
    jsonschema.validate(json.loads(written), schema)
    for fmt in ("yaml", "toml"):
        assert loads(dumps(plan, format=fmt), format=fmt) == plan


def test_a_rule_beside_a_text_that_says_otherwise_is_kept_with_it():
    document = json.loads(dumps(examples.load("jamtland-harjedalen-2019")))
    entry = _indicator_entry(document, "antibiotika")
    entry["target_text"] = "högst 240 rec/TIN"  # the text and the rule disagree: keep both
    plan = loads(json.dumps(document, ensure_ascii=False))
    assert plan["antibiotika"].target.value == 250
    written = json.loads(dumps(plan))
    assert _indicator_entry(written, "antibiotika")["target"] == entry["target"]


def test_an_unreadable_target_text_names_its_place():
    document = json.loads(dumps(examples.load("jamtland-harjedalen-2019")))
    entry = _indicator_entry(document, "antibiotika")
    del entry["target"]
    entry["target_text"] = "<25O rec/TIN"
    with pytest.raises(DocumentError) as raised:
        loads(json.dumps(document, ensure_ascii=False), source="plan.json")
    message = str(raised.value)
    assert message.startswith("plan.json could not be read as a plan: 1 problem")
    assert "@ $.goals[0].children[0].children[0].children[0].target_text" in message
    assert "stuck at 'O'" in message
