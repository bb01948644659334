"""Plan documents: JSON in and out through one cattrs converter, lossless and strict.

A document is the plan's fields plus ``format_version``. Numbers are kept exactly as
written (``4.10`` stays ``4.10``), periods are their canonical text (``"2019-T1"``), nodes
carry a ``kind`` and rules a ``type``. Unknown keys are errors, never silently dropped.

>>> from malstyrning import examples
>>> plan = examples.load("jamtland-harjedalen-2019")
>>> loads(dumps(plan)) == plan
True
>>> loads('{"format_version": 1, "id": "x"}')
Traceback (most recent call last):
...
malstyrning.errors.DocumentError: <string> could not be read as a plan: 5 problems
  - required field missing @ $.title
  - required field missing @ $.organisation
  - required field missing @ $.validity
  - required field missing @ $.levels
  - required field missing @ $.goals
"""

from __future__ import annotations

import functools
import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import cattrs
import orjson

from malstyrning._frozen import FrozenMap
from malstyrning.errors import DocumentError, MalstyrningError, Problem
from malstyrning.model import NODE_TYPES, Node, Plan
from malstyrning.periods import Period
from malstyrning.rules import (
    Change,
    Composite,
    Maintain,
    RelativeToReference,
    Rule,
    SeriesTarget,
    Threshold,
    Trajectory,
    YesNo,
)
from malstyrning.scales import BUILTIN_SCALES, Achievement, Scale

__all__ = [
    "FORMAT_VERSION",
    "dump",
    "dumps",
    "dumps_json",
    "from_document",
    "load",
    "loads",
    "make_converter",
    "to_document",
]

FORMAT_VERSION = 1
"""The document format this version of the library writes."""

_RULE_TAGS: dict[type, str] = {
    Threshold: "threshold",
    Change: "change",
    Maintain: "maintain",
    YesNo: "yes_no",
    Trajectory: "trajectory",
    RelativeToReference: "relative_to_reference",
    SeriesTarget: "series",
    Composite: "composite",
}


class _ExpectedNumber(ValueError):
    pass


def _structure_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            pass
        else:
            if number.is_finite():
                return number
    raise _ExpectedNumber(f"expected a number (got {json.dumps(value, default=str)})")


def _structure_period(value: object, _: object) -> Period:
    if isinstance(value, Period):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a period text such as '2019-T1' (got {value!r})")
    return Period.parse(value)


def _structure_date(value: object, _: object) -> date:
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError(f"expected a date 'YYYY-MM-DD' (got {value!r})")


def _structure_scale(value: object, _: object) -> Scale:
    if isinstance(value, str):
        try:
            return BUILTIN_SCALES[value]
        except KeyError:
            raise ValueError(
                f"unknown scale {value!r}; built-in scales: {', '.join(BUILTIN_SCALES)}"
            ) from None
    return _plain_converter().structure(value, Scale)


@functools.cache
def _plain_converter() -> cattrs.Converter:
    # Scales are structured by attribute; a separate converter avoids the string hook.
    converter = cattrs.Converter(forbid_extra_keys=True)
    _register_values(converter)
    return converter


def _strict(kind: type, name: str) -> Any:
    # cattrs would coerce (str(3) == "3", bool("no") is True); a document says what it means.
    def structure(value: object, _: object) -> object:
        if type(value) is not kind:
            raise ValueError(f"expected {name} (got {json.dumps(value, default=str)})")
        return value

    return structure


def _register_values(converter: cattrs.Converter) -> None:
    converter.register_structure_hook(str, _strict(str, "a text"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(
        Decimal | bool | None,
        lambda value, _: (
            value
            if value is None or isinstance(value, bool)
            else _structure_decimal(value, Decimal)
        ),
    )
    converter.register_structure_hook(
        Decimal | None, lambda value, _: None if value is None else _structure_decimal(value, _)
    )
    converter.register_unstructure_hook(Decimal, lambda value: value)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, Period.format)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_func(
        lambda t: getattr(t, "__origin__", None) is FrozenMap,
        lambda value, t: FrozenMap(
            converter.structure(value, dict[t.__args__[0], t.__args__[1]])  # type: ignore[name-defined]
        ),
    )
    converter.register_unstructure_hook_func(
        lambda t: t is FrozenMap or getattr(t, "__origin__", None) is FrozenMap,
        lambda value: {
            (k.value if isinstance(k, Achievement) else k): converter.unstructure(v)
            for k, v in value.items()
        },
    )


def make_converter() -> cattrs.Converter:
    """A new converter for every domain type (each call builds its own; none is shared).

    Attrs classes become dicts that omit default values; nodes carry ``kind`` and rules
    ``type`` tags; decimals stay :class:`~decimal.Decimal` for the JSON writer to keep exact.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    _register_values(converter)
    converter.register_structure_hook(Scale, _structure_scale)
    converter.register_unstructure_hook(
        Scale,
        lambda scale: (
            scale.key
            if BUILTIN_SCALES.get(scale.key) == scale
            else _plain_converter().unstructure(scale)
        ),
    )
    _tagged(converter, Rule, "type", _RULE_TAGS, "rule")
    _tagged(converter, Node, "kind", {cls: cls.kind for cls in NODE_TYPES}, "node")
    return converter


def _tagged(
    converter: cattrs.Converter, union: Any, tag: str, tags: dict[type, str], what: str
) -> None:
    """Hooks for a union told apart by a tag key written first (``{"type": "threshold", ...}``)."""
    by_tag = {name: cls for cls, name in tags.items()}
    expected = ", ".join(repr(name) for name in by_tag)

    def unstructure(value: Any) -> dict[str, Any]:
        return {tag: tags[type(value)], **converter.unstructure(value, type(value))}

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(f"expected a {what} object with a {tag!r} key (got {_kind(value)})")
        body = dict(value)
        name = body.pop(tag, None)
        if name not in by_tag:
            raise ValueError(f"unknown {what} {tag} {name!r} (expected one of {expected})")
        return converter.structure(body, by_tag[name])

    converter.register_unstructure_hook(union, unstructure)
    converter.register_structure_hook(union, structure)
    optional = union | None
    converter.register_unstructure_hook(
        optional, lambda value: None if value is None else unstructure(value)
    )
    converter.register_structure_hook(
        optional, lambda value, t: None if value is None else structure(value, t)
    )


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def to_document(plan: Plan) -> dict[str, Any]:
    """The plan as a document: plain dicts, lists, strings, booleans and decimals."""
    body = _converter().unstructure(plan, Plan)
    return {"format_version": FORMAT_VERSION, **body}


def from_document(document: object, *, source: str = "<document>") -> Plan:
    """A plan from a parsed document, checking every field.

    Raises:
        DocumentError: listing every problem with its path, and the source name.
    """
    if not isinstance(document, dict):
        raise DocumentError.from_problems(
            f"{source} could not be read as a plan",
            [Problem("$", f"expected an object with the plan's fields (got {_kind(document)})")],
        )
    body = dict(document)
    version = body.pop("format_version", None)
    if version != FORMAT_VERSION:
        why = (
            "missing format_version"
            if version is None
            else f"format_version {version!r} is not one this version of malstyrning reads "
            f"(it reads {FORMAT_VERSION})"
        )
        raise DocumentError.from_problems(
            f"{source} could not be read as a plan", [Problem("$.format_version", why)]
        )
    try:
        return _converter().structure(body, Plan)
    except (cattrs.BaseValidationError, MalstyrningError) as error:
        raise DocumentError.from_problems(
            f"{source} could not be read as a plan", _problems(error, "$")
        ) from None


def _problems(error: BaseException, path: str) -> list[Problem]:
    """Every problem inside a cattrs error tree, each with its document path."""
    if isinstance(error, cattrs.IterableValidationError):
        indexed, loose = error.group_exceptions()
        found = [p for inner, note in indexed for p in _problems(inner, f"{path}[{note.index!r}]")]
        return found + [p for inner in loose for p in _problems(inner, path)]
    if isinstance(error, cattrs.ClassValidationError):
        named, loose = error.group_exceptions()
        found = [p for inner, note in named for p in _problems(inner, f"{path}.{note.name}")]
        return found + [p for inner in loose for p in _problems(inner, path)]
    if isinstance(error, MalstyrningError):
        if error.problems:
            # Plan-level checks give paths from the plan's root ("$.goals[0]...").
            return [Problem(path + p.path[1:], p.message) for p in error.problems]
        return [Problem(path, error.message)]
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        return [Problem(path, f"unknown keys {keys} (check the spelling)")]
    if isinstance(error, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(error, ValueError | TypeError | ArithmeticError):
        return [Problem(path, str(error) or type(error).__name__)]
    return [Problem(path, f"{type(error).__name__}: {error}")]


def _kind(value: object) -> str:
    return {list: "a list", str: "a text", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def loads(text: str | bytes, *, source: str = "<string>") -> Plan:
    """A plan from JSON text.

    Raises:
        DocumentError: the text is not JSON, or not a valid plan; lists every problem.
    """
    try:
        document = json.loads(text, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as error:
        raise DocumentError.from_problems(
            f"{source} is not valid JSON", [Problem("$", str(error))]
        ) from None
    return from_document(document, source=source)


def load(path: str | os.PathLike[str]) -> Plan:
    """A plan from a JSON file.

    Raises:
        DocumentError: the file cannot be read or is not a valid plan (names the file).
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DocumentError.from_problems(
            f"{file} cannot be read", [Problem("", error.strerror or str(error))]
        ) from None
    return loads(data, source=str(file))


def _default(value: object) -> object:
    if isinstance(value, Decimal):
        return orjson.Fragment(str(value))
    if attrs.has(type(value)):
        return _converter().unstructure(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps_json(value: object) -> str:
    """Any unstructured value as indented JSON, decimals written exactly as they are."""
    return orjson.dumps(value, default=_default, option=orjson.OPT_INDENT_2).decode() + "\n"


def dumps(plan: Plan) -> str:
    """The plan as a JSON document.

    >>> from malstyrning import examples
    >>> '"value": 4.10' in dumps(examples.load("jamtland-harjedalen-2019"))
    True
    """
    return dumps_json(to_document(plan))


def dump(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write the plan as a JSON document to ``path``."""
    Path(path).write_text(dumps(plan), encoding="utf-8")
