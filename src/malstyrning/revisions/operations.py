"""The operations a revision holds: strike, reformulate, change a target, replace, add, move ...

Each operation is a value with an ``op`` tag (its name in documents) and a ``describe``
method that says the change in words. They are defined with the plan in
:mod:`malstyrning.model`, because a plan's history records them (a revision's operations and
the ones that undo it); this module is where to find them, with their registry by tag.

>>> OPERATION_TAGS[Strike]
'strike'
>>> sorted(OPERATION_TAGS.values())[:3]
['add', 'add_series', 'amend']
"""

from __future__ import annotations

from malstyrning.model import (
    OPERATION_TAGS,
    OPERATION_TYPES,
    Add,
    AddSeries,
    Amend,
    ChangeIndicator,
    ChangeTarget,
    Move,
    Operation,
    Reformulate,
    RemoveSeries,
    Replace,
    Strike,
)

__all__ = [
    "OPERATION_TAGS",
    "OPERATION_TYPES",
    "Add",
    "AddSeries",
    "Amend",
    "ChangeIndicator",
    "ChangeTarget",
    "Move",
    "Operation",
    "Reformulate",
    "RemoveSeries",
    "Replace",
    "Strike",
]
