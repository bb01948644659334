"""An immutable, hashable, picklable mapping for fields of frozen domain types."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any, TypeVar, cast

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that keeps insertion order and hashes by content.

    ``types.MappingProxyType`` would be simpler but cannot be pickled, and plans travel to
    worker processes.

    >>> m = FrozenMap({"sv": "grön", "en": "green"})
    >>> m["en"], len(m), m == {"sv": "grön", "en": "green"}
    ('green', 2, True)
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if type(other) is FrozenMap:
            return self._data == other._data  # dumps compare every node's with the default
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))


class DeferredMap(FrozenMap[K, V]):
    """A :class:`FrozenMap` whose items a function makes when they are first read.

    For the parameters of messages made in bulk and seldom shown (an evaluation's
    explanations): one small object instead of a dict of values until someone reads them.
    Equality, hashing, repr and pickling are a FrozenMap's, with the items made.

    >>> m = DeferredMap(lambda value: {"value": value * 2}, 21)
    >>> m == {"value": 42}, m
    (True, FrozenMap({'value': 42}))
    """

    __slots__ = ("_arguments", "_make")

    def __init__(self, make: Callable[..., dict[K, V]], *arguments: object) -> None:
        self._make = make
        self._arguments = arguments
        self._hash = None

    def __getattr__(self, name: str) -> Any:
        # Only an unset slot comes here: the items, made once.
        if name != "_data":
            raise AttributeError(name)
        data = self._data = self._make(*self._arguments)
        return data


EMPTY: FrozenMap[Any, Any] = FrozenMap()
"""The empty map, shared: fields default to it rather than to a new map per object."""


def freeze(value: Mapping[Any, Any] | None) -> FrozenMap[Any, Any]:
    """Converter for attrs fields: any mapping (or None) becomes a FrozenMap."""
    kind = value.__class__
    # The two classes by identity first: isinstance() goes through Mapping's ABC machinery,
    # and every explanation's parameters pass here.
    if kind is FrozenMap or kind is DeferredMap:
        return cast("FrozenMap[Any, Any]", value)
    if isinstance(value, FrozenMap):
        return value
    return FrozenMap(value)


def freeze_json(value: Mapping[str, Any] | None) -> FrozenMap[str, Any]:
    """Converter for extension fields: JSON objects and arrays become frozen, all the way down.

    >>> freeze_json({"tool": {"ids": [1, 2]}})["tool"]["ids"]
    (1, 2)
    """
    if value is EMPTY or value is None:
        return EMPTY  # the common case: a plan's nodes rarely carry extensions
    if not isinstance(value, Mapping):
        raise TypeError(f"extensions must be an object with string keys (got {value!r})")
    return FrozenMap({key: _frozen(item) for key, item in (value or {}).items()})


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return FrozenMap({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value


def thaw(value: Any) -> Any:
    """The plain JSON value of something frozen by :func:`freeze_json`."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [thaw(item) for item in value]
    return value
