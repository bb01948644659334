"""Text formats for documents: JSON, YAML and TOML, all with exact decimals.

Parsing keeps every number as written (``4.10`` stays ``Decimal("4.10")``) and refuses
duplicate keys, which the parsers would otherwise resolve silently by keeping the last.
Writing keeps decimals exact: whole numbers as integers, fractions as written.
"""

from __future__ import annotations

import enum
import json
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import orjson
import tomli_w
import yaml

from malstyrning.errors import DocumentError, Problem


class Format(enum.Enum):
    """A document format, chosen by file extension."""

    JSON = "json"
    YAML = "yaml"
    TOML = "toml"


_EXTENSIONS = {
    ".json": Format.JSON,
    ".yaml": Format.YAML,
    ".yml": Format.YAML,
    ".toml": Format.TOML,
}


def format_of(path: Path) -> Format:
    """The format a file's extension names.

    Raises:
        DocumentError: the extension is none of .json, .yaml, .yml, .toml.
    """
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise DocumentError.from_problems(
            f"{path}: unknown document format",
            [Problem("", f"use a file ending in {', '.join(_EXTENSIONS)} (got {path.suffix!r})")],
        ) from None


def as_format(value: Format | str) -> Format:
    """A format from its name ("json", "yaml", "toml")."""
    if isinstance(value, Format):
        return value
    try:
        return Format(value.lower())
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise DocumentError(f"unknown document format {value!r}; use one of {names}") from None


# -- reading ---------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(f"duplicate key {key!r} in one object")
            seen.add(key)
    return result


class NonFinite(str):
    """JSON's NaN and Infinity, kept as a marker so the number check can name their path."""

    __slots__ = ()


def _non_finite(name: str) -> NonFinite:
    return NonFinite(name)


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading with exact decimals and no silent duplicate keys."""


def _yaml_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node)).replace("_", "")
    if text.lower().lstrip("+-") in {".inf", ".nan"}:
        return text  # left as text: the number check names it
    return Decimal(text)


def _yaml_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} in one mapping", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


_Loader.add_constructor("tag:yaml.org,2002:float", _yaml_decimal)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _yaml_mapping)


def parse(text: str | bytes, fmt: Format, source: str) -> Any:
    """Parse a document's text into plain values.

    Raises:
        DocumentError: the text is not valid in the format; the message gives the line and
            column, and the source.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DocumentError.from_problems(
                f"{source} is not a {fmt.value.upper()} document",
                [Problem("$", f"not UTF-8 text (byte {error.start}: {error.reason})")],
            ) from None
    try:
        if fmt is Format.JSON:
            return json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_non_finite,
                object_pairs_hook=_unique_pairs,
            )
        if fmt is Format.YAML:
            return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
        return tomllib.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        message = f"{error.msg} ({where})"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        message = f"{problem}{where}"
    except (tomllib.TOMLDecodeError, ValueError) as error:
        message = str(error)
    raise DocumentError.from_problems(
        f"{source} is not a valid {fmt.value.upper()} document", [Problem("$", message)]
    )


# -- writing ---------------------------------------------------------------------------------


def _exact(value: Any, fmt: Format, path: str) -> Any:
    """Plain values the writer can hold exactly: whole decimals as ints, big exponents as text."""
    if isinstance(value, dict):
        return {key: _exact(item, fmt, f"{path}.{key}") for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_exact(item, fmt, f"{path}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if exponent == 0:
            return int(value)
        if isinstance(exponent, int) and exponent > 0:
            return str(value)  # "1E+3": a float would change its text, an int its form
        return value
    if value is None and fmt is Format.TOML:
        raise DocumentError.from_problems(
            "TOML cannot hold this plan", [Problem(path, "TOML has no null; use JSON or YAML")]
        )
    return value


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with exact decimals."""


def _yaml_decimal_out(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


# PyYAML folds these line breaks inside single-quoted scalars and reads them back as spaces;
# double quotes escape them, so the text survives.
_YAML_BREAKS = frozenset("\x85\u2028\u2029")


def _yaml_str_out(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _YAML_BREAKS.intersection(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(Decimal, _yaml_decimal_out)
_Dumper.add_representer(str, _yaml_str_out)


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return orjson.Fragment(str(value))
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def emit(document: Any, fmt: Format) -> str:
    """Write plain values (with decimals) in the format."""
    if fmt is Format.JSON:
        return (
            orjson.dumps(document, default=_json_default, option=orjson.OPT_INDENT_2).decode()
            + "\n"
        )
    exact = _exact(document, fmt, "$")
    if fmt is Format.YAML:
        return yaml.dump(
            exact,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            width=100,
            default_flow_style=False,
        )
    return tomli_w.dumps(exact)
