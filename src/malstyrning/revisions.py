"""Revisions: decided changes to a plan, applied as new versions that keep the old ones.

Plans change by political decision in the middle of the year: a goal is struck, an
indicator is reworded and gets a new target, a goal is replaced by another. A
:class:`Revision` holds such a decision, its operations (values such as :class:`Strike`,
:class:`Reformulate`, :class:`ChangeTarget`, :class:`Replace`, :class:`Add`, :class:`Move`,
:class:`ChangeIndicator`, :class:`AddSeries`, :class:`RemoveSeries`, :class:`Amend`), the
body that decided it, the date and the paragraph. :func:`apply` gives the new version of
the plan; the plan keeps every earlier version in its ``history``, so a follow-up is always
read against the plan as it stood when it was made (:meth:`Plan.as_of
<malstyrning.model.Plan.as_of>`). :func:`diff` gives the operations that turn one version
into another.

>>> from datetime import date
>>> from malstyrning import examples
>>> plan = examples.load("jamtland-harjedalen-2020")
>>> revision = Revision(body="HSN", decided=date(2020, 6, 10), paragraph="§ 1",
...                     operations=(Strike(id="omlokaliserade-verksamheter", cascade=True),))
>>> revised = apply(plan, revision)
>>> "omlokaliserade-verksamheter" in revised, revised.version, revision.reference
(False, 2, 'HSN 2020-06-10 § 1')
>>> revised.as_of(date(2020, 6, 9)) == plan
True
>>> [op.op for op in diff(plan, revised)]
['strike']
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from itertools import compress
from operator import attrgetter, is_not
from pathlib import Path
from typing import Any, ClassVar, TypeAlias, cast

import attrs
import babel.dates

from malstyrning._frozen import FrozenMap, freeze_json
from malstyrning.errors import DocumentError, MalstyrningError, Problem, UnknownNode
from malstyrning.i18n import LocaleLike, Message, translate
from malstyrning.model import NODE_TYPES, Goal, Indicator, Node, Plan, Series, _revised
from malstyrning.periods import Period
from malstyrning.rules import RULE_TYPES, Direction, Rule

__all__ = [
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
    "diff",
    "dump",
    "dumps",
    "in_force",
    "load",
    "loads",
    "node_history",
    "versions",
]


# -- errors -------------------------------------------------------------------------------------


class InvalidOperation(MalstyrningError, ValueError):
    """An operation that cannot be applied to the plan it is given; the plan is unchanged."""


class AlreadyStruck(InvalidOperation):
    """The operation names a node that an earlier decision struck from the plan."""


class WouldCreateCycle(InvalidOperation):
    """Moving a goal under itself or one of its own descendants."""


class UnconvertedUnitChange(InvalidOperation):
    """A unit change on an indicator with outcomes, without a conversion for them."""


class RevisionOutOfOrder(InvalidOperation):
    """A revision in force before the latest revision already applied to the plan."""


# -- operations ---------------------------------------------------------------------------------

_str = attrs.validators.instance_of(str)
_optional_str = attrs.validators.optional(_str)


def _node(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, NODE_TYPES):
        raise InvalidOperation(
            f"{attribute.name} must be a goal, indicator, yes/no measure, assignment or "
            f"activity (got {type(value).__name__})"
        )


def _optional_rule(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, RULE_TYPES):
        raise InvalidOperation(f"{attribute.name} must be a target rule or None (got {value!r})")


def _position(_: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and (type(value) is not int or value < 0):
        raise InvalidOperation(f"{attribute.name} must be a whole number >= 0 (got {value!r})")


def _label(node: Node | None, node_id: str) -> tuple[Message, str]:
    if node is None:
        return Message.of("revisions.node"), node_id
    return Message.of(f"kind.{node.kind}"), node.title


Lookup: TypeAlias = Callable[[str], Node | None]


@attrs.frozen(kw_only=True)
class Strike:
    """Strike a node from the plan ("stryks").

    ``cascade=True`` strikes everything under it too; ``cascade=False`` moves its children
    up into its place. The node stays in the plan's history.

    >>> Strike(id="sip-andel", cascade=True)
    Strike(id='sip-andel', cascade=True)
    """

    op: ClassVar[str] = "strike"
    id: str = attrs.field(validator=_str)
    cascade: bool = attrs.field(validator=attrs.validators.instance_of(bool))

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence, naming the node as ``lookup`` finds it."""
        node = lookup(self.id)
        kind, title = _label(node, self.id)
        has_children = isinstance(node, Goal) and bool(node.children)
        key = "strike" if not has_children else "strike_cascade" if self.cascade else "strike_lift"
        return Message.of(f"revisions.{key}", kind=kind, title=title)


@attrs.frozen(kw_only=True)
class Reformulate:
    """New wording for a node: its title, its description, or both ("omformuleras").

    >>> Reformulate(id="g1", description="Inför 2021 ska det säkerställas ...").op
    'reformulate'
    """

    op: ClassVar[str] = "reformulate"
    id: str = attrs.field(validator=_str)
    title: str | None = attrs.field(default=None, validator=_optional_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)

    def __attrs_post_init__(self) -> None:
        if self.title is None and self.description is None:
            raise InvalidOperation(
                f"reformulate {self.id!r} needs a new title, a new description or both"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        changes = []
        if self.title is not None:
            changes.append(Message.of("revisions.new_title", text=self.title))
        if self.description is not None:
            changes.append(Message.of("revisions.new_description", text=self.description))
        return Message.of("revisions.reformulate", kind=kind, title=title, changes=tuple(changes))


@attrs.frozen(kw_only=True)
class ChangeTarget:
    """Change or replace an indicator's target rule; without one (None) the target is removed.

    >>> from malstyrning import Comparison, Threshold
    >>> ChangeTarget(id="x", target=Threshold(comparison=Comparison.AT_LEAST, value=2000)).op
    'change_target'
    """

    op: ClassVar[str] = "change_target"
    id: str = attrs.field(validator=_str)
    target: Rule | None = attrs.field(default=None, validator=_optional_rule)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        if self.target is None:
            return Message.of("revisions.remove_target", kind=kind, title=title)
        return Message.of(
            "revisions.change_target", kind=kind, title=title, target=self.target.describe()
        )


@attrs.frozen(kw_only=True)
class Replace:
    """Replace a node by a new one that takes its place, keeping the lineage.

    The old node leaves the plan (it stays in history, "replaced by" the new one). A
    replaced goal hands the children it still has to the new goal, after the new goal's own.

    >>> Replace(id="old", by=Goal(id="new", title="Nytt mål", level="result_goal")).op
    'replace'
    """

    op: ClassVar[str] = "replace"
    id: str = attrs.field(validator=_str)
    by: Node = attrs.field(validator=_node)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of(
            "revisions.replace",
            kind=kind,
            title=title,
            new_kind=Message.of(f"kind.{self.by.kind}"),
            new_title=self.by.title,
        )


@attrs.frozen(kw_only=True)
class Add:
    """Add a node (with everything under it) under a goal, or at the top when ``parent`` is None.

    ``position`` is its index among the parent's children; None appends it.

    >>> Add(parent="g1", node=Goal(id="g2", title="Mål", level="result_goal")).position is None
    True
    """

    op: ClassVar[str] = "add"
    node: Node = attrs.field(validator=_node)
    parent: str | None = attrs.field(default=None, validator=_optional_str)
    position: int | None = attrs.field(default=None, validator=_position)

    @property
    def id(self) -> str:
        """The id of the node added."""
        return self.node.id

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(self.node, self.node.id)
        if self.parent is None:
            return Message.of("revisions.add_top", kind=kind, title=title)
        parent = _label(lookup(self.parent), self.parent)[1]
        return Message.of("revisions.add", kind=kind, title=title, parent=parent)


@attrs.frozen(kw_only=True)
class Move:
    """Move a node to another goal (or to the top level when ``parent`` is None).

    >>> Move(id="i1", parent="g2", position=0).position
    0
    """

    op: ClassVar[str] = "move"
    id: str = attrs.field(validator=_str)
    parent: str | None = attrs.field(default=None, validator=_optional_str)
    position: int | None = attrs.field(default=None, validator=_position)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        if self.parent is None:
            return Message.of("revisions.move_top", kind=kind, title=title)
        parent = _label(lookup(self.parent), self.parent)[1]
        return Message.of("revisions.move", kind=kind, title=title, parent=parent)


_CLEARABLE = frozenset({"unit", "source"})


def _check_clear(
    instance: ChangeIndicator, _: attrs.Attribute[Any], value: tuple[str, ...]
) -> None:
    unknown = set(value) - _CLEARABLE
    if unknown:
        raise InvalidOperation(
            f"change_indicator {instance.id!r} can clear only unit and source "
            f"(got {', '.join(sorted(unknown))})"
        )


_TUPLE_OF_STR = attrs.validators.deep_iterable(_str, attrs.validators.instance_of(tuple))


def _as_tuple(items: Any) -> Any:
    # Typed as Any: mypy cannot infer a generic converter's element type per field.
    return tuple(items)


def _to_decimal(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


@attrs.frozen(kw_only=True)
class ChangeIndicator:
    """Change an indicator's unit, direction or source.

    A unit change on an indicator that already has outcomes needs ``conversion``: the
    factor every outcome is multiplied by (``10`` from % to ‰); the same revision must then
    give the target in the new unit (:class:`ChangeTarget`). ``clear`` names fields to empty
    (``unit``, ``source``).

    >>> ChangeIndicator(id="i1", unit="‰", conversion=10).conversion
    Decimal('10')
    """

    op: ClassVar[str] = "change_indicator"
    id: str = attrs.field(validator=_str)
    unit: str | None = attrs.field(default=None, validator=_optional_str)
    direction: Direction | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Direction))
    )
    source: str | None = attrs.field(default=None, validator=_optional_str)
    conversion: Decimal | None = attrs.field(
        default=None,
        converter=_to_decimal,
        validator=attrs.validators.optional(attrs.validators.instance_of(Decimal)),
    )
    clear: tuple[str, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=[_TUPLE_OF_STR, _check_clear]
    )

    def __attrs_post_init__(self) -> None:
        if self.unit is None and self.direction is None and self.source is None and not self.clear:
            raise InvalidOperation(f"change_indicator {self.id!r} changes nothing")
        both = {name for name in self.clear if getattr(self, name) is not None}
        if both:
            raise InvalidOperation(
                f"change_indicator {self.id!r} both sets and clears {', '.join(sorted(both))}"
            )
        if self.conversion is not None and (
            not self.conversion.is_finite() or self.conversion == 0
        ):
            raise InvalidOperation(
                f"change_indicator {self.id!r}: conversion must be a finite, non-zero factor "
                f"(got {self.conversion})"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        node = lookup(self.id)
        kind, title = _label(node, self.id)
        old_unit = node.unit if isinstance(node, Indicator) else None
        none = Message.of("revisions.none")
        changes: list[Message] = []
        if self.unit is not None or "unit" in self.clear:
            changes.append(
                Message.of("revisions.unit", old=old_unit or none, new=self.unit or none)
            )
        if self.conversion is not None:
            changes.append(Message.of("revisions.conversion", factor=self.conversion))
        if self.direction is not None:
            changes.append(Message.of(f"revisions.{self.direction.value}"))
        if self.source is not None or "source" in self.clear:
            changes.append(Message.of("revisions.source", new=self.source or none))
        return Message.of(
            "revisions.change_indicator", kind=kind, title=title, changes=tuple(changes)
        )


@attrs.frozen(kw_only=True)
class AddSeries:
    """Add a series (women, men, an age group, a reference) to an indicator.

    >>> AddSeries(id="i1", series=Series(key="women")).series.key
    'women'
    """

    op: ClassVar[str] = "add_series"
    id: str = attrs.field(validator=_str)
    series: Series = attrs.field(validator=attrs.validators.instance_of(Series))
    position: int | None = attrs.field(default=None, validator=_position)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        name = self.series.label or self.series.key
        return Message.of("revisions.add_series", kind=kind, title=title, series=name)


@attrs.frozen(kw_only=True)
class RemoveSeries:
    """Remove a series from an indicator.

    >>> RemoveSeries(id="i1", key="men").key
    'men'
    """

    op: ClassVar[str] = "remove_series"
    id: str = attrs.field(validator=_str)
    key: str = attrs.field(validator=_str)

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of("revisions.remove_series", kind=kind, title=title, series=self.key)


@attrs.frozen(kw_only=True)
class Amend:
    """An editorial correction: the node's own fields become those of ``node``.

    ``node`` has the same id and kind; a goal's children are kept (give ``node`` none). Use
    the specific operations for decided changes; :func:`diff` uses this one for what they
    do not cover (an owner, a level, follow-up data).

    >>> Amend(id="g1", node=Goal(id="g1", title="Mål", level="result_goal", owner="HSN")).op
    'amend'
    """

    op: ClassVar[str] = "amend"
    id: str = attrs.field(validator=_str)
    node: Node = attrs.field(validator=_node)

    def __attrs_post_init__(self) -> None:
        if self.node.id != self.id:
            raise InvalidOperation(
                f"amend {self.id!r}: the node given has id {self.node.id!r}; an amendment "
                "keeps the id (use replace for a new node)"
            )
        if isinstance(self.node, Goal) and self.node.children:
            raise InvalidOperation(
                f"amend {self.id!r} changes the goal's own fields and keeps its children; "
                "give the goal without children (use add, move and strike for them)"
            )

    def describe(self, lookup: Lookup) -> Message:
        """The change as a sentence."""
        kind, title = _label(lookup(self.id), self.id)
        return Message.of("revisions.amend", kind=kind, title=title)


Operation: TypeAlias = (
    Strike
    | Reformulate
    | ChangeTarget
    | Replace
    | Add
    | Move
    | ChangeIndicator
    | AddSeries
    | RemoveSeries
    | Amend
)
"""Any operation a revision can hold."""

OPERATION_TYPES: tuple[type[Operation], ...] = (
    Strike,
    Reformulate,
    ChangeTarget,
    Replace,
    Add,
    Move,
    ChangeIndicator,
    AddSeries,
    RemoveSeries,
    Amend,
)

OPERATION_TAGS: dict[type, str] = {cls: cls.op for cls in OPERATION_TYPES}
"""The ``op`` tag of each operation in documents."""


# -- decisions and history ------------------------------------------------------------------


def _operations(_: object, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if not value:
        raise InvalidOperation("a revision needs at least one operation")
    for position, item in enumerate(value):
        if not isinstance(item, OPERATION_TYPES):
            raise InvalidOperation(
                f"{attribute.name}[{position}] is not an operation (got {type(item).__name__})"
            )


@attrs.frozen(kw_only=True)
class Revision:
    """A decision that changes a plan: operations decided by a body on a date under a §.

    Args:
        body: who decided (``HSN``, ``Hälso- och sjukvårdsnämnden``).
        decided: the date of the decision.
        paragraph: the paragraph of the minutes (``§ 28``), if known.
        operations: the changes, applied in order.
        reason: why, in the decision's own words.
        effective: the date the changes take effect; the decision date if None.
        title: the matter's title.
        plan: the id of the plan it revises; checked when applied, if given.

    >>> from datetime import date
    >>> Revision(body="HSN", decided=date(2020, 4, 2), paragraph="§ 28",
    ...          operations=(Strike(id="x", cascade=True),)).reference
    'HSN 2020-04-02 § 28'
    """

    body: str = attrs.field(validator=_str)
    decided: date = attrs.field(validator=attrs.validators.instance_of(date))
    operations: tuple[Operation, ...] = attrs.field(converter=_as_tuple, validator=_operations)
    paragraph: str = attrs.field(default="", validator=_str)
    reason: str = attrs.field(default="", validator=_str)
    effective: date | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(date))
    )
    title: str = attrs.field(default="", validator=_str)
    plan: str | None = attrs.field(default=None, validator=_optional_str)
    extensions: FrozenMap[str, Any] = attrs.field(
        factory=FrozenMap, converter=freeze_json, repr=False
    )

    @property
    def reference(self) -> str:
        """How minutes cite the decision: ``HSN 2020-04-02 § 28``."""
        return " ".join(
            part for part in (self.body, self.decided.isoformat(), self.paragraph) if part
        )

    @property
    def in_force(self) -> date:
        """The date the changes take effect."""
        return self.effective or self.decided


@attrs.frozen(kw_only=True)
class HistoryEntry:
    """One revision applied to a plan, with the operations that undo it.

    ``undo`` turns the version after the revision back into the one before it; the plan
    keeps only its latest goal tree and these, so every earlier version can be rebuilt.
    """

    revision: Revision = attrs.field(validator=attrs.validators.instance_of(Revision))
    undo: tuple[Operation, ...] = attrs.field(default=(), converter=_as_tuple)


@attrs.frozen(kw_only=True)
class NodeEvent:
    """When and by which decision a node was added, changed, replaced or struck.

    ``change`` is ``added``, ``changed``, ``struck``, ``replaced`` (by ``other``) or
    ``replaces`` (``other``, the node it took the place of).
    """

    node_id: str
    change: str
    version: int
    revision: Revision
    operations: tuple[Operation, ...] = ()
    other: str | None = None

    @property
    def effective(self) -> date:
        """The date the change took effect."""
        return self.revision.in_force

    def describe(self) -> Message:
        """The event as a sentence ("struck by HSN 2020-06-10, in force from 10 June 2020")."""
        return Message.of(
            f"revisions.event.{self.change}",
            version=self.version,
            reference=self.revision.reference,
            effective=_Date(self.effective),
            other=self.other or "",
        )


@attrs.frozen
class _Date:
    value: date

    def render(self, *, locale: LocaleLike) -> str:
        return str(babel.dates.format_date(self.value, format="long", locale=str(locale)))


# -- applying ---------------------------------------------------------------------------------


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
        return _revised(
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
    return _revised(
        after,
        goals=after.goals,
        history=(*plan.history, entry),
        placed={},
        removed=frozenset(),
        changed=frozenset(),
    )


# -- versions ---------------------------------------------------------------------------------


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


def _own(node: Node) -> Node:
    return attrs.evolve(node, children=()) if isinstance(node, Goal) else node


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


# -- diff ---------------------------------------------------------------------------------------


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


_ID_OF = attrgetter("id")


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


# -- change lists -----------------------------------------------------------------------------


def change_list(
    plan: Plan, operations: Sequence[Operation] | Revision, *, locale: LocaleLike
) -> list[str]:
    """The operations as sentences for people, naming the nodes of the plan they apply to.

    >>> from malstyrning import examples
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


# -- documents ----------------------------------------------------------------------------------

_FORMAT_VERSION = 1


def to_document(revision: Revision) -> dict[str, Any]:
    """The revision as a document: plain dicts, lists, strings and decimals."""
    from malstyrning._converter import shared_converter  # noqa: PLC0415 - model imports us

    return {"format_version": _FORMAT_VERSION, **shared_converter().unstructure(revision)}


def from_document(document: object, *, source: str = "<document>") -> Revision:
    """A revision from a parsed document, checking every field.

    Raises:
        DocumentError: listing every problem with its path, and the source name.
    """
    import cattrs  # noqa: PLC0415 - with the converter below

    from malstyrning._converter import problems_of, shared_converter  # noqa: PLC0415

    what = f"{source} could not be read as a revision"
    if not isinstance(document, dict):
        raise DocumentError.from_problems(what, [Problem("$", "expected an object")])
    version = document.get("format_version")
    if version != _FORMAT_VERSION:
        message = f"expected format_version {_FORMAT_VERSION} (got {version!r})"
        raise DocumentError.from_problems(what, [Problem("$.format_version", message)])
    body = {key: value for key, value in document.items() if key != "format_version"}
    try:
        return shared_converter().structure(body, Revision)
    except (cattrs.BaseValidationError, MalstyrningError) as error:
        raise DocumentError.from_problems(what, problems_of(error, "$")) from None


def loads(text: str | bytes, *, format: str = "json", source: str = "<string>") -> Revision:  # noqa: A002 - the documents' keyword
    """A revision from document text in ``format`` (``json``, ``yaml`` or ``toml``)."""
    from malstyrning._formats import as_format, parse  # noqa: PLC0415 - model imports us

    return from_document(parse(text, as_format(format), source), source=source)


def load(path: str | os.PathLike[str]) -> Revision:
    """A revision from a document file; the format follows the extension."""
    from malstyrning._formats import format_of  # noqa: PLC0415 - model imports us

    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise DocumentError.from_problems(
            f"{file} cannot be read", [Problem("", error.strerror or str(error))]
        ) from None
    return loads(data, format=format_of(file).value, source=str(file))


def dumps(revision: Revision, *, format: str = "json") -> str:  # noqa: A002 - the documents' keyword
    """The revision as document text."""
    from malstyrning._formats import as_format, emit  # noqa: PLC0415 - model imports us

    return emit(to_document(revision), as_format(format))


def dump(revision: Revision, path: str | os.PathLike[str]) -> None:
    """Write the revision to a document file; the format follows the extension."""
    from malstyrning._formats import format_of  # noqa: PLC0415 - model imports us

    file = Path(path)
    file.write_text(dumps(revision, format=format_of(file).value), encoding="utf-8")
