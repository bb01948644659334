"""The JSON Schema of plan documents: pinned to the recorded `malstyrning schema` output.

The schema is derived from the model; any change to it (a new field, a different ``required``
list, another order of properties) is a change of the published document format and shows
here. A deliberate change is recorded again with ``python tests/snapshots/record.py``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from malstyrning.schema import _Builder, json_schema

SNAPSHOT = Path(__file__).parent / "snapshots" / "snapshot.json.gz"


def recorded_schema_text() -> str:
    data = json.loads(gzip.decompress(SNAPSHOT.read_bytes()))
    text: str = data["cli"]["schema"]["stdout"]
    return text


def test_the_schema_is_the_recorded_one_key_for_key_and_in_order() -> None:
    written = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    assert written == recorded_schema_text()


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema: dict[str, Any] = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:malstyrning:plan:1"


def test_a_plan_gives_its_goals_nested_or_flat_never_both_nor_neither() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    head = {
        "format_version": 1,
        "title": "t",
        "organisation": "o",
        "validity": "2020",
        "levels": [{"key": "a", "label": "A"}],
    }
    goal = {"title": "g"}
    assert validator.is_valid({**head, "goals": [goal]})
    assert validator.is_valid({**head, "nodes": [{"kind": "goal", **goal}]})
    assert not validator.is_valid(head)
    assert not validator.is_valid({**head, "goals": [goal], "nodes": []})


def test_each_schema_of_a_call_is_new() -> None:
    first = json_schema()
    first["$defs"].clear()
    assert json_schema()["$defs"]


def test_a_field_type_without_a_schema_is_named() -> None:
    with pytest.raises(TypeError, match=r"^no schema for <class 'complex'>$"):
        _Builder().type_schema(complex)
