"""Embedded example plans, transcribed from real public documents, loaded by name.

>>> names()
['jamtland-harjedalen-2019', 'jamtland-harjedalen-2020', 'vasternorrland-2022']
>>> revision_names()
['jamtland-harjedalen-2020-revision']
>>> load("vasternorrland-2022").organisation
'Region Västernorrland'
"""

from __future__ import annotations

from importlib import resources

from malstyrning.errors import UnknownExample
from malstyrning.io import loads, loads_revision
from malstyrning.model import Plan, Revision

__all__ = ["load", "load_revision", "names", "revision_names"]


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
        if name in revision_names():
            raise UnknownExample(
                f"{name!r} is an embedded revision, not a plan; load it with "
                f"examples.load_revision({name!r})"
            )
        raise UnknownExample.for_name(name, names())
    text = (_folder() / f"{name}.json").read_text(encoding="utf-8")
    return loads(text, source=f"example {name!r}")


def revision_names() -> list[str]:
    """The names of the embedded revisions (decisions that change an example plan), sorted."""
    folder = _folder() / "revisions"
    return sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".json"))


def load_revision(name: str) -> Revision:
    """The embedded revision called ``name``.

    >>> load_revision("jamtland-harjedalen-2020-revision").plan
    'jamtland-harjedalen-2020'

    Raises:
        UnknownExample: no revision has that name (the message lists those that exist).
    """
    if name not in revision_names():
        raise UnknownExample.for_name(name, revision_names())
    text = (_folder() / "revisions" / f"{name}.json").read_text(encoding="utf-8")
    return loads_revision(text, source=f"example {name!r}")
