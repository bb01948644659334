"""The operations that turn one version of a plan into another.

>>> from malstyrning import examples
>>> from malstyrning.revisions import Strike, apply
>>> plan = examples.load("jamtland-harjedalen-2020")
>>> after = apply(plan, [Strike(id="omlokaliserade-verksamheter", cascade=True)])
>>> diff(plan, after)
(Strike(id='omlokaliserade-verksamheter', cascade=True),)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import compress
from operator import is_not

import attrs

from malstyrning.errors import InvalidOperation
from malstyrning.model import (
    Add,
    AddSeries,
    Amend,
    ChangeIndicator,
    ChangeTarget,
    Goal,
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
from malstyrning.revisions._work import _ID_OF, _Applier, _has_values, _own

__all__ = ["diff"]


def diff(old: Plan, new: Plan) -> tuple[Operation, ...]:
    """The operations that turn ``old``'s goal tree into ``new``'s.

    ``apply(old, diff(old, new))`` has ``new``'s goal tree. Where ``new``'s history records
    that a node replaced one of ``old``'s, the diff says :class:`Replace`, otherwise a
    removed node is a :class:`Strike` and a new one an :class:`Add`.

    Raises:
        InvalidOperation: the plans differ in more than their goal trees (another plan, other
            levels, another validity); a diff compares versions of one plan.
    """
    different = [
        field.name
        for field in attrs.fields(Plan)
        if field.init
        and field.name not in {"goals", "history"}
        and getattr(old, field.name) != getattr(new, field.name)
    ]
    if different:
        raise InvalidOperation(
            f"plans {old.id!r} and {new.id!r} differ in {', '.join(different)}; a diff "
            "compares versions of one plan, whose goal trees differ"
        )
    lineage = {
        op.id: op.by.id
        for entry in new.history
        if entry not in old.history
        for op in entry.revision.operations
        if isinstance(op, Replace)
    }
    return tuple(_diff(old, new, lineage))


def _unshared(plan: Plan, other: Plan) -> Iterator[Node]:
    """``plan``'s nodes in walk order, less the subtrees ``other`` holds as the same objects.

    Versions of a plan share every subtree a revision did not touch; what is shared is equal
    in full, so a diff between versions looks only at the rest and costs the change.
    """
    stack: list[Node] = list(reversed(_changed(plan.goals, other.goals)))
    while stack:
        node = stack.pop()
        counterpart = other.get(node.id)
        if counterpart is node:
            continue
        yield node
        if isinstance(node, Goal):
            stack.extend(reversed(_changed(node.children, counterpart)))


def _changed(children: tuple[Node, ...], counterpart: object) -> list[Node]:
    """``children`` less those at the same place among ``counterpart``'s (the same objects).

    ``counterpart`` is the other version's top-level goals or its node of the same id. The
    comparison runs in C, so a wide goal costs little when one of its children changed.
    """
    if isinstance(counterpart, Goal):
        counterpart = counterpart.children
    if isinstance(counterpart, tuple) and len(counterpart) == len(children):
        return list(compress(children, map(is_not, children, counterpart)))
    return list(children)


class _Differ:
    def __init__(self, old: Plan, new: Plan, lineage: Mapping[str, str]) -> None:
        self.old = old
        self.new = new
        self.removed = [node.id for node in _unshared(old, new) if node.id not in new]
        changed_kind = {
            node.id
            for node in _unshared(new, old)
            if (before := old.get(node.id)) is not None and type(before) is not type(node)
        }
        sources = {
            x: y
            for x, y in lineage.items()
            if x in old and x not in new and y in new and y not in old
        }
        # A node that changes kind is replaced by its new self.
        sources |= {x: x for x in changed_kind}
        self.sources = sources
        self.targets = {y: x for x, y in sources.items()}
        self.anchored: set[str] = set()
        for goal in _changed(old.goals, new.goals):
            self._anchor(goal)
        self.fresh: set[str] = set()
        for goal in _changed(new.goals, old.goals):
            self._fresh(goal)
        self.applier = _Applier(old, " of the diff")
        self.ops: list[Operation] = []

    def survives(self, node_id: str) -> bool:
        before, after = self.old.get(node_id), self.new.get(node_id)
        return before is not None and after is not None and type(before) is type(after)

    def shared(self, node: Node) -> bool:
        return self.old.get(node.id) is node

    def _anchor(self, node: Node) -> bool:
        counterpart = self.new.get(node.id)
        if counterpart is node:
            self.anchored.add(node.id)
            return True
        children = node.children if isinstance(node, Goal) else ()
        looked_at = _changed(children, counterpart)
        # Children skipped as shared survive, so they anchor this node.
        below = [self._anchor(child) for child in looked_at] + [len(looked_at) < len(children)]
        anchored = self.survives(node.id) or node.id in self.sources or any(below)
        if anchored:
            self.anchored.add(node.id)
        return anchored

    def _fresh(self, node: Node) -> bool:
        if self.shared(node):
            return False
        children = node.children if isinstance(node, Goal) else ()
        looked_at = _changed(children, self.old.get(node.id))
        # Children skipped as shared are in the old version: not fresh.
        below = [self._fresh(child) for child in looked_at] + [len(looked_at) == len(children)]
        fresh = node.id not in self.old and node.id not in self.targets and all(below)
        if fresh:
            self.fresh.add(node.id)
        return fresh

    def emit(self, operation: Operation) -> None:
        self.applier.index = len(self.ops)
        self.applier.apply(operation)
        self.ops.append(operation)

    def strike_clean(self, parent: str | None) -> None:
        for child in list(self.applier.work.children(parent)):
            if (
                child in self.old
                and not self.survives(child)
                and child not in self.anchored
                and child not in self.new
            ):
                self.emit(Strike(id=child, cascade=True))

    def place(self, node_id: str, parent: str | None, index: int) -> None:
        work = self.applier.work
        current = work.parent(node_id)
        if current == parent:
            siblings = work.children(current)
            if index < len(siblings) and siblings[index] == node_id:
                return
        remaining = len(work.children(parent)) - (1 if current == parent else 0)
        self.emit(Move(id=node_id, parent=parent, position=None if index == remaining else index))

    def restricted(self, node: Node) -> tuple[Node, int]:
        if not isinstance(node, Goal):
            return node, 0
        count = 0
        for child in node.children:
            if child.id not in self.fresh:
                break
            count += 1
        if count == len(node.children):
            return node, count
        return attrs.evolve(node, children=node.children[:count]), count

    def visit(self, node: Node, parent: str | None, index: int) -> None:
        work = self.applier.work
        skip = 0
        if self.shared(node):
            # The same subtree in both versions: only its place can differ.
            self.place(node.id, parent, index)
            return
        if self.survives(node.id):
            self.place(node.id, parent, index)
        elif node.id in self.targets:
            by, skip = self.restricted(node)
            self.emit(Replace(id=self.targets[node.id], by=by))
            self.place(node.id, parent, index)
        else:
            by, skip = self.restricted(node)
            size = len(work.children(parent))
            self.emit(Add(parent=parent, node=by, position=None if index == size else index))
        if isinstance(node, Goal):
            self.visit_children(node.id, node.children, skip)
        if self.survives(node.id):
            for operation in _field_ops(self.old[node.id], node):
                self.emit(operation)

    def visit_children(self, parent: str | None, children: Sequence[Node], skip: int) -> None:
        counterpart = self.old.goals if parent is None else self.old.get(parent)
        before = counterpart.children if isinstance(counterpart, Goal) else counterpart
        if (
            skip == 0
            and isinstance(before, tuple)
            and parent not in self.applier.work.kids
            and len(before) == len(children)
            and list(map(_ID_OF, before)) == list(map(_ID_OF, children))
        ):
            # The same children in the same order, and this diff has not moved any yet: only
            # those that are not the very same objects need a look.
            for position in compress(range(len(children)), map(is_not, children, before)):
                self.visit(children[position], parent, position)
            return
        self.strike_clean(parent)
        for position, child in enumerate(children):
            if position >= skip:
                self.visit(child, parent, position)

    def run(self) -> list[Operation]:
        self.visit_children(None, self.new.goals, 0)
        for node_id in self.removed:
            if self.applier.work.has(node_id):
                self.emit(Strike(id=node_id, cascade=True))
        return self.ops


def _diff(old: Plan, new: Plan, lineage: Mapping[str, str]) -> list[Operation]:
    return _Differ(old, new, lineage).run()


_SPECIFIC = frozenset({"title", "description"})
_INDICATOR_SPECIFIC = _SPECIFIC | {"target", "unit", "direction", "source", "series"}


def _field_ops(old: Node, new: Node) -> list[Operation]:
    before, after = _own(old), _own(new)
    if before == after:
        return []
    names = [
        field.name
        for field in attrs.fields(type(before))
        if field.name != "children" and getattr(before, field.name) != getattr(after, field.name)
    ]
    indicator = isinstance(before, Indicator) and isinstance(after, Indicator)
    specific = _INDICATOR_SPECIFIC if indicator else _SPECIFIC
    series_ops: list[Operation] | None = []
    blocked = False
    if isinstance(before, Indicator) and isinstance(after, Indicator):
        if "series" in names:
            series_ops = _series_ops(before, after)
        blocked = "unit" in names and _has_values(before)
    if any(name not in specific for name in names) or series_ops is None or blocked:
        return [Amend(id=after.id, node=after)]
    ops: list[Operation] = []
    if "title" in names or "description" in names:
        ops.append(
            Reformulate(
                id=after.id,
                title=after.title if "title" in names else None,
                description=after.description if "description" in names else None,
            )
        )
    if indicator:
        assert isinstance(after, Indicator)
        if "target" in names:
            ops.append(ChangeTarget(id=after.id, target=after.target))
        if {"unit", "direction", "source"} & set(names):
            clear = tuple(
                name
                for name in ("unit", "source")
                if name in names and getattr(after, name) is None
            )
            ops.append(
                ChangeIndicator(
                    id=after.id,
                    unit=after.unit if "unit" in names else None,
                    direction=after.direction if "direction" in names else None,
                    source=after.source if "source" in names else None,
                    clear=clear,
                )
            )
    return ops + (series_ops or [])


def _series_ops(old: Indicator, new: Indicator) -> list[Operation] | None:
    old_keys = [series.key for series in old.series]
    new_keys = [series.key for series in new.series]
    common_old = [key for key in old_keys if key in new_keys]
    common_new = [key for key in new_keys if key in old_keys]
    if common_old != common_new:
        return None
    if any(old.series_named(key) != new.series_named(key) for key in common_old):
        return None
    ops: list[Operation] = []
    current = list(old_keys)
    previous: str | None = None
    for series in new.series:
        if series.key not in old_keys:
            position = 0 if previous is None else current.index(previous) + 1
            current.insert(position, series.key)
            ops.append(
                AddSeries(
                    id=new.id,
                    series=series,
                    position=None if position == len(current) - 1 else position,
                )
            )
        previous = series.key
    ops += [RemoveSeries(id=new.id, key=key) for key in old_keys if key not in new_keys]
    return ops
