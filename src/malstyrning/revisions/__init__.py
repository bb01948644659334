"""Revisions: decided changes to a plan, applied as new versions that keep the old ones.

Plans change by political decision in the middle of the year: a goal is struck, an
indicator is reworded and gets a new target, a goal is replaced by another. A
:class:`Revision` holds such a decision, its operations (values such as :class:`Strike`,
:class:`Reformulate`, :class:`ChangeTarget`, :class:`Replace`, :class:`Add`, :class:`Move`,
:class:`ChangeIndicator`, :class:`AddSeries`, :class:`RemoveSeries`, :class:`Amend`), the
body that decided it, the date and the paragraph. :func:`apply` gives the new version of
the plan; the plan keeps every earlier version in its ``history``, so a follow-up is always
read against the plan as it stood when it was made (:func:`as_of`). :func:`diff` gives the
operations that turn one version into another.

The package's modules: :mod:`~malstyrning.revisions.operations` (the operations),
:mod:`~malstyrning.revisions.apply` (applying them, and change lists in words),
:mod:`~malstyrning.revisions.diff` and :mod:`~malstyrning.revisions.history` (earlier
versions, what happened to a node). Revision documents are read and written by
:mod:`malstyrning.io` (``load_revision``, ``dumps_revision`` ...), like plans.

>>> from datetime import date
>>> from malstyrning import examples
>>> plan = examples.load("jamtland-harjedalen-2020")
>>> revision = Revision(body="HSN", decided=date(2020, 6, 10), paragraph="§ 1",
...                     operations=(Strike(id="omlokaliserade-verksamheter", cascade=True),))
>>> revised = apply(plan, revision)
>>> "omlokaliserade-verksamheter" in revised, revised.version, revision.reference
(False, 2, 'HSN 2020-06-10 § 1')
>>> as_of(revised, date(2020, 6, 9)) == plan
True
>>> [op.op for op in diff(plan, revised)]
['strike']
"""

from __future__ import annotations

from malstyrning.errors import (
    AlreadyStruck,
    InvalidOperation,
    RevisionOutOfOrder,
    UnconvertedUnitChange,
    WouldCreateCycle,
)
from malstyrning.model import HistoryEntry, NodeEvent, Revision
from malstyrning.revisions.apply import apply, change_list
from malstyrning.revisions.diff import diff
from malstyrning.revisions.history import (
    as_of,
    changes_in,
    check_history,
    describe_history,
    in_force,
    node_history,
    versions,
)
from malstyrning.revisions.operations import (
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
    "AlreadyStruck",
    "Amend",
    "ChangeIndicator",
    "ChangeTarget",
    "HistoryEntry",
    "InvalidOperation",
    "Move",
    "NodeEvent",
    "Operation",
    "Reformulate",
    "RemoveSeries",
    "Replace",
    "Revision",
    "RevisionOutOfOrder",
    "Strike",
    "UnconvertedUnitChange",
    "WouldCreateCycle",
    "apply",
    "as_of",
    "change_list",
    "changes_in",
    "check_history",
    "describe_history",
    "diff",
    "in_force",
    "node_history",
    "versions",
]
