"""Embedded example plans, transcribed from real public documents, loaded by name.

>>> names()
['jamtland-harjedalen-2019', 'vasternorrland-2022']
>>> load("vasternorrland-2022").organisation
'Region Västernorrland'
"""

from __future__ import annotations

from importlib import resources

from malstyrning.errors import UnknownExample
from malstyrning.io import loads
from malstyrning.model import Plan

__all__ = ["load", "names"]


def _folder() -> resources.abc.Traversable:
    return resources.files("malstyrning.examples") / "data"


def names() -> list[str]:
    """The names of the embedded examples, sorted."""
    return sorted(entry.name[:-5] for entry in _folder().iterdir() if entry.name.endswith(".json"))


def load(name: str) -> Plan:
    """The embedded example plan called ``name``.

    Raises:
        UnknownExample: no example has that name (the message lists those that exist).
    """
    if name not in names():
        raise UnknownExample.for_name(name, names())
    text = (_folder() / f"{name}.json").read_text(encoding="utf-8")
    return loads(text, source=f"example {name!r}")
