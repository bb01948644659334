"""YAML and TOML are read and written through the fast parsers and emitters (LibYAML through
PyYAML's C classes, compiled tomli), with the same data, the same text and the same errors,
at the same place, as the pure-Python classes give. No timings: benchmarks/run.py has them."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal

import pytest
import yaml
from hypothesis import given

import malstyrning
from malstyrning import _formats, examples
from malstyrning._formats import DEFAULT_LIMITS, Format, parse
from malstyrning.errors import DocumentError
from malstyrning.testing import plans

pytestmark = pytest.mark.skipif(
    not yaml.__with_libyaml__, reason="PyYAML was built without LibYAML here"
)


def _pure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_formats, "_C_YAML", False)


def _error(text: str, fmt: Format = Format.YAML) -> str:
    with pytest.raises(DocumentError) as caught:
        parse(text, fmt, "plan.yaml")
    return str(caught.value)


def test_a_plain_document_is_read_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    composed: list[str] = []
    original = _formats._CLoader.get_single_node

    def spy(self: object) -> object:
        composed.append("c")
        return original(self)

    monkeypatch.setattr(_formats._CLoader, "get_single_node", spy)
    text = malstyrning.dumps(examples.load("vasternorrland-2022"), format="yaml")
    assert malstyrning.loads(text, format="yaml") == examples.load("vasternorrland-2022")
    assert composed == ["c"]
    assert issubclass(_formats._CLoader, yaml.CSafeLoader)


def test_a_document_is_written_by_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    original = _formats._CDumper.serialize

    def spy(self: object, node: object) -> object:
        written.append("c")
        return original(self, node)

    monkeypatch.setattr(_formats._CDumper, "serialize", spy)
    malstyrning.dumps(examples.load("jamtland-harjedalen-2019"), format="yaml")
    assert written == ["c"]
    assert issubclass(_formats._CDumper, yaml.CSafeDumper)


@pytest.mark.parametrize("name", examples.names())
def test_libyaml_writes_and_reads_what_the_python_classes_do(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = examples.load(name)
    fast = malstyrning.dumps(plan, format="yaml")
    fast_data = parse(fast, Format.YAML, name)
    _pure(monkeypatch)
    assert malstyrning.dumps(plan, format="yaml") == fast
    assert parse(fast, Format.YAML, name) == fast_data
    assert malstyrning.loads(fast, format="yaml") == plan


@given(plan=plans(max_goals=2))
def test_round_trips_through_libyaml_are_byte_stable(plan: malstyrning.Plan) -> None:
    text = malstyrning.dumps(plan, format="yaml")
    again = malstyrning.loads(text, format="yaml")
    assert again == plan
    assert malstyrning.dumps(again, format="yaml") == text


_BAD_YAML = {
    "duplicate key": "id: a\ntitle: x\nid: b\n",
    "nested duplicate": "goals:\n  - id: a\n    id: b\n",
    "refused tag": "id: !!python/object:os.system x\n",
    "unknown tag": "id: !custom x\n",
    "syntax": "id: [a, b\ntitle: x\n",
    "tab": "goals:\n\t- id: a\n",
    "base 60": "value: 1:20\n",
    "octal": "value: 010\n",
    "key as list": "? [a, b]\n: x\n",
    "undefined alias": "a: *nothing\n",
    "recursive alias": "a: &x [1, *x]\n",
    "alias bomb": "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 8)),
    "deep flow": "a: " + "[" * 140 + "]" * 140 + "\n",
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(140)) + "  " * 140 + "x\n",
    "too deep for libyaml": "[" * 2000 + "]" * 2000,
    "control character": "title: a\x07b\n",
    "next line character": "title: a\x85b\n",
    "two documents": "id: a\n---\nid: b\n",
}


@pytest.mark.parametrize("name", sorted(_BAD_YAML))
def test_yaml_errors_are_the_python_classes_at_the_same_place(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _BAD_YAML[name]
    try:
        fast: object = parse(text, Format.YAML, "plan.yaml")
    except DocumentError as error:
        fast = str(error)
    _pure(monkeypatch)
    try:
        slow: object = parse(text, Format.YAML, "plan.yaml")
    except DocumentError as error:
        slow = str(error)
    assert fast == slow


def test_a_duplicate_key_is_named_with_its_line_and_column() -> None:
    message = _error("id: a\ntitle: x\nid: b\n")
    assert "duplicate key 'id'" in message and "line 3, column 1" in message


def test_nesting_deeper_than_the_limit_is_refused_where_it_passes() -> None:
    message = _error("a: " + "[" * 140 + "]" * 140 + "\n")
    assert "nest deeper than 128 levels" in message
    assert re.search(r"line 1, column \d+", message)


def test_exact_decimals_survive_the_c_loader() -> None:
    data = parse("a: 0.1\nb: 12.50\nc: 7\n", Format.YAML, "x")
    assert data == {"a": Decimal("0.1"), "b": Decimal("12.50"), "c": 7}
    assert str(data["b"]) == "12.50"


def test_toml_is_read_by_the_compiled_parser_with_tomllibs_errors() -> None:
    tomli = pytest.importorskip("tomli")
    assert _formats._toml is tomli
    text = malstyrning.dumps(examples.load("vasternorrland-2022"), format="toml")
    assert tomli.loads(text, parse_float=Decimal) == tomllib.loads(text, parse_float=Decimal)
    for bad in ("a = 1\na = 2\n", "x = [1,\n", "a = 1.2.3\n", "[t]\n[t]\n", "k =\n"):
        with pytest.raises(tomllib.TOMLDecodeError) as expected:
            tomllib.loads(bad, parse_float=Decimal)
        assert str(expected.value) in _error(bad, Format.TOML)


def test_the_alias_limit_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    message = _error(_BAD_YAML["alias bomb"])
    assert "aliases stand for more than" in message
    assert DEFAULT_LIMITS.max_alias_nodes == 10_000
