"""Fuzzing documents: mutated examples in JSON, YAML and TOML never escape the library's errors.

Each example is taken apart, mutated (values deleted, duplicated, retyped, nested deeper,
replaced by others, by huge numbers, by lone surrogates; YAML aliases and tags; text cut and
spliced) and loaded. Whatever loads must write back in all three formats and reload equal;
whatever does not must raise a :class:`~malstyrning.errors.MalstyrningError`. CI runs the
small ``fuzz_ci`` profile; ``MALSTYRNING_FUZZ=1`` runs thousands. Time and memory per
input are measured by ``benchmarks/run.py --only bad_input_worst_case``, not here.
"""

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from malstyrning import dumps, examples, load, loads
from malstyrning.errors import MalstyrningError

FORMATS = ["json", "yaml", "toml"]
PROFILE = settings.get_profile("fuzz" if os.environ.get("MALSTYRNING_FUZZ") else "fuzz_ci")
BASES = {
    name: json.loads(dumps(examples.load(name)), parse_float=Decimal) for name in examples.names()
}

ODD_VALUES = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        2**63,
        -(2**64),
        10**30,
        Decimal("1E+999999999"),
        Decimal("1E-999999999"),
        Decimal("4.1000000000000000000000000001"),
        Decimal("NaN"),
        "",
        " ",
        "\ud800",
        "x\udfffy",
        "2019-T4",
        "1:20.5",
        "ska minska " * 50,
        "x" * 5000,
        [],
        {},
        [None],
        {"": None},
        {"kind": "goal"},
        {"type": "threshold"},
        {"op": "strike"},
    ]
)


def _paths(value, path=()):
    """Every place in a plain document: the path to each value."""
    stack = [(value, path)]
    while stack:
        node, where = stack.pop()
        yield where
        if isinstance(node, dict):
            stack.extend((item, (*where, key)) for key, item in node.items())
        elif isinstance(node, list):
            stack.extend((item, (*where, index)) for index, item in enumerate(node))


def _at(document, path):
    for key in path:
        document = document[key]
    return document


@st.composite
def mutated(draw):
    """A mutated copy of an example as plain values."""
    document = json.loads(json.dumps(BASES[draw(st.sampled_from(sorted(BASES)))], default=str))
    # Decimals were turned into text above; put them back as numbers where they were.
    document = json.loads(json.dumps(document), parse_float=Decimal)
    for _ in range(draw(st.integers(1, 4))):
        paths = [path for path in _paths(document) if path]
        path = draw(st.sampled_from(paths))
        parent, key = _at(document, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "deepen", "replace"]))
        if action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key], default=str)))
        elif action == "duplicate":
            parent[f"{key}_copy"] = parent[key]
        elif action == "retype":
            parent[key] = draw(ODD_VALUES)
        elif action == "deepen":
            value = parent[key]
            for _ in range(draw(st.integers(1, 200))):
                value = draw(st.sampled_from([[value], {"x": value}]))
            parent[key] = value
        else:
            other = _at(document, draw(st.sampled_from(paths)))
            parent[key] = json.loads(json.dumps(other, default=str), parse_float=Decimal)
    return document


def _json(document):
    # Decimals go out as written: marked as text first, then unquoted.
    def default(value):
        if isinstance(value, Decimal):
            return f"\x01{value}\x01"
        raise TypeError(value)

    text = json.dumps(document, default=default, ensure_ascii=False)
    return re.sub(r'"\\u0001(.*?)\\u0001"', r"\1", text)


def _texts(document):
    """The mutated document as text in every format that can hold it."""
    yield "json", _json(document)
    yield "yaml", _json(document)  # JSON is YAML too: flow style, every scalar quoted or plain
    try:
        toml = tomli_w.dumps(document)
    except (TypeError, ValueError, RecursionError):
        return  # null, a top level that is no table, or nesting past tomli_w's own limit
    yield "toml", toml


def _check(text, fmt):
    try:
        plan = loads(text, format=fmt)
    except MalstyrningError:
        return
    for other in FORMATS:
        assert loads(dumps(plan, format=other), format=other) == plan, other


@settings(PROFILE)
@given(mutated())
def test_mutated_documents_load_or_raise_library_errors_and_round_trip(document):
    for fmt, text in _texts(document):
        _check(text, fmt)


YAML_SNIPPETS = st.sampled_from(
    [
        "&a [1, 2]",
        "*missing",
        "!!binary aGVq",
        "!!set {a: null}",
        "!!python/object:os.system ls",
        "!!timestamp 2001-12-14t21:59:43.10-05:00",
        "2020-01-01",
        "07:32:00",
        "1:20.5",
        "1:20",
        "012",
        "0x1F",
        "1_000",
        ".nan",
        "-.inf",
        "yes",
        "~",
        "{3: x}",
        "[[[[[[]]]]]]",
        "'\\ud800'",
        '"\\ud800"',
        "1E+999999999",
        "99999999999999999999999",
        "? [a]\n  : b",
    ]
)


@settings(PROFILE)
@given(st.sampled_from(sorted(BASES)), YAML_SNIPPETS, st.data())
def test_yaml_values_with_tags_aliases_and_1_1_numbers(name, snippet, data):
    lines = dumps(examples.load(name), format="yaml").splitlines()
    candidates = [i for i, line in enumerate(lines) if ": " in line and not line.endswith(":")]
    index = data.draw(st.sampled_from(candidates))
    key = lines[index].split(": ", 1)[0]
    lines[index] = f"{key}: {snippet}"
    _check("\n".join(lines) + "\n", "yaml")


@settings(PROFILE)
@given(st.sampled_from(sorted(BASES)), st.sampled_from(FORMATS), st.data())
def test_cut_and_spliced_text(name, fmt, data):
    text = dumps(examples.load(name), format=fmt)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 400)))
    insert = data.draw(st.sampled_from(["", "[", "{", "]", "}", ":", "- ", "&a ", "*a", "\x00"]))
    _check(text[:start] + insert + text[end:], fmt)


CORPUS = Path(__file__).parent / "broken"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def test_the_broken_corpus_holds_at_least_300_documents_each_with_its_place():
    assert len(MANIFEST) >= 300
    assert all(case["expected"] for case in MANIFEST)


@pytest.mark.parametrize("case", MANIFEST, ids=[case["name"] for case in MANIFEST])
def test_every_broken_document_raises_a_library_error_naming_the_place(case):
    path = CORPUS / "documents" / case["name"]
    with pytest.raises(MalstyrningError) as caught:
        load(path)
    message = str(caught.value)
    assert case["expected"] in message
    assert str(path) in message
