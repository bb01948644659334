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
from typing import Any

import attrs

from malstyrning.errors import InvalidOperation, MalstyrningError, Problem, UnknownNode
from malstyrning.i18n import LocaleLike, translate
from malstyrning.model import Add, Goal, Indicator, Move, Node, NodeEvent, Plan, Replace, _Date
from malstyrning.periods import Period
from malstyrning.revisions._work import _apply_operations, _own
from malstyrning.revisions.apply import change_list

__all__ = [
    "as_of",
    "check_history",
    "describe_history",
    "in_force",
    "node_history",
    "versions",
]


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


def check_history(plan: Plan) -> list[Problem]:
    """Replay the plan's history: the first entry that does not hold, with its document path.

    Working back from the latest version, each entry's ``undo`` must apply to the version
    after the revision, and the revision's own operations must turn the version so rebuilt
    back into the version after it; an entry listed twice is refused. A document whose
    history was edited by hand (undo operations emptied or changed, an entry copied) would
    otherwise show a wrong earlier version for a past period.

    >>> from malstyrning import examples
    >>> from malstyrning.revisions import apply
    >>> plan = apply(examples.load("jamtland-harjedalen-2020"),
    ...              examples.load_revision("jamtland-harjedalen-2020-revision"))
    >>> check_history(plan)
    []
    >>> tampered = attrs.evolve(plan, history=[attrs.evolve(plan.history[0], undo=())])
    >>> print(check_history(tampered)[0])  # doctest: +ELLIPSIS
    the operations of revision HSN 2020-06-10 do not apply to the version before it ...
    """
    problems: list[Problem] = []
    history = plan.history
    for position, entry in enumerate(history):
        first = next(
            (index for index in range(position) if history[index] == entry),
            None,
        )
        if first is not None:
            problems.append(
                Problem(
                    f"$.history[{position}]",
                    f"revision {entry.revision.reference} is listed twice (first at "
                    f"$.history[{first}]); a revision is applied once: remove the copy",
                )
            )
    if problems:
        return problems
    later = plan
    for position in range(len(history) - 1, -1, -1):
        entry = history[position]
        reference = entry.revision.reference
        where = f"$.history[{position}]"
        try:
            earlier = _apply_operations(
                later, entry.undo, history[:position], f" undoing revision {reference}"
            )
        except MalstyrningError as error:
            why = f"the undo operations do not apply to the version after revision {reference}"
            return [Problem(f"{where}.undo", f"{why}: {_first_line(error)}")]
        try:
            redone = _apply_operations(earlier, entry.revision.operations, history[:position], "")
        except MalstyrningError as error:
            why = (
                f"the operations of revision {reference} do not apply to the version before it "
                f"(as the undo operations rebuild it): {_first_line(error)}; the history was "
                "changed after the revision was applied: apply the revision again to the "
                "earlier plan"
            )
            return [Problem(where, why)]
        if not _same_version(redone, later):
            return [
                Problem(
                    where,
                    f"the operations of revision {reference} do not turn the version before it "
                    "(as the undo operations rebuild it) into the version after it; the history "
                    "was changed after the revision was applied: apply the revision again to "
                    "the earlier plan",
                )
            ]
        later = earlier
    return []


def _first_line(error: MalstyrningError) -> str:
    return str(error).splitlines()[0]


# What a follow-up adds to a node after a revision: outcomes, reports, judgements, comments.
_FOLLOW_UP = ("measurements", "reports", "judgements", "comments")


def _structure(node: Node) -> Node:
    """The node as revisions shape it: its follow-up data left out, at every depth."""
    changes: dict[str, Any] = {name: () for name in _FOLLOW_UP if getattr(node, name, None)}
    if isinstance(node, Indicator):
        changes["series"] = tuple(attrs.evolve(s, measurements=()) for s in node.series)
    elif isinstance(node, Goal):
        changes["children"] = tuple(_structure(child) for child in node.children)
    return attrs.evolve(node, **changes) if changes else node


def _same_version(one: Plan, other: Plan) -> bool:
    # Outcomes, reports and judgements are filed after a revision without one, also on the
    # nodes it added or replaced (which undoing and redoing rebuild as the revision wrote
    # them): the replay checks what revisions decide, the plan's structure and wording.
    for field in attrs.fields(Plan):
        if not field.init or field.name == "history":
            continue
        first, second = getattr(one, field.name), getattr(other, field.name)
        if field.name == "goals":
            first = tuple(_structure(goal) for goal in first)
            second = tuple(_structure(goal) for goal in second)
        if first != second:
            return False
    return True


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


def changes_in(plan: Plan, period: Period) -> dict[str, NodeEvent]:
    """The nodes added or changed since the previous follow-up, by id: what a report marks new.

    A revision counts when it took effect after the end of the period before ``period`` and
    by the end of ``period``. A node added in place of another is ``replaces`` (``other``
    names the node it replaced); any other operation on it is ``changed``; the last
    decision wins. Struck nodes are gone from the plan, so they are not listed.

    >>> from malstyrning import examples
    >>> from malstyrning.revisions import apply
    >>> plan = apply(examples.load("jamtland-harjedalen-2020"),
    ...              examples.load_revision("jamtland-harjedalen-2020-revision"))
    >>> new = changes_in(plan, Period("2020-T2"))  # the revision took effect on 10 June
    >>> sorted(new)
    ['avtalsfoljsamhet', 'samordning-kommunerna', 'vald-fragan', 'vardgarantin']
    >>> new["vardgarantin"].change, new["vardgarantin"].other
    ('replaces', 'hog-tillganglighet')
    >>> changes_in(plan, Period("2021"))
    {}
    """
    since, until = period.previous().end, period.end
    found: dict[str, NodeEvent] = {}
    for number, entry in enumerate(plan.history, start=2):
        revision = entry.revision
        if not since < revision.in_force <= until:
            continue
        for op in revision.operations:
            if isinstance(op, Replace):
                node_id, change, other = op.by.id, "replaces", op.id
            elif isinstance(op, Add):
                node_id, change, other = op.node.id, "added", None
            else:
                node_id, change, other = op.id, "changed", None
            if node_id in plan:
                found[node_id] = NodeEvent(
                    node_id=node_id,
                    change=change,
                    version=number,
                    revision=revision,
                    operations=(op,),
                    other=other,
                )
    return found


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
