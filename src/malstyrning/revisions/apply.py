"""Applying a decision to a plan: the new version, with the revision in its history.

>>> from malstyrning import examples
>>> plan = examples.load("jamtland-harjedalen-2020")
>>> decision = examples.load_revision("jamtland-harjedalen-2020-revision")
>>> apply(plan, decision).version
2
"""

from __future__ import annotations

from collections.abc import Sequence

from malstyrning.errors import InvalidOperation, RevisionOutOfOrder
from malstyrning.i18n import LocaleLike
from malstyrning.model import HistoryEntry, Operation, Plan, Revision
from malstyrning.revisions._work import _Applier, _apply_operations
from malstyrning.revisions.diff import _diff

__all__ = ["apply", "change_list"]


def apply(plan: Plan, change: Revision | Sequence[Operation]) -> Plan:
    """The plan after a revision (a new version, with history) or after bare operations.

    Applying a :class:`Revision` records it in the new plan's ``history``, with what undoes
    it; bare operations change the goal tree and nothing else. The plan given is never
    changed: values are immutable.

    Raises:
        UnknownNode: an operation names a node the plan does not have.
        AlreadyStruck: it names a node an earlier decision (or operation) struck.
        WouldCreateCycle: a move would put a goal under itself.
        UnconvertedUnitChange: a unit change would leave outcomes in the old unit.
        RevisionOutOfOrder: the revision takes effect before the latest one applied.
        InvalidOperation: any other operation that does not fit the plan, or a result
            that would not be a valid plan (the message lists every problem).

    >>> from malstyrning import examples
    >>> from malstyrning.revisions import Reformulate
    >>> plan = examples.load("jamtland-harjedalen-2020")
    >>> apply(plan, [Reformulate(id="effektiva-inkop", title="Effektivare inköp")])[
    ...     "effektiva-inkop"].title
    'Effektivare inköp'
    """
    if not isinstance(change, Revision):
        return _apply_operations(plan, tuple(change), plan.history, "")
    revision = change
    where = f" of revision {revision.reference}"
    if revision.plan is not None and revision.plan != plan.id:
        raise InvalidOperation(
            f"revision {revision.reference} is for plan {revision.plan!r}, not {plan.id!r}"
        )
    if plan.history and revision.in_force < plan.history[-1].revision.in_force:
        latest = plan.history[-1].revision
        raise RevisionOutOfOrder(
            f"revision {revision.reference} takes effect {revision.in_force}, before "
            f"{latest.reference} ({latest.in_force}) already applied; apply revisions in the "
            "order they take effect"
        )
    after = _apply_operations(plan, revision.operations, plan.history, where)
    undo = tuple(_diff(after, plan, {}))
    # The same goal tree with one more history entry: nothing to index or check again.
    entry = HistoryEntry(revision=revision, undo=undo)
    return Plan.from_changes(after, goals=after.goals, history=(*plan.history, entry))


def change_list(
    plan: Plan, operations: Sequence[Operation] | Revision, *, locale: LocaleLike
) -> list[str]:
    """The operations as sentences for people, naming the nodes of the plan they apply to.

    >>> from malstyrning import examples
    >>> from malstyrning.revisions import Strike
    >>> plan = examples.load("jamtland-harjedalen-2020")
    >>> change_list(plan, [Strike(id="omlokaliserade-verksamheter", cascade=True)], locale="en")
    ['Goal “Omlokaliserade verksamheter” is struck']
    """
    if isinstance(operations, Revision):
        operations = operations.operations
    applier = _Applier(plan, "")
    lines = []
    for applier.index, operation in enumerate(operations):
        text = operation.describe(applier.work.lookup).render(locale=locale)
        lines.append(text[:1].upper() + text[1:])
        applier.apply(operation)
    return lines
