"""Text formats for documents: JSON, YAML and TOML, all with exact decimals.

Parsing keeps every number as written (``4.10`` stays ``Decimal("4.10")``) and refuses
duplicate keys, which the parsers would otherwise resolve silently by keeping the last.
Writing keeps decimals exact: whole numbers as integers, fractions as written.

Reading is bounded (:class:`DocumentLimits`): nesting is measured before a recursive parser
sees it, YAML aliases are counted on the composed node graph before anything is expanded
(a check that works the same behind the C loader), and every value is checked once
(:func:`check_values`) so that what loads can be computed with exactly and written back in
every format.
"""

from __future__ import annotations

import enum
import io
import json
import re
import tomllib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import orjson
import tomli_w
import yaml

from malstyrning._bounds import not_finite, number_problem

try:
    # tomllib's parser, compiled with mypyc: about three times as fast, the same messages.
    import tomli as _toml
except ImportError:  # pragma: no cover - a dependency; the standard library's is the same
    import tomllib as _toml  # type: ignore[no-redef]
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


# -- limits ----------------------------------------------------------------------------------


def _positive_up_to(ceiling: int) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not int or not 1 <= value <= ceiling:
            raise ValueError(
                f"{attribute.name} must be a whole number from 1 to {ceiling} (got {value!r})"
            )

    return check


@attrs.frozen(kw_only=True)
class DocumentLimits:
    """How much work one document may ask for; past a limit it is refused, never expanded.

    The defaults lie far above real plans (which have two to six goal levels); raise them for
    a generated document that needs more. The ceilings are what every reader and writer of
    the library handles without running out of stack.

    Attributes:
        max_depth: goal levels in the goal tree (a goal's children's goals are one deeper).
        max_nesting: lists and objects inside one another, anywhere in the document.
        max_alias_nodes: YAML only: the values all aliases together stand for, counted on the
            node graph before any alias is expanded.

    >>> DocumentLimits().max_depth
    48
    >>> DocumentLimits(max_depth=1000)
    Traceback (most recent call last):
    ...
    ValueError: max_depth must be a whole number from 1 to 60 (got 1000)
    """

    max_depth: int = attrs.field(default=48, validator=_positive_up_to(60))
    max_nesting: int = attrs.field(default=128, validator=_positive_up_to(160))
    max_alias_nodes: int = attrs.field(default=10_000, validator=_positive_up_to(1_000_000))


DEFAULT_LIMITS = DocumentLimits()


def _problem(source: str, fmt: Format, path: str, message: str) -> DocumentError:
    return DocumentError.from_problems(
        f"{source} is not a valid {fmt.value.upper()} document", [Problem(path, message)]
    )


def shorten(value: object, width: int = 60) -> str:
    """A value as a message shows it: its repr, cut in the middle when longer than ``width``.

    >>> shorten("x" * 100, width=20)
    "'xxxxxxx…xxxxxxx' (102 characters)"
    """
    text = repr(value)
    if len(text) <= width:
        return text
    half = (width - 4) // 2
    return f"{text[:half]}…{text[-half:]} ({len(text)} characters)"


# -- reading ---------------------------------------------------------------------------------


class _DuplicateKey(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(f"duplicate key {shorten(key)} in one object")
            seen.add(key)
    return result


class NonFinite(str):
    """NaN and infinity (JSON's NaN, YAML's .nan), kept as a marker so the check names them."""

    __slots__ = ()


def _non_finite(name: str) -> NonFinite:
    return NonFinite(name)


# Strings and comments cannot hold brackets that nest; everything else that opens or closes a
# list or an object counts. TOML's table headers open and close on one line.
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]')
_TOML_TOKENS = re.compile(
    r'"""[\s\S]*?(?:"""|$)|\'\'\'[\s\S]*?(?:\'\'\'|$)|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?'
    r"|#[^\n]*|[\[\]{}]"
)
# YAML: quotes open only where a scalar can start, comments after blanks. A bracket inside a
# plain scalar counts too; only more than max_nesting unclosed ones could mislead the count.
# Needed because PyYAML's scanner is quadratic on deep flow nesting before any event is
# composed (100 000 "[" take minutes).
_YAML_TOKENS = re.compile(
    r'(?<![^\s\[{,:])"(?:[^"\\]|\\.)*"?|(?<![^\s\[{,:])\'[^\']*\'?|(?<!\S)#[^\n]*|[\[\]{}]'
)


def _nesting_before_parsing(text: str, tokens: re.Pattern[str], limit: int) -> int | None:
    """Where nesting first passes ``limit`` (an offset), or None; linear, no recursion."""
    if text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for match in tokens.finditer(text):
        bracket = match.group()
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif bracket in "]}":
            depth -= 1
    return None


def _line_and_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


class _LimitExceeded(yaml.YAMLError):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.problem = message
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """YAML 1.1 safe loading with exact decimals, no silent duplicate keys, bounded nesting."""

    max_nesting = DEFAULT_LIMITS.max_nesting

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._open = 0

    def _enter(self) -> None:
        # The composer recurses once per level: stop before the stack does.
        self._open += 1
        if self._open > self.max_nesting:
            raise _LimitExceeded(
                f"lists and objects nest deeper than {self.max_nesting} levels "
                "(the limit is DocumentLimits.max_nesting)",
                self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )

    def compose_sequence_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_sequence_node(anchor)
        finally:
            self._open -= 1

    def compose_mapping_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_mapping_node(anchor)
        finally:
            self._open -= 1


def check_aliases(root: yaml.Node, limit: int) -> None:
    """Refuse a YAML node graph whose aliases stand for more than ``limit`` values, or itself.

    Works on the composed nodes (shared, not yet expanded), iteratively: an alias bomb of a
    few hundred bytes is refused in microseconds, whichever loader composed it.

    Raises:
        yaml.YAMLError: with the mark of the alias that passed the limit.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    expanded = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            # Still in open_nodes, harmlessly: a finished node is found in sizes first.
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            # Met again: an alias (or a repeated anchor), standing for all of its values.
            expanded += sizes[key]
            if expanded > limit:
                raise _LimitExceeded(
                    f"aliases stand for more than {limit} values (an alias bomb?); the limit "
                    "is DocumentLimits.max_alias_nodes",
                    node.start_mark,
                )
            continue
        if key in open_nodes:
            raise _LimitExceeded("an alias refers to the list or object it is in", node.start_mark)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []


_PLAIN_YAML_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_PLAIN_YAML_FLOAT = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _unusual_number(node: yaml.ScalarNode, text: str) -> Any:
    # YAML 1.1 reads 1:20 as 80, 010 as 8 and 1_000 as 1000; YAML 1.2 and people read them
    # otherwise. Ambiguous: refused, never guessed.
    raise yaml.constructor.ConstructorError(
        None,
        None,
        f"{text!r} is a number only in YAML 1.1's reading (base 60, octal, hexadecimal or "
        "with '_'); write plain decimal digits, or quote it to keep it as text",
        node.start_mark,
    )


def _yaml_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if text.lower().lstrip("+-") in {".inf", ".nan"}:
        return NonFinite(text)  # a marker: the value check names it
    if not _PLAIN_YAML_FLOAT.fullmatch(text):
        return _unusual_number(node, text)
    return Decimal(text)


def _yaml_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    text = str(loader.construct_scalar(node))
    if not _PLAIN_YAML_INT.fullmatch(text):
        return _unusual_number(node, text)
    return int(text)


def _yaml_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        try:
            new = key not in seen
        except TypeError:  # a list or an object as a key: the value check names it
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a text (got a list or an object)", key_node.start_mark
            ) from None
        if not new:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {shorten(key)} in one mapping", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


def _yaml_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    # PyYAML's own constructor fails with AttributeError on a timestamp its resolver did
    # not pick (an explicit !!timestamp tag on other text): said here as a YAML error.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (AttributeError, ValueError, OverflowError) as error:
        raise yaml.constructor.ConstructorError(
            None, None, f"not a date or time: {shorten(node.value)} ({error})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:float", _yaml_decimal)
_Loader.add_constructor("tag:yaml.org,2002:int", _yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _yaml_mapping)


def _load_yaml(text: str, limits: DocumentLimits) -> Any:
    read, data = _load_yaml_c(text, limits)
    if read:
        return data
    loader = _Loader(text)
    loader.max_nesting = limits.max_nesting
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_aliases(node, limits.max_alias_nodes)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse(
    text: str | bytes, fmt: Format, source: str, limits: DocumentLimits = DEFAULT_LIMITS
) -> Any:
    """Parse a document's text into plain values, checked by :func:`check_values`.

    Raises:
        DocumentError: the text is not valid in the format, nests too deep, or holds a value
            no format can carry; the message gives the line and column or the path, and
            the source.
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise DocumentError.from_problems(
                f"{source} is not a {fmt.value.upper()} document",
                [Problem("$", f"not UTF-8 text (byte {error.start}: {error.reason})")],
            ) from None
    tokens = {Format.JSON: _JSON_TOKENS, Format.TOML: _TOML_TOKENS, Format.YAML: _YAML_TOKENS}
    offset = _nesting_before_parsing(text, tokens[fmt], limits.max_nesting)
    if offset is not None:
        raise _problem(
            source,
            fmt,
            "$",
            f"lists and objects nest deeper than {limits.max_nesting} levels "
            f"({_line_and_column(text, offset)}); the limit is DocumentLimits.max_nesting",
        )
    try:
        if fmt is Format.JSON:
            data = json.loads(
                text,
                parse_float=Decimal,
                parse_constant=_non_finite,
                object_pairs_hook=_unique_pairs,
            )
        elif fmt is Format.YAML:
            data = _load_yaml(text, limits)
        else:
            data = _toml.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        message = f"{error.msg} ({where})"
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        message = f"{problem}{where}"
    except (_toml.TOMLDecodeError, tomllib.TOMLDecodeError, ValueError, ArithmeticError) as error:
        message = str(error) or type(error).__name__
    except RecursionError:  # a last guard: nesting is measured before parsing
        message = f"lists and objects nest deeper than {limits.max_nesting} levels"
    else:
        problems = check_values(data, limits)
        if problems:
            raise DocumentError.from_problems(
                f"{source} holds values malstyrning cannot carry", problems
            )
        return data
    raise DocumentError.from_problems(
        f"{source} is not a valid {fmt.value.upper()} document", [Problem("$", message)]
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str):
        # A key with a lone surrogate could not even be printed: shown escaped.
        printable = key.isascii() or not _SURROGATE.search(key)
        return f"{path}.{key}" if printable else path + ascii([key])
    return f"{path}[{shorten(key)}]"


def check_values(data: Any, limits: DocumentLimits = DEFAULT_LIMITS) -> list[Problem]:
    """Every value no format can carry or the library cannot compute with exactly.

    Iterative (any depth): keys that are not texts, texts with lone surrogates, numbers
    outside the bounds of :mod:`malstyrning._bounds`, NaN and infinity,
    nesting past ``limits.max_nesting``, and under ``extensions`` any value that would change
    type in another format (null, dates, times, binary, sets).

    >>> for problem in check_values({"extensions": {"when": None}, "value": 10**20}):
    ...     print(problem)  # doctest: +ELLIPSIS
    the number '100000000000000000000' is out of bounds: ... @ $.value
    null cannot be carried in every format (TOML has no null); leave the key out @ $.extensions.when
    """
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int, bool]] = [(data, "$", 0, False)]
    while stack:
        value, path, depth, extension = stack.pop()
        kind = value.__class__
        if kind is str:
            if not value.isascii() and _SURROGATE.search(value):
                problems.append(
                    Problem(path, "the text holds a lone surrogate (not Unicode text); fix it")
                )
            continue
        if kind is dict:
            if depth >= limits.max_nesting:
                problems.append(Problem(path, _too_deep(limits)))
                continue
            for key, item in value.items():
                where = _key_path(path, key)
                if key.__class__ is not str:
                    problems.append(Problem(where, f"a key must be a text (got {shorten(key)})"))
                    continue
                if not key.isascii() and _SURROGATE.search(key):
                    problems.append(Problem(where, "the key holds a lone surrogate; fix it"))
                stack.append((item, where, depth + 1, extension or key == "extensions"))
            continue
        if kind is list:
            if depth >= limits.max_nesting:
                problems.append(Problem(path, _too_deep(limits)))
                continue
            stack.extend(
                (item, f"{path}[{index}]", depth + 1, extension) for index, item in enumerate(value)
            )
            continue
        if kind is bool:
            continue
        if kind is int or kind is Decimal:
            why = number_problem(value)
            if why:
                problems.append(Problem(path, why))
            continue
        if isinstance(value, NonFinite):
            problems.append(Problem(path, not_finite(value)))
            continue
        if extension:
            problems.append(Problem(path, _not_portable(value)))
    return problems


def _too_deep(limits: DocumentLimits) -> str:
    return (
        f"lists and objects nest deeper than {limits.max_nesting} levels; the limit is "
        "DocumentLimits.max_nesting"
    )


def _not_portable(value: object) -> str:
    if value is None:
        return "null cannot be carried in every format (TOML has no null); leave the key out"
    if isinstance(value, datetime | date | time):
        return (
            f"a {type(value).__name__} ({shorten(value.isoformat())}) cannot be carried in every "
            "format (JSON has none); write it as text, in quotes"
        )
    if isinstance(value, bytes | bytearray):
        return "binary data cannot be carried in every format; write it as text (base64)"
    if isinstance(value, set | frozenset):
        return "a set cannot be carried in every format; write it as a list"
    return f"a {type(value).__name__} cannot be carried in every format"


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
        # "1E+3" stays a decimal: YAML writes it as !!float '1E+3', TOML as 1e+3.
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


# -- LibYAML: the same documents, read and written in C ------------------------------------
#
# PyYAML's C classes parse, compose and emit through LibYAML; the constructors, representers
# and checks above stay in Python and are shared. Whatever the C path does not take as it
# is (a character PyYAML reads otherwise, any error) goes through the Python classes, so
# that every message, with its line and column, is PyYAML's as before.

_C_YAML = getattr(yaml, "__with_libyaml__", False)

# Characters PyYAML refuses (its Reader's check) or reads as line breaks; LibYAML may differ.
_PYTHON_YAML_ONLY = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _cached_resolve(resolve: Any) -> Any:
    """A loader's or dumper's ``resolve``, remembered per plain scalar (keys repeat)."""

    def cached(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return resolve(self, kind, value, implicit)
        key = (value, implicit)
        tags = self._tags
        tag = tags.get(key)
        if tag is None:
            tag = tags[key] = resolve(self, kind, value, implicit)
        return tag

    return cached


if _C_YAML:

    class _CLoader(yaml.CSafeLoader):
        """:class:`_Loader` through LibYAML (nesting is checked after composing)."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self._tags: dict[Any, str] = {}

        resolve = _cached_resolve(yaml.CSafeLoader.resolve)

    _CLoader.add_constructor("tag:yaml.org,2002:float", _yaml_decimal)
    _CLoader.add_constructor("tag:yaml.org,2002:int", _yaml_int)
    _CLoader.add_constructor("tag:yaml.org,2002:timestamp", _yaml_timestamp)
    _CLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _yaml_mapping)

    class _CDumper(yaml.CSafeDumper):
        """:class:`_Dumper` through LibYAML."""

        def __init__(self, stream: Any, **options: Any) -> None:
            super().__init__(stream, **options)
            self._tags: dict[Any, str] = {}

        resolve = _cached_resolve(yaml.CSafeDumper.resolve)

    # The representers take any dumper of PyYAML's API; the stubs know them as SafeDumper's.
    _CDumper.add_representer(Decimal, _yaml_decimal_out)  # type: ignore[arg-type]
    _CDumper.add_representer(str, _yaml_str_out)  # type: ignore[arg-type]


def _nests_deeper(root: yaml.Node, limit: int) -> bool:
    """Whether composed collections nest deeper than ``limit``, each where it lies deepest.

    A node that aliases stand for is walked again only where it lies deeper than before
    (an anchor may lie deeper than an alias met first): at most ``limit`` walks per node,
    never the expansion's size.
    """
    deepest: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    collection = (yaml.SequenceNode, yaml.MappingNode)
    while stack:
        node, depth = stack.pop()
        if deepest.get(id(node), 0) >= depth:
            continue
        deepest[id(node)] = depth
        if depth > limit:
            return True
        if node.__class__ is yaml.SequenceNode:
            children = node.value
        elif node.__class__ is yaml.MappingNode:
            children = [item for pair in node.value for item in pair]
        else:
            continue
        stack.extend((child, depth + 1) for child in children if isinstance(child, collection))
    return False


def _load_yaml_c(text: str, limits: DocumentLimits) -> tuple[bool, Any]:
    """(True, the data) read through LibYAML, or (False, None) where PyYAML must read it."""
    if not _C_YAML or _PYTHON_YAML_ONLY.search(text):
        return False, None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return True, None
        if _nests_deeper(node, limits.max_nesting):
            return False, None
        if "&" in text:  # without an anchor there is no alias to count
            check_aliases(node, limits.max_alias_nodes)
        return True, loader.construct_document(node)
    except yaml.YAMLError:
        return False, None  # PyYAML gives the error, in its words and at its place
    finally:
        loader.dispose()


_STR, _INT, _BOOL, _NULL, _FLOAT = (
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "bool", "null", "float")
)


def _yaml_node(dumper: Any, value: Any) -> yaml.Node:
    """The node the dumper's representers give, built directly for plain values.

    The values come from :func:`_exact`, which makes every list and object anew, so there
    is nothing to alias; anything unusual goes through the representers.
    """
    kind = value.__class__
    if kind is str:
        if _YAML_BREAKS.intersection(value):
            return yaml.ScalarNode(_STR, value, style='"')
        return yaml.ScalarNode(_STR, value)
    if kind is dict:
        return yaml.MappingNode(
            "tag:yaml.org,2002:map",
            [(_yaml_node(dumper, k), _yaml_node(dumper, v)) for k, v in value.items()],
            flow_style=False,
        )
    if kind is list:
        return yaml.SequenceNode(
            "tag:yaml.org,2002:seq", [_yaml_node(dumper, item) for item in value], flow_style=False
        )
    if kind is Decimal:
        return yaml.ScalarNode(_FLOAT, str(value))
    if kind is int:
        return yaml.ScalarNode(_INT, str(value))
    if kind is bool:
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if value is None:
        return yaml.ScalarNode(_NULL, "null")
    return dumper.represent_data(value)  # type: ignore[no-any-return]


_YAML_OPTIONS: dict[str, Any] = {
    "allow_unicode": True,
    "sort_keys": False,
    "width": 100,
    "default_flow_style": False,
}


def _dump_yaml(exact: Any) -> str:
    if not _C_YAML:
        text: str = yaml.dump(exact, Dumper=_Dumper, **_YAML_OPTIONS)
        return text
    stream = io.StringIO()
    dumper = _CDumper(stream, **_YAML_OPTIONS)
    try:
        dumper.open()
        dumper.serialize(_yaml_node(dumper, exact))
        dumper.close()
    finally:
        dumper.dispose()
    return stream.getvalue()


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
        return _dump_yaml(exact)
    return tomli_w.dumps(exact)
