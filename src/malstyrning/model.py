"""The plan: a tree of goals whose leaves are indicators, yes/no measures, assignments, activities.

A :class:`Plan` names its own levels (strategy → strategic goal → result goal in one region,
goal area → goal in another) and holds a tree of :class:`Goal` nodes of any depth. Leaves are
:class:`Indicator` (numbers per series and period, with a target rule), :class:`YesNoMeasure`,
:class:`Assignment` (progress reports) and :class:`Activity` (status per period). Every node
has a stable id, unique in the plan; lookups by id take constant time.

>>> from decimal import Decimal
>>> from malstyrning.rules import Threshold, Comparison
>>> antibiotics = Indicator(
...     id="antibiotika", title="Antibiotika", unit="rec/TIN",
...     direction=Direction.LOWER_IS_BETTER,
...     target=Threshold(comparison=Comparison.LESS_THAN, value=Decimal(250), unit="rec/TIN"),
...     series=(Series(key="total", measurements=(
...         Measurement(period=Period("2019-T1"), value=Decimal(245)),)),),
... )
>>> plan = Plan(
...     id="demo", title="Verksamhetsplan 2019", organisation="Region Demo",
...     validity=Period("2019"),
...     levels=(PlanLevel(key="result_goal", label="Resultatmål"),),
...     goals=(Goal(id="g1", title="Minskad läkemedelspåverkan", level="result_goal",
...                 children=(antibiotics,)),),
... )
>>> plan["antibiotika"].unit, plan.parent("antibiotika").id, len(plan)
('rec/TIN', 'g1', 2)
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from datetime import date
from decimal import Decimal
from operator import attrgetter
from typing import Any, NamedTuple, TypeAlias

import attrs
import immutables

from malstyrning._frozen import EMPTY, FrozenMap, freeze_json
from malstyrning.errors import InvalidPlan, Problem, UnknownNode
from malstyrning.periods import Period
from malstyrning.rules import (
    RULE_TYPES,
    Direction,
    RelativeToReference,
    Rule,
    SeriesTarget,
    YesNo,
    finite_decimal,
    iter_rules,
    rule_direction,
)
from malstyrning.scales import ACTIVITY_STATUS, TRAFFIC_LIGHT, NotAssessedReason, Scale

__all__ = [
    "BUILTIN_UNITS",
    "Activity",
    "Assignment",
    "Comment",
    "Goal",
    "Indicator",
    "Judgement",
    "Leaf",
    "Measurement",
    "Node",
    "Plan",
    "PlanLevel",
    "Report",
    "Series",
    "YesNoMeasure",
]

BUILTIN_UNITS = frozenset(
    {
        "%",
        "‰",
        "rec/TIN",
        "kr",
        "tkr",
        "mkr",
        "timmar",
        "antal",
        "index",
        "dagar",
        "poäng",
        "dimensionsvärde",
        "personer",
        "år",
        "månader",
        "veckor",
        "ja/nej",
    }
)
"""Units every plan may use; a plan declares any others in ``Plan.units``."""

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
_str = attrs.validators.instance_of(str)


@attrs.frozen(repr=False)
class _OptionalOf:
    """An attrs validator: None or an instance of ``types``, in one call.

    attrs' ``optional(instance_of(...))`` nests two calls; loading a plan runs this validator
    for every optional field of every node.
    """

    types: type | tuple[type, ...]

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and not isinstance(value, self.types):
            raise TypeError(
                f"'{attribute.name}' must be {self.types!r} (got {value!r} that is a "
                f"{value.__class__!r}).",
                attribute,
                self.types,
                value,
            )

    def __repr__(self) -> str:
        return f"<optional instance_of validator for {self.types!r}>"


_optional_str = _OptionalOf(str)


def _check_id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise InvalidPlan(
            f"{attribute.name} must be a stable id of letters, digits and . _ : - "
            f"starting with a letter or digit (got {value!r})"
        )


@attrs.frozen(repr=False)
class _TupleOf:
    """An attrs validator: a tuple whose items are all of ``types``.

    One call per field rather than attrs' nested ``deep_iterable`` (a call per item): plans
    hold hundreds of thousands of these fields, and loading one runs every validator.
    """

    types: tuple[type, ...]

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise TypeError(
                f"'{attribute.name}' must be {tuple!r} (got {value!r} that is a "
                f"{value.__class__!r}).",
                attribute,
                tuple,
                value,
            )
        types = self.types
        for item in value:
            if not isinstance(item, types):
                raise TypeError(
                    f"'{attribute.name}' must be {types!r} (got {item!r} that is a "
                    f"{item.__class__!r}).",
                    attribute,
                    types,
                    item,
                )

    def __repr__(self) -> str:
        return f"<tuple of {', '.join(t.__name__ for t in self.types)} validator>"


def _tuple_of(*types: type) -> Any:
    return _TupleOf(types)


def _to_value(value: Any) -> Any:
    if value is None or type(value) is Decimal:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return value


_FINITE = finite_decimal()


def _check_value(instance: Measurement, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is None or isinstance(value, bool):
        return
    if type(value) is Decimal and value.is_finite():
        return
    _FINITE(instance, attribute, value)


def _as_tuple(items: Any) -> Any:
    # Typed as Any: mypy cannot infer a generic converter's element type per field.
    return tuple(items)


_PERIOD_ORDER = attrgetter("period.start", "period.end")


def _by_period(items: Any) -> Any:
    # Keep follow-up data in time order whatever order it was given in.
    items = tuple(items)
    if len(items) < 2:
        return items  # nothing to order; an item of the wrong type is the validator's to name
    return tuple(sorted(items, key=_PERIOD_ORDER))


@attrs.frozen(kw_only=True)
class Measurement:
    """An outcome for one period: a number (or yes/no), or the reason it is missing.

    >>> Measurement(period=Period("2019-T1"), missing=NotAssessedReason.MEASURED_LATER,
    ...             comment="Mäts i augusti 2019").value is None
    True
    """

    # Checked together in __attrs_post_init__ rather than by a validator per field: a plan
    # holds more measurements than anything else, and loading one makes them all.
    period: Period = attrs.field()
    value: Decimal | bool | None = attrs.field(default=None, converter=_to_value)
    missing: NotAssessedReason | None = attrs.field(default=None)
    comment: str = attrs.field(default="")

    def __attrs_post_init__(self) -> None:
        if self.period.__class__ is not Period:
            _MEASUREMENT_PERIOD(self, _MEASUREMENT_FIELDS.period, self.period)
        value = self.value
        if value is not None and (value.__class__ is not Decimal or not value.is_finite()):
            _check_value(self, _MEASUREMENT_FIELDS.value, value)
        if self.missing is not None:
            _MEASUREMENT_MISSING(self, _MEASUREMENT_FIELDS.missing, self.missing)
        if self.comment.__class__ is not str:
            _str(self, _MEASUREMENT_FIELDS.comment, self.comment)
        if self.value is not None and self.missing is not None:
            raise InvalidPlan(
                f"a measurement for {self.period} has both a value ({self.value}) and a "
                f"reason it is missing ({self.missing.value}); give one of them"
            )


_MEASUREMENT_FIELDS = attrs.fields(Measurement)
_MEASUREMENT_PERIOD = attrs.validators.instance_of(Period)
_MEASUREMENT_MISSING = _OptionalOf(NotAssessedReason)


@attrs.frozen(kw_only=True)
class Series:
    """One series of an indicator: the total, women, men, an age group, or a reference.

    A reference series (``reference=True``, e.g. the national average "riket") is compared
    against, never judged itself.
    """

    key: str = attrs.field(validator=_check_id)
    label: str = attrs.field(default="", validator=_str)
    reference: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    measurements: tuple[Measurement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Measurement)
    )
    _by_period: dict[Period, Measurement] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_period", {m.period: m for m in self.measurements})

    def get(self, period: Period) -> Measurement | None:
        """The measurement for exactly this period, if any."""
        return self._by_period.get(period)

    def before(self, period: Period) -> list[Measurement]:
        """Measurements with a value, of the same period kind, that end before ``period``."""
        kind = period.kind
        return [
            m
            for m in self.measurements
            if m.value is not None and m.period.end < period.start and m.period.kind is kind
        ]


@attrs.frozen(kw_only=True)
class Judgement:
    """A person's assessment that overrides the derived status, with who and why.

    ``status`` is a level key of the plan's scale.
    """

    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    status: str = attrs.field(validator=_str)
    by: str = attrs.field(validator=_str)
    reason: str = attrs.field(default="", validator=_str)
    decided: date | None = attrs.field(default=None, validator=_OptionalOf(date))


@attrs.frozen(kw_only=True)
class Comment:
    """A comment on a node in one period's follow-up ("Kommentar")."""

    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    text: str = attrs.field(validator=_str)


@attrs.frozen(kw_only=True)
class Report:
    """An assignment's progress report or an activity's status for a period.

    For assignments ``status`` is a level of the plan's scale (green: done); for activities a
    level of :data:`~malstyrning.scales.ACTIVITY_STATUS`. None means the report gives words
    but no status.
    """

    period: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    status: str | None = attrs.field(default=None, validator=_optional_str)
    comment: str = attrs.field(default="", validator=_str)


# Shared by every indicator that gives no series (series are immutable): a default built per
# indicator would also be built again on every dump, to see whether the field is the default.
_TOTAL_ONLY = (Series(key="total"),)


def _children_repr(children: tuple[object, ...]) -> str:
    return f"<{len(children)} nodes>"


@attrs.frozen(kw_only=True)
class Indicator:
    """A quantitative indicator ("indikator", "mätetal", "nyckeltal").

    Args:
        id: stable id, unique in the plan.
        title: the indicator's wording, as in the plan.
        unit: "%", "rec/TIN", "antal", "index", "kr" ... or None.
        direction: whether higher or lower values are better.
        target: the target rule, or None where the plan gives none ("inga måltal").
        series: the series with their measurements; one series ``total`` by default.
        primary_series: the series that stands for the indicator (trend, pace, value shown);
            by default ``total`` or the first series that is not a reference.
        target_text: the target as the plan writes it ("<250 rec/TIN"), kept for display.
            A document may give only the text; loading parses it into ``target``
            (see :func:`~malstyrning.target_text.parse_target`).
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    unit: str | None = attrs.field(default=None, validator=_optional_str)
    direction: Direction = attrs.field(
        default=Direction.HIGHER_IS_BETTER, validator=attrs.validators.instance_of(Direction)
    )
    target: Rule | None = attrs.field(default=None, validator=_OptionalOf(RULE_TYPES))
    target_text: str | None = attrs.field(default=None, validator=_optional_str)
    series: tuple[Series, ...] = attrs.field(
        default=_TOTAL_ONLY, converter=_as_tuple, validator=_tuple_of(Series)
    )
    primary_series: str | None = attrs.field(default=None, validator=_optional_str)
    source: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    kind = "indicator"

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import node_html  # noqa: PLC0415

        return node_html(self)

    @property
    def main_series(self) -> Series:
        """The series that stands for the indicator."""
        if self.primary_series is not None:
            for series in self.series:
                if series.key == self.primary_series:
                    return series
        for series in self.series:
            if series.key == "total":
                return series
        for series in self.series:
            if not series.reference:
                return series
        return self.series[0]

    def series_named(self, key: str) -> Series | None:
        """The series with this key, if any."""
        return next((series for series in self.series if series.key == key), None)


@attrs.frozen(kw_only=True)
class YesNoMeasure:
    """A qualitative measure answered yes or no per period ("Mått – kvalitativt (Ja/Nej)")."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    expected: bool = attrs.field(default=True, validator=attrs.validators.instance_of(bool))
    measurements: tuple[Measurement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Measurement)
    )
    source: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    kind = "yes_no"

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import node_html  # noqa: PLC0415

        return node_html(self)

    @property
    def target(self) -> YesNo:
        """The implied rule: the expected answer."""
        return YesNo(expected=self.expected)


@attrs.frozen(kw_only=True)
class _Reported:
    """The fields of nodes judged by reports rather than by numbers."""

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    reports: tuple[Report, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Report)
    )
    description: str = attrs.field(default="", validator=_str)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import node_html  # noqa: PLC0415

        return node_html(self)


@attrs.frozen(kw_only=True)
class Assignment(_Reported):
    """A task given by the committee ("uppdrag"), assessed on progress rather than a number.

    Each report's status is a level of the plan's scale (green: done).
    """

    kind = "assignment"


@attrs.frozen(kw_only=True)
class Activity(_Reported):
    """An activity ("aktivitet") with a status per period: done, ongoing, planned, delayed.

    Each report's status is a level of :data:`~malstyrning.scales.ACTIVITY_STATUS`.
    """

    kind = "activity"


Leaf: TypeAlias = Indicator | YesNoMeasure | Assignment | Activity
"""A node with no children."""


@attrs.frozen(kw_only=True)
class Goal:
    """A goal at any level: goal area, strategy, strategic goal, result goal, success factor.

    Args:
        id: stable id, unique in the plan.
        title: the goal's wording, as in the plan.
        level: the key of one of the plan's levels (``strategy``, ``result_goal`` ...).
        owner: the committee or board that owns it ("Hälso- och sjukvårdsnämnden").
        children: sub-goals and leaves, in the plan's order.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    level: str = attrs.field(validator=_str)
    owner: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    children: tuple[Node, ...] = attrs.field(default=(), converter=_as_tuple, repr=_children_repr)
    judgements: tuple[Judgement, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Judgement)
    )
    comments: tuple[Comment, ...] = attrs.field(
        default=(), converter=_by_period, validator=_tuple_of(Comment)
    )
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)

    kind = "goal"

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import node_html  # noqa: PLC0415

        return node_html(self)


Node: TypeAlias = Goal | Indicator | YesNoMeasure | Assignment | Activity
"""Any node of a plan."""

NODE_TYPES: tuple[type[Node], ...] = (Goal, Indicator, YesNoMeasure, Assignment, Activity)


@attrs.frozen
class PlanLevel:
    """One of the plan's own level names: ``PlanLevel("strategy", "Strategi")``."""

    key: str = attrs.field(validator=_check_id)
    label: str = attrs.field(validator=_str)


_ID_OF = attrgetter("id")


class _Entry(NamedTuple):
    # Depth and path are derived from the parent chain when asked for: storing them would
    # make every insertion renumber the nodes after it, and a revision cost the plan's size.
    # A named tuple: one is made per node on every load, and it is cheaper than an attrs class.
    node: Node
    parent: str | None


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    """A goal-management plan: its levels, its goal tree and the follow-up data in it.

    Args:
        id: stable id of the plan (``vasternorrland-2022``).
        title: the plan's title as decided.
        organisation: the region, municipality or committee whose plan it is.
        validity: the period the plan covers (``2022-01-01/2024-12-31``, or ``2019``).
        levels: the plan's own level names, outermost first.
        goals: the top-level goals.
        scale: the scale statuses are reported on (three colours by default).
        vision: the vision the plan serves, if stated.
        reporting_period: the follow-up period the document reports, if it is a follow-up.
        units: units the plan uses beyond the built-in ones (:data:`BUILTIN_UNITS`), so that
            a misspelt unit ("rec/TlN") is caught rather than taken for a new one.
        extensions: anything a tool wants to keep with the plan (also on every node): JSON
            values under this reserved key are carried through every load and dump untouched.
        history: the revisions applied to the plan, oldest first, each with what undoes it
            (see :mod:`malstyrning.revisions`); empty for a plan as first decided.

    Raises:
        InvalidPlan: listing every breach: duplicate ids, unknown levels, statuses not on
            the scale, rules naming missing series, units or directions at odds with the
            indicator.
    """

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_str)
    organisation: str = attrs.field(validator=_str)
    validity: Period = attrs.field(validator=attrs.validators.instance_of(Period))
    levels: tuple[PlanLevel, ...] = attrs.field(converter=_as_tuple, validator=_tuple_of(PlanLevel))
    goals: tuple[Goal, ...] = attrs.field(converter=_as_tuple, validator=_tuple_of(Goal))
    scale: Scale = attrs.field(default=TRAFFIC_LIGHT, validator=attrs.validators.instance_of(Scale))
    vision: str | None = attrs.field(default=None, validator=_optional_str)
    description: str = attrs.field(default="", validator=_str)
    reporting_period: Period | None = attrs.field(default=None, validator=_OptionalOf(Period))
    units: tuple[str, ...] = attrs.field(default=(), converter=_as_tuple, validator=_tuple_of(str))
    extensions: FrozenMap[str, Any] = attrs.field(default=EMPTY, converter=freeze_json, repr=False)
    history: tuple[HistoryEntry, ...] = attrs.field(
        default=(), converter=_as_tuple, validator=lambda _, __, value: _check_history(value)
    )
    # A persistent map (a hash array mapped trie): a revised plan shares all but the changed
    # entries with the plan it came from, so applying an operation costs the tree's depth.
    _index: immutables.Map[str, _Entry] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self))

    # -- lookups --------------------------------------------------------------------------

    def __getitem__(self, node_id: str) -> Node:
        try:
            return self._index[node_id].node
        except KeyError:
            raise UnknownNode.for_id(
                node_id, self.id, difflib.get_close_matches(node_id, self._index, n=3)
            ) from None

    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""
        entry = self._index.get(node_id)
        return entry.node if entry else None

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[Node]:
        return self.walk()

    def walk(self) -> Iterator[Node]:
        """Every node, depth first in the plan's order (a goal before its children)."""
        stack: list[Node] = list(reversed(self.goals))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, Goal):
                stack.extend(reversed(node.children))

    def parent(self, node_id: str) -> Goal | None:
        """The goal a node sits under, or None for a top-level goal."""
        self[node_id]  # raises UnknownNode with suggestions
        parent = self._index[node_id].parent
        return None if parent is None else self._index[parent].node  # type: ignore[return-value]

    def ancestors(self, node_id: str) -> list[Goal]:
        """The goals above a node, outermost first."""
        chain: list[Goal] = []
        parent = self.parent(node_id)
        while parent is not None:
            chain.append(parent)
            parent = self.parent(parent.id)
        return chain[::-1]

    def depth(self, node_id: str) -> int:
        """0 for a top-level goal, 1 for its children, and so on."""
        self[node_id]
        depth = 0
        parent = self._index[node_id].parent
        while parent is not None:
            depth += 1
            parent = self._index[parent].parent
        return depth

    def path_of(self, node_id: str) -> str:
        """The node's place in the document (``$.goals[0].children[2]``)."""
        self[node_id]
        steps: list[str] = []
        current: str | None = node_id
        while current is not None:
            parent = self._index[current].parent
            above = None if parent is None else self._index[parent].node
            siblings: tuple[Node, ...] = above.children if isinstance(above, Goal) else self.goals
            position = list(map(_ID_OF, siblings)).index(current)
            steps.append(f".goals[{position}]" if parent is None else f".children[{position}]")
            current = parent
        return "$" + "".join(reversed(steps))

    # -- versions (malstyrning.revisions does the work) ------------------------------------

    @property
    def version(self) -> int:
        """1 for the plan as first decided, plus one for every revision applied since."""
        return len(self.history) + 1

    def as_of(self, when: date | str) -> Plan:
        """The plan as it stood on a date (``date`` or ``"2020-05-31"``), earlier history only."""
        return _revisions.as_of(self, when)

    def versions(self) -> tuple[Plan, ...]:
        """Every version of the plan, the original first and this one last."""
        return _revisions.versions(self)

    def node_history(self, node_id: str) -> tuple[NodeEvent, ...]:
        """When and by which decision a node was added, changed, replaced or struck."""
        return _revisions.node_history(self, node_id)

    def level_label(self, key: str) -> str:
        """The plan's own name for a level key."""
        for level in self.levels:
            if level.key == key:
                return level.label
        raise UnknownNode(f"plan {self.id!r} has no level {key!r}")

    def _repr_html_(self) -> str:
        # Jupyter's rich display; the report package imports this module, hence the late import.
        from malstyrning.report.notebook import plan_html  # noqa: PLC0415

        return plan_html(self)

    def __repr__(self) -> str:
        return (
            f"Plan(id={self.id!r}, title={self.title!r}, organisation={self.organisation!r}, "
            f"validity={self.validity!r}, nodes={len(self)})"
        )


def _build_index(plan: Plan) -> immutables.Map[str, _Entry]:
    index: dict[str, _Entry] = {}
    paths: dict[str, str] = {}
    problems: list[Problem] = []
    level_keys, units = _known_levels_and_units(plan)
    if len(level_keys) != len(plan.levels):
        problems.append(Problem("$.levels", "level keys must be unique"))

    def visit(node: Node, parent: str | None, path: str) -> None:
        if not isinstance(node, NODE_TYPES):
            problems.append(
                Problem(
                    path,
                    f"expected a goal, indicator, yes/no measure, assignment or "
                    f"activity (got {type(node).__name__})",
                )
            )
            return
        if node.id in index:
            problems.append(
                Problem(f"{path}.id", f"duplicate id {node.id!r} (first at {paths[node.id]})")
            )
        else:
            index[node.id] = _Entry(node, parent)
            paths[node.id] = path
        _check_content(plan, node, path, level_keys=level_keys, units=units, problems=problems)
        if isinstance(node, Goal):
            for position, child in enumerate(node.children):
                visit(child, node.id, f"{path}.children[{position}]")

    for position, goal in enumerate(plan.goals):
        visit(goal, None, f"$.goals[{position}]")
    if problems:
        raise InvalidPlan.from_problems(f"plan {plan.id!r} is not valid", problems)
    return immutables.Map(index)


def _known_levels_and_units(plan: Plan) -> tuple[set[str], AbstractSet[str]]:
    """The level keys and units a plan's nodes may use."""
    return {level.key for level in plan.levels}, BUILTIN_UNITS | set(plan.units)


def _check_content(
    plan: Plan,
    node: Node,
    path: str,
    *,
    level_keys: set[str],
    units: AbstractSet[str],
    problems: list[Problem],
) -> None:
    """What a plan checks of one node by itself (its ids and place are checked by the tree)."""
    _check_node(plan, node, path, level_keys=level_keys, units=units, problems=problems)
    _check_follow_up(plan, node, path, problems)


def _revised(
    plan: Plan,
    *,
    goals: tuple[Goal, ...],
    history: tuple[HistoryEntry, ...],
    placed: dict[str, tuple[Node, str | None]],
    removed: AbstractSet[str],
    changed: AbstractSet[str],
) -> Plan:
    """``plan`` with a changed goal tree, built from the changes alone (for revisions).

    ``placed`` gives every node whose object or parent changed (the path-copied ancestors
    included), ``removed`` the ids no longer in the tree and ``changed`` the nodes whose own
    content is new and must be checked. Everything else is shared with ``plan``: the cost is
    that of the changes, not of the plan.
    """
    _check_history(history)
    revised = object.__new__(Plan)
    for field in attrs.fields(Plan):
        if field.init:
            object.__setattr__(revised, field.name, getattr(plan, field.name))
    object.__setattr__(revised, "goals", goals)
    object.__setattr__(revised, "history", history)
    with plan._index.mutate() as index:
        for node_id in removed:
            index.pop(node_id, None)
        for node_id, (node, parent) in placed.items():
            index[node_id] = _Entry(node, parent)
        object.__setattr__(revised, "_index", index.finish())
    problems: list[Problem] = []
    level_keys, units = _known_levels_and_units(plan)
    for node_id in changed:
        found = revised.get(node_id)
        if found is not None:
            _check_content(
                revised,
                found,
                revised.path_of(node_id),
                level_keys=level_keys,
                units=units,
                problems=problems,
            )
    if problems:
        raise InvalidPlan.from_problems(f"plan {plan.id!r} is not valid", problems)
    return revised


def _check_follow_up(plan: Plan, node: Node, path: str, problems: list[Problem]) -> None:
    # Outcomes may predate the plan (baselines) and target levels may lie beyond it, but a
    # follow-up (judgement, report, comment) is always about a period the plan covers.
    entries: list[tuple[str, tuple[Judgement | Comment | Report, ...]]] = []
    if node.judgements:
        entries.append(("judgements", node.judgements))
    if node.comments:
        entries.append(("comments", node.comments))
    if isinstance(node, Assignment | Activity) and node.reports:
        entries.append(("reports", node.reports))
    for name, items in entries:
        for position, item in enumerate(items):
            if not plan.validity.overlaps(item.period):
                problems.append(
                    Problem(
                        f"{path}.{name}[{position}].period",
                        f"period {item.period} is outside the plan's validity {plan.validity}",
                    )
                )


def _check_node(
    plan: Plan,
    node: Node,
    path: str,
    *,
    level_keys: set[str],
    units: AbstractSet[str],
    problems: list[Problem],
) -> None:
    scale = plan.scale
    for position, judgement in enumerate(node.judgements):
        if judgement.status not in scale:
            problems.append(
                Problem(
                    f"{path}.judgements[{position}].status",
                    f"unknown status {judgement.status!r} on scale {scale.key!r} "
                    f"(expected one of {', '.join(scale.keys)})",
                )
            )
    if isinstance(node, Goal):
        if node.level not in level_keys:
            problems.append(
                Problem(
                    f"{path}.level",
                    f"unknown level {node.level!r} (the plan's levels: "
                    f"{', '.join(sorted(level_keys)) or 'none'})",
                )
            )
    elif isinstance(node, Indicator):
        _check_indicator(node, path, units, problems)
    elif isinstance(node, YesNoMeasure):
        for position, measurement in enumerate(node.measurements):
            if measurement.value is not None and not isinstance(measurement.value, bool):
                problems.append(
                    Problem(
                        f"{path}.measurements[{position}].value",
                        f"a yes/no measure takes true or false (got {measurement.value})",
                    )
                )
        _check_unique_periods(node.measurements, f"{path}.measurements", problems)
    else:
        report_scale = scale if isinstance(node, Assignment) else ACTIVITY_STATUS
        for position, report in enumerate(node.reports):
            if report.status is not None and report.status not in report_scale:
                problems.append(
                    Problem(
                        f"{path}.reports[{position}].status",
                        f"unknown status {report.status!r} on scale {report_scale.key!r} "
                        f"(expected one of {', '.join(report_scale.keys)})",
                    )
                )
        _check_unique_periods(node.reports, f"{path}.reports", problems)


def _check_unique_periods(
    items: tuple[Measurement | Report, ...], path: str, problems: list[Problem]
) -> None:
    seen: set[Period] = set()
    for position, item in enumerate(items):
        if item.period in seen:
            problems.append(
                Problem(f"{path}[{position}].period", f"a second entry for period {item.period}")
            )
        seen.add(item.period)


def _check_indicator(
    node: Indicator, path: str, units: AbstractSet[str], problems: list[Problem]
) -> None:
    keys = [series.key for series in node.series]
    if not keys:
        problems.append(Problem(f"{path}.series", "an indicator needs at least one series"))
    repeated_keys = len(set(keys)) < len(keys)
    for position, series in enumerate(node.series):
        if repeated_keys and keys.index(series.key) != position:
            problems.append(
                Problem(f"{path}.series[{position}].key", f"duplicate series {series.key!r}")
            )
        measurements = series.measurements
        for m_position, measurement in enumerate(measurements):
            if measurement.value.__class__ is bool:
                problems.append(
                    Problem(
                        f"{path}.series[{position}].measurements[{m_position}].value",
                        "an indicator takes numbers; use a yes/no measure for Ja/Nej",
                    )
                )
        # The series keys its measurements by period: as many keys as measurements means
        # no period repeats, without hashing them all again.
        if len(series._by_period) < len(measurements):
            _check_unique_periods(measurements, f"{path}.series[{position}].measurements", problems)
    if node.primary_series is not None and node.primary_series not in keys:
        problems.append(
            Problem(
                f"{path}.primary_series",
                f"no series {node.primary_series!r} (series: {', '.join(keys)})",
            )
        )
    if node.unit is not None and node.unit not in units:
        problems.append(_unknown_unit(f"{path}.unit", node.unit))
    if node.target is None:
        return
    where = f"{path}.target"
    for rule in iter_rules(node.target):
        if isinstance(rule, YesNo):
            problems.append(Problem(where, "a yes/no rule belongs on a yes/no measure"))
        elif isinstance(rule, SeriesTarget):
            if rule.series not in keys:
                problems.append(
                    Problem(
                        where,
                        f"the rule names series {rule.series!r}, which the indicator "
                        f"does not have (series: {', '.join(keys)})",
                    )
                )
        elif isinstance(rule, RelativeToReference) and rule.reference not in keys:
            problems.append(
                Problem(
                    where,
                    f"the rule compares with series {rule.reference!r}, which the "
                    f"indicator does not have (series: {', '.join(keys)})",
                )
            )
        unit = getattr(rule, "unit", None)
        if unit is not None:
            if unit not in units:
                problems.append(_unknown_unit(where, unit))
            if node.unit is not None and unit != node.unit:
                problems.append(
                    Problem(
                        where, f"the target is in {unit!r} but the indicator is in {node.unit!r}"
                    )
                )
        direction = rule_direction(rule)
        if direction is not None and direction is not node.direction:
            problems.append(
                Problem(
                    where,
                    f"the target rewards {direction.value.replace('_', ' ')} ({rule}) but the "
                    f"indicator says {node.direction.value.replace('_', ' ')}",
                )
            )


def _unknown_unit(path: str, unit: str) -> Problem:
    return Problem(
        path,
        f"unknown unit {unit!r}; use one of {', '.join(sorted(BUILTIN_UNITS))} or "
        "declare it in the plan's units",
    )


def _check_history(history: tuple[object, ...]) -> None:
    dates = []
    for position, entry in enumerate(history):
        if not isinstance(entry, HistoryEntry):
            raise InvalidPlan(
                f"history[{position}] must be a revision applied to the plan "
                f"(got {type(entry).__name__})"
            )
        dates.append(entry.revision.in_force)
    if dates != sorted(dates):
        raise InvalidPlan("the plan's history must list revisions in the order they take effect")


# Revisions build on the classes above, and a plan's history holds them: import them last.
from malstyrning import revisions as _revisions  # noqa: E402
from malstyrning.revisions import HistoryEntry, NodeEvent  # noqa: E402
