"""Reading a plan's history: earlier versions, the version in force, what happened to a node.

A plan keeps only its latest goal tree and, per revision, the operations that undo it; every
earlier version is rebuilt from those.

>>> from malstyrning import examples
>>> from malstyrning.revisions import apply
>>> plan = examples.load("jamtland-harjedalen-2020")
>>> after = apply(plan, examples.load_revision("jamtland-harjedalen-2020-revision"))
>>> as_of(after, "2020-01-01") == plan, versions(after) == (plan, after)
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from malstyrning.errors import InvalidOperation, UnknownNode
from malstyrning.i18n import LocaleLike, translate
from malstyrning.model import Add, Move, NodeEvent, Plan, Replace, _Date
from malstyrning.periods import Period
from malstyrning.revisions._work import _apply_operations, _own
from malstyrning.revisions.apply import change_list

__all__ = ["as_of", "describe_history", "in_force", "node_history", "versions"]


def _as_date(when: date | str) -> date:
    if isinstance(when, date):
        return when
    try:
        return date.fromisoformat(when)
    except ValueError:
        raise InvalidOperation(f"expected a date 'YYYY-MM-DD' (got {when!r})") from None


def _undone(plan: Plan, keep: int) -> Plan:
    current = plan
    for position in range(len(plan.history) - 1, keep - 1, -1):
        entry = plan.history[position]
        current = _apply_operations(
            current,
            entry.undo,
            plan.history[:position],
            f" undoing revision {entry.revision.reference}",
        )
    return current


def as_of(plan: Plan, when: date | str) -> Plan:
    """The plan as it stood on a date: revisions in force by then applied, later ones not.

    >>> from malstyrning import examples
    >>> plan = examples.load("jamtland-harjedalen-2020")
    >>> as_of(plan, "2020-01-01") is plan
    True
    """
    day = _as_date(when)
    keep = sum(1 for entry in plan.history if entry.revision.in_force <= day)
    if keep == len(plan.history):
        return plan
    return _undone(plan, keep)


def versions(plan: Plan) -> tuple[Plan, ...]:
    """Every version of the plan, the original first and ``plan`` itself last.

    >>> from malstyrning import examples
    >>> len(versions(examples.load("jamtland-harjedalen-2020")))
    1
    """
    found = [plan]
    for keep in range(len(plan.history) - 1, -1, -1):
        found.append(_undone(found[-1], keep))
    return tuple(reversed(found))


def in_force(plan: Plan, period: Period) -> Plan:
    """The version of the plan in force in a period: as it stood on the period's last day."""
    if not plan.history:
        return plan
    return as_of(plan, period.end)


def node_history(plan: Plan, node_id: str) -> tuple[NodeEvent, ...]:
    """When and by which decision a node was added, changed, replaced or struck.

    A node of the original plan that no revision touched has no events.

    Raises:
        UnknownNode: no version of the plan ever had the node.
    """
    every = versions(plan)
    if not any(node_id in version for version in every):
        raise UnknownNode(f"no version of plan {plan.id!r} has a node with id {node_id!r}")
    events: list[NodeEvent] = []
    for number, (before, after) in enumerate(_pairs(every), start=2):
        revision = plan.history[number - 2].revision
        mentions = tuple(
            op
            for op in revision.operations
            if op.id == node_id
            or (isinstance(op, Replace) and op.by.id == node_id)
            or (isinstance(op, Add | Move) and op.parent == node_id)
        )
        had, has = node_id in before, node_id in after
        if had and not has:
            by = next(
                (
                    op.by.id
                    for op in revision.operations
                    if isinstance(op, Replace) and op.id == node_id
                ),
                None,
            )
            change = "struck" if by is None else "replaced"
            events.append(
                NodeEvent(
                    node_id=node_id,
                    change=change,
                    version=number,
                    revision=revision,
                    operations=mentions,
                    other=by,
                )
            )
        elif has and not had:
            source = next(
                (
                    op.id
                    for op in revision.operations
                    if isinstance(op, Replace) and op.by.id == node_id
                ),
                None,
            )
            change = "added" if source is None else "replaces"
            events.append(
                NodeEvent(
                    node_id=node_id,
                    change=change,
                    version=number,
                    revision=revision,
                    operations=mentions,
                    other=source,
                )
            )
        elif had and has:
            moved = _parent_id(before, node_id) != _parent_id(after, node_id)
            if moved or _own(before[node_id]) != _own(after[node_id]):
                events.append(
                    NodeEvent(
                        node_id=node_id,
                        change="changed",
                        version=number,
                        revision=revision,
                        operations=mentions,
                    )
                )
    return tuple(events)


def _parent_id(plan: Plan, node_id: str) -> str | None:
    parent = plan.parent(node_id)
    return None if parent is None else parent.id


def _pairs(items: Sequence[Plan]) -> Iterator[tuple[Plan, Plan]]:
    for position in range(1, len(items)):
        yield items[position - 1], items[position]


def describe_history(plan: Plan, *, locale: LocaleLike) -> list[str]:
    """Every version of the plan as a heading line and its change list, for people."""
    lines = [translate("revisions.original", locale=locale)]
    every = versions(plan) if plan.history else (plan,)
    for number, entry in enumerate(plan.history, start=2):
        revision = entry.revision
        lines.append(
            translate(
                "revisions.version",
                locale=locale,
                number=number,
                reference=revision.reference,
                effective=_Date(revision.in_force),
            )
        )
        lines += [f"  - {line}" for line in change_list(every[number - 2], revision, locale=locale)]
    return lines
