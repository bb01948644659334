"""A JSON Schema (draft 2020-12) of the current document format, derived from the model.

The schema is built from the same attrs classes the converter reads, so the two cannot
drift apart. It checks shape and types; what needs the whole plan (unique ids, units, the
direction of a rule against its indicator) is checked when a document is loaded.

>>> schema = json_schema()
>>> schema["properties"]["format_version"]
{'const': 1}
>>> {"Goal", "Node", "Rule", "Measurement"} <= set(schema["$defs"])
True
"""

from __future__ import annotations

import enum
import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from malstyrning._converter import NODE_TAGS, RULE_TAGS
from malstyrning._frozen import FrozenMap
from malstyrning.io import FORMAT_VERSION, MADE_WHEN_MISSING
from malstyrning.model import NODE_TYPES, OPERATION_TAGS, OPERATION_TYPES, Goal, Plan
from malstyrning.periods import Period
from malstyrning.rollup import ROLLUP_POLICIES, RollupPolicy
from malstyrning.rules import Rule
from malstyrning.scales import BUILTIN_SCALES, Scale

__all__ = ["json_schema"]

_NUMBER_TEXT = r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$"
_PERIOD_TEXT = (
    r"^(\d{4}|\d{4}-[HhTtQq]\d{1,2}|[HhTtQq]\d{1,2}[-/ ]?\d{4}|\d{4}-\d{2}"
    r"|\d{4}-\d{2}-\d{2}\s*(/|--|\.\.)\s*\d{4}-\d{2}-\d{2})$"
)


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {
            "Decimal": {
                "description": "A number, written exactly (a JSON number or its text).",
                "anyOf": [{"type": "number"}, {"type": "string", "pattern": _NUMBER_TEXT}],
            },
            "Period": {
                "description": "2019, 2019-T1, T1 2019, 2019-H1, 2019-Q3, 2019-05 or a range.",
                "anyOf": [
                    {"type": "string", "pattern": _PERIOD_TEXT},
                    {"type": "integer", "minimum": 1, "maximum": 9999},
                ],
            },
            "Extensions": {
                "description": "Anything a tool keeps with the plan, carried through untouched.",
                "type": "object",
            },
        }

    def type_schema(self, hint: Any) -> dict[str, Any]:
        schema: dict[str, Any]
        origin = typing.get_origin(hint)
        arguments = typing.get_args(hint)
        if hint is str:
            schema = {"type": "string"}
        elif hint is bool:
            schema = {"type": "boolean"}
        elif hint is int:
            schema = {"type": "integer"}
        elif hint is Decimal:
            schema = {"$ref": "#/$defs/Decimal"}
        elif hint is Period:
            schema = {"$ref": "#/$defs/Period"}
        elif hint is date:
            schema = {"type": "string", "format": "date"}
        elif hint is Rule:
            schema = {"$ref": "#/$defs/Rule"}
            self.tagged("Rule", "type", RULE_TAGS)
        elif hint is Scale:
            schema = {"anyOf": [{"enum": list(BUILTIN_SCALES)}, self.class_ref(Scale)]}
        elif hint is RollupPolicy:
            schema = {"$ref": "#/$defs/RollupPolicy"}
            self.defs["RollupPolicy"] = {
                "description": "How goals combine their children: a key, or share thresholds.",
                "anyOf": [
                    {"enum": list(ROLLUP_POLICIES)},
                    {
                        "type": "object",
                        "properties": {
                            "share": {
                                "type": "object",
                                "additionalProperties": {"$ref": "#/$defs/Decimal"},
                            }
                        },
                        "required": ["share"],
                        "additionalProperties": False,
                    },
                ],
            }
        elif isinstance(hint, type) and issubclass(hint, enum.Enum):
            schema = {"enum": [member.value for member in hint]}
        elif origin in (types.UnionType, typing.Union):
            schema = self.union(arguments)
        elif origin is tuple:
            schema = {"type": "array", "items": self.type_schema(arguments[0])}
        elif origin is FrozenMap or hint is FrozenMap:
            key, value = arguments if arguments else (str, Any)
            if value is Any:
                return {"$ref": "#/$defs/Extensions"}
            schema = {"type": "object", "additionalProperties": self.type_schema(value)}
            if isinstance(key, type) and issubclass(key, enum.Enum):
                schema["propertyNames"] = {"enum": [member.value for member in key]}
        elif attrs.has(hint):
            schema = self.class_ref(hint)
        else:  # pragma: no cover - a new field type must be added above
            raise TypeError(f"no schema for {hint!r}")
        return schema

    def union(self, arguments: tuple[Any, ...]) -> dict[str, Any]:
        members = [a for a in arguments if a is not type(None)]
        nullable = len(members) < len(arguments)
        schema: dict[str, Any]
        if members == [Rule]:
            schema = self.type_schema(Rule)
        elif set(members) == set(NODE_TYPES):
            schema = {"$ref": "#/$defs/Node"}
            self.tagged("Node", "kind", NODE_TAGS)
        elif set(members) == set(OPERATION_TYPES):
            schema = {"$ref": "#/$defs/Operation"}
            self.tagged("Operation", "op", OPERATION_TAGS)
        else:
            schema = {"anyOf": [self.type_schema(member) for member in members]}
        return {"anyOf": [schema, {"type": "null"}]} if nullable else schema

    def tagged(self, name: str, tag: str, tags: dict[type, str]) -> None:
        if name in self.defs:
            return
        self.defs[name] = {}  # placed first: the union refers to itself through its members
        options = []
        for cls, value in tags.items():
            body = self.object_schema(cls)
            body["properties"] = {tag: {"const": value}, **body["properties"]}
            body["required"] = [tag, *body["required"]]
            options.append(body)
        self.defs[name] = {"oneOf": options}

    def class_ref(self, cls: type) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}
            self.defs[cls.__name__] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{cls.__name__}"}

    def object_schema(self, cls: type, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        made = MADE_WHEN_MISSING.get(cls, frozenset())  # ids and levels made on load
        for field in attrs.fields(cls):
            if not field.init:
                continue
            properties[field.alias] = self.type_schema(hints[field.name])
            if field.default is attrs.NOTHING and field.alias not in made:
                required.append(field.alias)
        properties.update(extra or {})
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        if cls.__doc__:
            schema["description"] = cls.__doc__.strip().splitlines()[0]
        return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a plan document in the current format."""
    builder = _Builder()
    plan = builder.object_schema(Plan)
    flat_nodes = []
    for cls, kind in NODE_TAGS.items():
        node = builder.object_schema(cls, {"parent": {"type": "string"}})
        node["properties"] = {"kind": {"const": kind}, **node["properties"]}
        node["required"] = ["kind", *node["required"]]
        if cls is Goal:
            node["properties"].pop("children")
        flat_nodes.append(node)
    plan["properties"] = {
        "format_version": {"const": FORMAT_VERSION},
        **plan["properties"],
        "nodes": {
            "description": "The goal tree as a flat list; each node names its parent goal.",
            "type": "array",
            "items": {"oneOf": flat_nodes},
        },
    }
    plan["required"] = ["format_version", *[r for r in plan["required"] if r != "goals"]]
    plan["oneOf"] = [{"required": ["goals"]}, {"required": ["nodes"]}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:malstyrning:plan:{FORMAT_VERSION}",
        "title": "malstyrning plan document",
        **plan,
        "$defs": dict(sorted(builder.defs.items())),
    }
