"""Applying operations: a plan being changed, and the checks that name the failing operation.

Private: :mod:`malstyrning.revisions.apply` applies decisions with it, :mod:`.diff` replays the
operations it derives on it, and :mod:`.history` undoes revisions with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any, cast

import attrs

from malstyrning.errors import (
    AlreadyStruck,
    InvalidOperation,
    MalstyrningError,
    Problem,
    UnconvertedUnitChange,
    UnknownNode,
    WouldCreateCycle,
)
from malstyrning.model import (
    Add,
    AddSeries,
    ChangeIndicator,
    ChangeTarget,
    Goal,
    HistoryEntry,
    Indicator,
    Move,
    Node,
    Operation,
    Plan,
    Reformulate,
    RemoveSeries,
    Replace,
    Strike,
)

_ID_OF = attrgetter("id")


def _subtree(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Goal):
        for child in node.children:
            yield from _subtree(child)


def _has_values(node: Indicator) -> bool:
    return any(m.value is not None for series in node.series for m in series.measurements)


class _Work:
    """A plan being changed: overrides on top of the unchanged plan, rebuilt at the end.

    Only the nodes an operation touches, and their ancestors, are copied: applying one
    operation costs the depth of the tree and the width of the goals it changes.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.nodes: dict[str, Node] = {}
        self.kids: dict[str | None, list[str]] = {}
        self.parents: dict[str, str | None] = {}
        self.gone: set[str] = set()
        self.dirty: set[str | None] = set()
        self.struck: dict[str, int] = {}
        self.needs_target: dict[str, int] = {}

    # -- reading the current state

    def has(self, node_id: str | None) -> bool:
        if node_id is None:
            return True
        return node_id not in self.gone and (node_id in self.nodes or node_id in self.plan)

    def node(self, node_id: str) -> Node:
        found = self.nodes.get(node_id)
        return found if found is not None else self.plan[node_id]

    def lookup(self, node_id: str) -> Node | None:
        return self.node(node_id) if self.has(node_id) else None

    def parent(self, node_id: str) -> str | None:
        if node_id in self.parents:
            return self.parents[node_id]
        parent = self.plan.parent(node_id)
        return None if parent is None else parent.id

    def children(self, parent: str | None) -> list[str]:
        if parent in self.kids:
            return self.kids[parent]
        if parent is None:
            return list(map(_ID_OF, self.plan.goals))
        node = self.node(parent)
        return list(map(_ID_OF, node.children)) if isinstance(node, Goal) else []

    def editable(self, parent: str | None) -> list[str]:
        if parent not in self.kids:
            self.kids[parent] = list(self.children(parent))
        self.dirty.add(parent)
        return self.kids[parent]

    def descendants(self, node_id: str) -> Iterator[str]:
        for child in self.children(node_id):
            yield child
            yield from self.descendants(child)

    # -- changing it

    def set_node(self, node: Node) -> None:
        self.nodes[node.id] = node
        self.dirty.add(node.id)

    def detach(self, node_id: str) -> tuple[str | None, int]:
        parent = self.parent(node_id)
        siblings = self.editable(parent)
        index = siblings.index(node_id)
        del siblings[index]
        return parent, index

    def attach(self, node_id: str, parent: str | None, position: int | None) -> None:
        siblings = self.editable(parent)
        siblings.insert(len(siblings) if position is None else position, node_id)
        self.parents[node_id] = parent

    def register(self, node: Node, parent: str | None) -> None:
        # Children of registered goals are read from the nodes themselves.
        self.parents[node.id] = parent
        for member in _subtree(node):
            self.nodes[member.id] = member
            self.gone.discard(member.id)
            self.kids.pop(member.id, None)
            if isinstance(member, Goal):
                for child in member.children:
                    self.parents[child.id] = member.id

    def build(self, history: tuple[HistoryEntry, ...]) -> Plan:
        need: set[str] = set()
        top = None in self.dirty
        for start in self.dirty:
            if start is None or not self.has(start):
                continue
            current: str | None = start
            while current is not None and current not in need:
                need.add(current)
                current = self.parent(current)
            if current is None:
                top = True
        made: dict[str, Node] = {}
        changed_under: dict[str | None, list[str]] = {}
        for node_id in need:
            changed_under.setdefault(self.parent(node_id), []).append(node_id)

        def rebuilt(parent: str | None, children: tuple[Node, ...]) -> tuple[Node, ...]:
            if parent in self.kids:
                return tuple(make(child) for child in self.children(parent))
            # Children not edited as a list: the same objects, but for the few changed below
            # (found by a search in C, so that a wide goal costs little).
            result = list(children)
            ids = list(map(_ID_OF, children))
            for node_id in changed_under.get(parent, ()):
                result[ids.index(node_id)] = make(node_id)
            return tuple(result)

        def make(node_id: str) -> Node:
            node = self.node(node_id)
            if node_id not in need or not isinstance(node, Goal):
                return node
            node = attrs.evolve(node, children=rebuilt(node_id, node.children))
            made[node_id] = node
            return node

        goals = cast("tuple[Goal, ...]", rebuilt(None, self.plan.goals)) if top else self.plan.goals
        # Only what changed goes into the new plan's index; the rest is shared with the old.
        placed = {
            node_id: (
                made[node_id] if node_id in made else self.node(node_id),
                self.parent(node_id),
            )
            for node_id in need | self.nodes.keys() | self.parents.keys()
            if self.has(node_id)
        }
        removed = {node_id for node_id in self.gone if node_id not in placed}
        return Plan.from_changes(
            self.plan,
            goals=goals,
            history=history,
            placed=placed,
            removed=removed,
            changed=self.nodes.keys(),
        )


def _describe_op(operation: Operation) -> str:
    return f"{operation.op} {operation.id!r}"


def _struck_before(plan: Plan, node_id: str) -> str | None:
    """The reference of the revision that took ``node_id`` out of the plan, if one did."""
    for entry in reversed(plan.history):
        for undo in entry.undo:
            restored = (
                undo.node
                if isinstance(undo, Add)
                else undo.by
                if isinstance(undo, Replace)
                else None
            )
            if restored is not None and any(n.id == node_id for n in _subtree(restored)):
                return entry.revision.reference
    return None


class _Applier:
    def __init__(self, plan: Plan, where: str) -> None:
        self.work = _Work(plan)
        self.where = where
        self.index = 0
        self.operation: Operation | None = None

    def fail(self, kind: type[MalstyrningError], message: str) -> MalstyrningError:
        assert self.operation is not None
        context = f"operation {self.index + 1} ({_describe_op(self.operation)}){self.where}"
        return kind(
            f"cannot apply {context}: {message}",
            problems=(Problem(f"$.operations[{self.index}]", message),),
        )

    def existing(self, node_id: str) -> Node:
        work = self.work
        if work.has(node_id):
            return work.node(node_id)
        if node_id in work.struck:
            raise self.fail(
                AlreadyStruck,
                f"{node_id!r} was struck by operation {work.struck[node_id] + 1} of this revision",
            )
        reference = _struck_before(work.plan, node_id)
        if reference is not None:
            raise self.fail(AlreadyStruck, f"{node_id!r} was struck by {reference}")
        raise self.fail(UnknownNode, f"no node with id {node_id!r} in plan {work.plan.id!r}")

    def goal(self, node_id: str | None) -> None:
        if node_id is None:
            return
        node = self.existing(node_id)
        if not isinstance(node, Goal):
            raise self.fail(
                InvalidOperation, f"{node_id!r} is {node.kind} and cannot have children"
            )

    def indicator(self, node_id: str) -> Indicator:
        node = self.existing(node_id)
        if not isinstance(node, Indicator):
            raise self.fail(
                InvalidOperation, f"{node_id!r} is {node.kind}; only indicators have this field"
            )
        return node

    def position(self, parent: str | None, position: int | None) -> None:
        size = len(self.work.children(parent))
        if position is not None and position > size:
            raise self.fail(
                InvalidOperation,
                f"position {position} is past the end ({size} children under "
                f"{'the top level' if parent is None else repr(parent)})",
            )

    def new_nodes(self, node: Node, parent: str | None) -> None:
        if parent is None and not isinstance(node, Goal):
            raise self.fail(InvalidOperation, "only goals can stand at the top level")
        seen: set[str] = set()
        for member in _subtree(node):
            if member.id in seen:
                raise self.fail(InvalidOperation, f"the new nodes repeat the id {member.id!r}")
            seen.add(member.id)
            if self.work.has(member.id):
                raise self.fail(
                    InvalidOperation, f"the plan already has a node with id {member.id!r}"
                )

    def apply(self, operation: Operation) -> None:  # noqa: PLR0915 - one branch per operation
        work = self.work
        self.operation = operation
        if isinstance(operation, Strike):
            self.existing(operation.id)
            parent, index = work.detach(operation.id)
            lifted = [] if operation.cascade else list(work.children(operation.id))
            if parent is None and any(not isinstance(work.node(c), Goal) for c in lifted):
                raise self.fail(
                    InvalidOperation,
                    "its children would move to the top level, where only goals stand; "
                    "strike with cascade=True or move them first",
                )
            struck = [operation.id] if lifted else [operation.id, *work.descendants(operation.id)]
            for node_id in struck:
                work.gone.add(node_id)
                work.struck[node_id] = self.index
            siblings = work.editable(parent)
            siblings[index:index] = lifted
            for child in lifted:
                work.parents[child] = parent
        elif isinstance(operation, Reformulate):
            node = self.existing(operation.id)
            changes: dict[str, str] = {}
            if operation.title is not None:
                changes["title"] = operation.title
            if operation.description is not None:
                changes["description"] = operation.description
            work.set_node(attrs.evolve(node, **changes))  # type: ignore[arg-type]
        elif isinstance(operation, ChangeTarget):
            indicator = self.indicator(operation.id)
            work.set_node(attrs.evolve(indicator, target=operation.target))
            work.needs_target.pop(operation.id, None)
        elif isinstance(operation, ChangeIndicator):
            self.change_indicator(operation)
        elif isinstance(operation, AddSeries):
            indicator = self.indicator(operation.id)
            if indicator.series_named(operation.series.key) is not None:
                raise self.fail(
                    InvalidOperation,
                    f"{operation.id!r} already has a series {operation.series.key!r}",
                )
            series = list(indicator.series)
            if operation.position is not None and operation.position > len(series):
                raise self.fail(
                    InvalidOperation,
                    f"position {operation.position} is past the end ({len(series)} series)",
                )
            series.insert(
                len(series) if operation.position is None else operation.position,
                operation.series,
            )
            work.set_node(attrs.evolve(indicator, series=tuple(series)))
        elif isinstance(operation, RemoveSeries):
            indicator = self.indicator(operation.id)
            keys = [series.key for series in indicator.series]
            if operation.key not in keys:
                raise self.fail(
                    InvalidOperation,
                    f"{operation.id!r} has no series {operation.key!r} (series: {', '.join(keys)})",
                )
            if len(keys) == 1:
                raise self.fail(
                    InvalidOperation,
                    f"{operation.key!r} is the only series of {operation.id!r}; add another first",
                )
            remaining = tuple(s for s in indicator.series if s.key != operation.key)
            work.set_node(attrs.evolve(indicator, series=remaining))
        elif isinstance(operation, Add):
            self.goal(operation.parent)
            self.position(operation.parent, operation.position)
            self.new_nodes(operation.node, operation.parent)
            work.register(operation.node, operation.parent)
            work.attach(operation.node.id, operation.parent, operation.position)
        elif isinstance(operation, Move):
            self.existing(operation.id)
            self.goal(operation.parent)
            current: str | None = operation.parent
            while current is not None:
                if current == operation.id:
                    raise self.fail(
                        WouldCreateCycle,
                        f"{operation.parent!r} is {operation.id!r} itself or lies under it",
                    )
                current = work.parent(current)
            if operation.parent is None and not isinstance(work.node(operation.id), Goal):
                raise self.fail(InvalidOperation, "only goals can stand at the top level")
            parent, index = work.detach(operation.id)
            try:
                self.position(operation.parent, operation.position)
            except MalstyrningError:
                work.editable(parent).insert(index, operation.id)
                raise
            work.attach(operation.id, operation.parent, operation.position)
        elif isinstance(operation, Replace):
            self.replace(operation)
        else:
            node = self.existing(operation.id)
            if type(node) is not type(operation.node):
                raise self.fail(
                    InvalidOperation,
                    f"{operation.id!r} is {node.kind}, the amendment gives {operation.node.kind}",
                )
            if isinstance(node, Goal) and isinstance(operation.node, Goal):
                work.set_node(attrs.evolve(operation.node, children=node.children))
            else:
                work.set_node(operation.node)

    def change_indicator(self, operation: ChangeIndicator) -> None:
        indicator = self.indicator(operation.id)
        unit = None if "unit" in operation.clear else operation.unit or indicator.unit
        changes: dict[str, Any] = {"unit": unit}
        if operation.direction is not None:
            changes["direction"] = operation.direction
        if operation.source is not None or "source" in operation.clear:
            changes["source"] = operation.source
        if unit != indicator.unit and _has_values(indicator):
            if operation.conversion is None:
                raise self.fail(
                    UnconvertedUnitChange,
                    f"{operation.id!r} has outcomes in {indicator.unit!r}; changing the unit "
                    f"to {unit!r} needs a conversion factor for them",
                )
            factor = operation.conversion
            changes["series"] = tuple(
                attrs.evolve(
                    series,
                    measurements=tuple(
                        attrs.evolve(m, value=m.value * factor)
                        if isinstance(m.value, Decimal)
                        else m
                        for m in series.measurements
                    ),
                )
                for series in indicator.series
            )
            if indicator.target is not None:
                self.work.needs_target[operation.id] = self.index
        elif operation.conversion is not None:
            raise self.fail(
                InvalidOperation,
                "a conversion applies only to a unit change on an indicator with outcomes",
            )
        self.work.set_node(attrs.evolve(indicator, **changes))

    def replace(self, operation: Replace) -> None:
        work = self.work
        old = self.existing(operation.id)
        carried = list(work.children(operation.id)) if isinstance(old, Goal) else []
        by = operation.by
        if carried and not isinstance(by, Goal):
            raise self.fail(
                InvalidOperation,
                f"{operation.id!r} still has children ({', '.join(carried)}); a goal that has "
                "them can only be replaced by a goal (or strike or move them first)",
            )
        parent, index = work.detach(operation.id)
        work.gone.add(operation.id)
        work.struck[operation.id] = self.index
        try:
            self.new_nodes(by, parent)
            carried_ids = set(carried)
            clash = [member.id for member in _subtree(by) if member.id in carried_ids]
            if clash:
                raise self.fail(InvalidOperation, f"the plan already has {clash[0]!r}")
        except MalstyrningError:
            work.gone.discard(operation.id)
            work.editable(parent).insert(index, operation.id)
            raise
        work.register(by, parent)
        work.attach(by.id, parent, index)
        if carried:
            assert isinstance(by, Goal)
            work.kids[by.id] = [child.id for child in by.children] + carried
            work.dirty.add(by.id)
            for child in carried:
                work.parents[child] = by.id

    def run(self, operations: Sequence[Operation]) -> None:
        for self.index, operation in enumerate(operations):
            self.apply(operation)
        if self.work.needs_target:
            node_id, self.index = next(iter(self.work.needs_target.items()))
            self.operation = operations[self.index]
            raise self.fail(
                UnconvertedUnitChange,
                f"the outcomes of {node_id!r} were converted to a new unit, but its target "
                "was not: give the target in the new unit with change_target",
            )


def _apply_operations(
    plan: Plan, operations: Sequence[Operation], history: tuple[HistoryEntry, ...], where: str
) -> Plan:
    applier = _Applier(plan, where)
    applier.run(operations)
    try:
        return applier.work.build(history)
    except MalstyrningError as error:
        raise InvalidOperation(
            f"the operations{where} would leave the plan invalid: {error}",
            problems=error.problems,
        ) from None


def _own(node: Node) -> Node:
    """The node's own fields: a goal without its children."""
    return attrs.evolve(node, children=()) if isinstance(node, Goal) else node
