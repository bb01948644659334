"""The one cattrs converter for every domain type, and the problem paths of its errors.

Private: :mod:`malstyrning.io` is the public face. ``make_converter()`` builds a new converter
each call; nothing global is mutated.
"""

from __future__ import annotations

import functools
import json
import typing
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, make_mapping_structure_fn

from malstyrning._bounds import number_problem
from malstyrning._frozen import FrozenMap
from malstyrning._numbers import plain_number
from malstyrning.errors import MalstyrningError, Problem
from malstyrning.model import NODE_TYPES, OPERATION_TAGS, Node, Operation
from malstyrning.periods import Period
from malstyrning.rollup import RollupPolicy, policy_document, policy_from_document
from malstyrning.rules import Rule, registry
from malstyrning.scales import BUILTIN_SCALES, Scale

RULE_TAGS: dict[type, str] = {cls: tag for tag, cls in registry().items()}
"""Every registered rule kind and its document tag."""


NODE_TAGS: dict[type, str] = {cls: cls.kind for cls in NODE_TYPES}


class _ExpectedNumber(ValueError):
    pass


def _shown(value: object, width: int = 60, *, as_repr: bool = False) -> str:
    """A value as a message quotes it (JSON-like), cut in the middle when it is long."""
    if value.__class__ is int and not as_repr:
        return str(value)  # the common case of a bad document (a number for a text), cheaply
    text = repr(value) if as_repr else json.dumps(value, default=str)
    if len(text) <= width:
        return text
    half = (width - 4) // 2
    return f"{text[:half]}…{text[-half:]} ({len(text)} characters)"


def _structure_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, Decimal) and value.is_finite():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            pass
        else:
            # A number given as text was not seen by the document's number check.
            why = number_problem(number)
            if why is not None:
                raise _ExpectedNumber(why)
            # Python reads "1_000", full-width and Arabic-Indic digits and blanks around them;
            # a document's number text is read as a constructor reads it, or refused.
            try:
                plain_number(value)
            except MalstyrningError as error:
                raise _ExpectedNumber(error.message) from None
            return number
    raise _ExpectedNumber(f"expected a number (got {_shown(value)})")


def _structure_period(value: object, _: object) -> Period:
    if type(value) is str:
        return Period.parse(value)  # the common case first: a plan holds many periods
    if isinstance(value, Period):
        return value
    if type(value) is int:
        # YAML and TOML authors write `period: 2019`; a bare year can mean nothing else.
        return Period.year(value)
    if not isinstance(value, str):
        raise ValueError(
            f"expected a period text such as '2019-T1' (got {_shown(value, as_repr=True)})"
        )
    return Period.parse(value)


def _structure_date(value: object, _: object) -> date:
    if type(value) is date:
        return value  # YAML and TOML have dates of their own
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError(f"expected a date 'YYYY-MM-DD' (got {_shown(value, as_repr=True)})")


def _structure_scale(value: object, _: object) -> Scale:
    if not isinstance(value, str | dict):
        raise ValueError(
            "expected a scale: the key of a built-in scale such as 'traffic_light', or an "
            f"object with key and levels (got {describe_kind(value)})"
        )
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
            raise ValueError(f"expected {name} (got {_shown(value)})")
        return value

    return structure


def _is_tuple_of(hint: Any) -> bool:
    arguments: tuple[Any, ...] = getattr(hint, "__args__", ())
    return (
        getattr(hint, "__origin__", None) is tuple
        and len(arguments) == 2
        and (arguments[1] is Ellipsis)
    )


def _tuple_hook(converter: cattrs.Converter) -> Any:
    # cattrs would turn any iterable into a tuple (an object's keys, a text's letters);
    # a document's lists are lists.
    # One function per tuple type, its item hook looked up on first use (after every
    # registration) and then once per tuple, not once per item: plans hold hundreds of
    # thousands of measurements.
    def factory(hint: Any) -> Any:
        item_type = hint.__args__[0]
        hooks: list[Any] = []

        def structure(value: object, _: Any) -> tuple[Any, ...]:
            if value.__class__ is not list and not isinstance(value, list | tuple):
                raise ValueError(f"expected a list (got {describe_kind(value)})")
            if not hooks:
                hooks.append(converter.get_structure_hook(item_type))
            hook = hooks[0]
            if not converter.detailed_validation:
                return tuple([hook(item, item_type) for item in value])
            items: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    items.append(hook(item, item_type))
                except Exception as error:  # collected, re-raised with its index
                    error.__notes__ = [
                        *getattr(error, "__notes__", []),
                        IterableValidationNote(f"Structuring item {index}", index, item_type),
                    ]
                    errors.append(error)
            if errors:
                raise IterableValidationError(f"While structuring {hint!r}", errors, hint)
            return tuple(items)

        return structure

    return factory


def _tuple_unstructure_hook(converter: cattrs.Converter) -> Any:
    # cattrs' generic iterable hook dispatches on every item's class; a tuple field holds one
    # type, so its hook is looked up once per field type.
    def factory(hint: Any) -> Any:
        hook = converter.get_unstructure_hook(hint.__args__[0])

        def unstructure(value: tuple[Any, ...]) -> list[Any]:
            return [hook(item) for item in value]

        return unstructure

    return factory


def _register_values(converter: cattrs.Converter) -> None:
    converter.register_structure_hook_factory(_is_tuple_of, _tuple_hook(converter))
    # For speed only: without this hook cattrs' iterable hook writes the same lists.
    # pragma: no mutate start
    converter.register_unstructure_hook_factory(_is_tuple_of, _tuple_unstructure_hook(converter))
    # pragma: no mutate end
    converter.register_structure_hook(str, _strict(str, "a text"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(int, _strict(int, "a whole number"))
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(
        Decimal | bool | None,
        lambda value, _: (
            value
            if value is None
            or isinstance(value, bool)
            or (value.__class__ is Decimal and value.is_finite())
            else _structure_decimal(value, Decimal)
        ),
    )
    # Optional decimals and texts, and maps (FrozenMap fields, achievements as keys): cattrs'
    # own hooks, built on the ones registered here, read and write them as a hook would.
    # Decimals are kept as they are (the writers handle them). For speed only: without these
    # hooks cattrs writes the same values, dispatching on each value's class.
    # pragma: no mutate start
    converter.register_unstructure_hook(Decimal, lambda value: value)
    converter.register_unstructure_hook(Decimal | bool | None, lambda value: value)
    converter.register_unstructure_hook(Decimal | None, lambda value: value)
    # pragma: no mutate end
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, Period.format)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook_factory(_is_map, _maps_only(converter))


def _is_map(hint: Any) -> bool:
    return typing.get_origin(hint) in (FrozenMap, dict)


def _objects_first(converter: cattrs.Converter, make: Any, *, named: bool) -> Any:
    """Hooks that refuse anything but an object before cattrs' own hook (``make``) reads it.

    cattrs would look keys up in whatever it is given ("argument of type 'int' is not
    iterable", "'list' object has no attribute 'items'"); a document that gives a number or
    a list where an object belongs hears that instead, with the class's name if ``named``.
    """

    def factory(hint: Any) -> Any:
        inner: Any = make(hint, converter)
        what = f"an object ({hint.__name__})" if named else "an object"

        def structure(value: Any, kind: Any) -> Any:
            if not isinstance(value, dict):
                raise ValueError(f"expected {what} (got {describe_kind(value)})")
            return inner(value, kind)

        return structure

    return factory


def _maps_only(converter: cattrs.Converter) -> Any:
    """Hooks for maps (``labels`` per locale) that refuse anything but an object."""
    return _objects_first(converter, make_mapping_structure_fn, named=False)


def _objects_only(converter: cattrs.Converter) -> Any:
    """Hooks for attrs classes that refuse anything but an object before reading fields."""
    return _objects_first(converter, make_dict_structure_fn, named=True)


def make_converter(*, detailed: bool = True) -> cattrs.Converter:
    """A new converter for every domain type (each call builds its own; none is shared).

    Attrs classes become dicts that omit default values; nodes carry ``kind`` and rules
    ``type`` tags; decimals stay :class:`~decimal.Decimal` for the JSON writer to keep exact.
    ``detailed=False`` stops at the first problem without recording where it was: faster,
    for a first attempt that a detailed converter repeats if it fails.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=detailed
    )
    # First, so that every hook registered below for a particular class takes precedence.
    converter.register_structure_hook_factory(attrs.has, _objects_only(converter))
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
    # A roll-up policy is written by its key ("majority") or as {"share": {...}}.
    converter.register_structure_hook_func(
        lambda t: t == RollupPolicy | None,
        lambda value, _: None if value is None else policy_from_document(value),
    )
    converter.register_unstructure_hook_func(
        lambda t: t == RollupPolicy | None,
        lambda value: None if value is None else policy_document(value),
    )
    _tagged(converter, Rule, "type", RULE_TAGS, ("a", "rule"))
    _tagged(converter, Node, "kind", NODE_TAGS, ("a", "node"))
    _tagged(converter, Operation, "op", OPERATION_TAGS, ("an", "operation"))
    return converter


def _tagged(
    converter: cattrs.Converter,
    union: Any,
    tag: str,
    tags: dict[type, str],
    named: tuple[str, str],
) -> None:
    """Hooks for a union told apart by a tag key written first (``{"type": "threshold", ...}``)."""
    by_tag = {name: cls for cls, name in tags.items()}
    expected = ", ".join(repr(name) for name in by_tag)
    article, what = named  # ("an", "operation")

    # Hooks are looked up once per member class, on first use (after every registration).
    unstructure_hooks: dict[type, Any] = {}
    structure_hooks: dict[str, Any] = {}

    def unstructure(value: Any) -> dict[str, Any]:
        cls = type(value)
        hook = unstructure_hooks.get(cls)  # pragma: no mutate (a cache: changes speed only)
        if hook is None:
            hook = unstructure_hooks[cls] = converter.get_unstructure_hook(cls)
        return {tag: tags[cls], **hook(value)}

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(
                f"expected {article} {what} object with a {tag!r} key (got {describe_kind(value)})"
            )
        name = value.get(tag)
        if not isinstance(name, str) or name not in by_tag:
            shown = _shown(name, as_repr=True)
            raise ValueError(f"unknown {what} {tag} {shown} (expected one of {expected})")
        body = value.copy()  # the caller's document is never changed
        del body[tag]
        hook = structure_hooks.get(name)  # pragma: no mutate (a cache: changes speed only)
        if hook is None:
            hook = structure_hooks[name] = converter.get_structure_hook(by_tag[name])
        return hook(body, by_tag[name])

    # Hooks for exactly the union (or base class), not its members: a rule kind subclasses
    # Rule, and its own attrs hook must still be found for it.
    optional = union | None
    converter.register_unstructure_hook_func(lambda t: t == union, unstructure)
    converter.register_structure_hook_func(lambda t: t == union, structure)
    converter.register_unstructure_hook_func(
        lambda t: t == optional, lambda value: None if value is None else unstructure(value)
    )
    converter.register_structure_hook_func(
        lambda t: t == optional, lambda value, t: None if value is None else structure(value, t)
    )


@functools.cache
def shared_converter(*, detailed: bool = True) -> cattrs.Converter:
    """The converter the library itself uses (built once, never changed after)."""
    return make_converter(detailed=detailed)


def problems_of(error: BaseException, path: str) -> list[Problem]:
    """Every problem inside a cattrs error tree, each with its document path."""
    if isinstance(error, cattrs.IterableValidationError):
        indexed, loose = error.group_exceptions()
        found = [
            p for inner, note in indexed for p in problems_of(inner, f"{path}[{note.index!r}]")
        ]
        return found + [p for inner in loose for p in problems_of(inner, path)]
    if isinstance(error, cattrs.ClassValidationError):
        named, loose = error.group_exceptions()
        found = [p for inner, note in named for p in problems_of(inner, f"{path}.{note.name}")]
        return found + [p for inner in loose for p in problems_of(inner, path)]
    if isinstance(error, MalstyrningError):
        if error.problems:
            # Plan-level checks give paths from the plan's root ("$.goals[0]...").
            return [Problem(path + p.path[1:], p.message) for p in error.problems]
        return [Problem(path, error.message)]
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        # Keys of any type (a YAML document may use numbers): sorted by their text.
        keys = ", ".join(sorted(map(str, error.extra_fields)))
        return [Problem(path, f"unknown keys {keys} (check the spelling)")]
    if isinstance(error, KeyError):
        return [Problem(path, "required field missing")]
    if isinstance(error, ValueError | TypeError | ArithmeticError):
        return [Problem(path, str(error) or type(error).__name__)]
    return [Problem(path, f"{type(error).__name__}: {error}")]


def describe_kind(value: object) -> str:
    names = {
        list: "a list",
        str: "a text",
        int: "a number",
        float: "a number",
        Decimal: "a number",
        type(None): "null",
        dict: "an object",
        bool: "a boolean",
    }
    return names.get(type(value), type(value).__name__)
