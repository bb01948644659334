"""Batch evaluation's rules as integers, for the column-wise engine.

Each indicator's rule, from its numeric description
(:meth:`malstyrning.rules.Rule.demand`), becomes slots of scaled integers that the narwhals engine
(:mod:`malstyrning._batch`) compares column-wise. Private: :mod:`malstyrning.batch` is the
public face; nothing here imports a data-frame library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeAlias

import attrs

from malstyrning.errors import BatchInputError, MalstyrningError, UnsupportedRule
from malstyrning.model import Indicator, Plan, YesNoMeasure
from malstyrning.pace import method_for
from malstyrning.pace_method import DEFAULT_PACE_METHOD, PaceMethod
from malstyrning.periods import Period, PeriodKind
from malstyrning.rules import Bound, Demand, Direction, Rule, iter_rules

__all__ = [
    "OUTPUT_COLUMNS",
    "BatchColumns",
    "RulesLike",
    "parse_periods",
    "specs_by_indicator",
]

OUTPUT_COLUMNS = ("status", "reason", "target", "gap", "trend", "pace")
"""The columns :func:`evaluate_frame` adds (it replaces columns of the same names)."""

# Any period will do to ask whether a rule can be stated as numbers at all: whether it can
# does not depend on the period, only what it demands does.
_PROBE = Period.year(2000)
_INT64_LIMIT = 2**62  # headroom below 2**63 for sums of products
_FLOAT_EXACT = 2**52  # a float holds every integer up to here exactly
_MAX_PERIODS_PER_KIND = 62  # one bit per period in an int64 mask (trend and pace)


@attrs.frozen(kw_only=True)
class BatchColumns:
    """The names of the outcome table's columns.

    ``indicator``, ``period`` and ``value`` are required. ``unit`` (the municipality or
    region), ``series`` (T / K / M) and ``missing`` (why a value is missing, a
    :class:`~malstyrning.scales.NotAssessedReason` value such as ``measured_later``) are used
    when the table has them. Periods are texts or years (``"2019"``, ``"2019-T1"``, ``2019``);
    values are numbers, yes/no measures 1 (yes) or 0 (no).

    >>> BatchColumns(unit="kommun", indicator="kpi").indicator
    'kpi'
    """

    unit: str = attrs.field(default="unit", validator=attrs.validators.instance_of(str))
    indicator: str = attrs.field(default="indicator", validator=attrs.validators.instance_of(str))
    series: str = attrs.field(default="series", validator=attrs.validators.instance_of(str))
    period: str = attrs.field(default="period", validator=attrs.validators.instance_of(str))
    value: str = attrs.field(default="value", validator=attrs.validators.instance_of(str))
    missing: str = attrs.field(default="missing", validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class _Item:
    """One column-wise part of a rule: a bound of a leaf rule, or a node combining parts.

    An indicator's rule becomes its items in post-order (every part before the node that
    combines it, parts in the order the rule states them), so that a node's first part not
    judged is the one with the lowest index, as :meth:`Composite.judge` picks it.
    """

    parent: int  # the node this item counts towards; -1: the rule itself
    leaf: Rule | None = None  # a leaf rule (its ``bound``-th bound); None: a node
    bound: int = 0
    series: str | None = None  # the series the leaf judges (None: the row's own)
    need: int = 0  # a composite node: how many parts must reach a level
    band: int = 0  # a node over one leaf's bounds (a band): how many bounds it has


@attrs.frozen(kw_only=True)
class _Spec:
    """One indicator's rule as the items whose demands become slots, and its direction."""

    indicator: str
    direction: Direction | None  # None: no trend (yes/no measures)
    items: tuple[_Item, ...] = ()
    # Pace is judged towards what malstyrning.pace.pace_targets finds in the rule, by the
    # method in force for the indicator (its own, its goal level's or the plan's).
    rule: Rule | None = None
    method: PaceMethod = DEFAULT_PACE_METHOD

    @property
    def leaves(self) -> tuple[Rule, ...]:
        """The distinct leaf rules, in the order of their first item."""
        return tuple(item.leaf for item in self.items if item.leaf is not None and item.bound == 0)

    @property
    def root(self) -> int:
        """The item whose verdict is the rule's (the last; 0 for a rule of one bound)."""
        return len(self.items) - 1

    @property
    def gap_items(self) -> int:
        """Where the rule shows a target and gap: 1 (item 0), 2 (the nearer of items 0, 1).

        The scalar evaluator shows them for a rule of one bound or one band (inside any
        per-series wrapper), never for a composite.
        """
        if not self.items:
            return 0
        root = self.items[-1]
        if root.leaf is not None:
            return 1
        return root.band

    @property
    def series_named(self) -> set[str]:
        """The series other than the row's own that judging a row reads."""
        named: set[str] = set()
        for item in self.items:
            if item.leaf is None:
                continue
            if item.series is not None:
                named.add(item.series)
            demand = item.leaf.demand(_PROBE, self.direction)
            for bound in demand.bounds if demand is not None else ():
                if bound.anchor is not None and bound.anchor.series is not None:
                    named.add(bound.anchor.series)
        return named

    @property
    def by_period(self) -> bool:
        """Whether judging a row needs its period: a dated target, or a baseline period."""
        for leaf in self.leaves:
            if leaf.dated:
                return True
            demand = leaf.demand(_PROBE, self.direction)
            if demand is not None and any(
                bound.anchor is not None and bound.anchor.period is not None
                for bound in demand.bounds
            ):
                return True
        return False

    def demands(self, period: Period) -> tuple[Demand, ...]:
        """What each leaf demands in ``period``."""
        demands = []
        for leaf in self.leaves:
            demand = leaf.demand(period, self.direction)
            assert demand is not None  # checked in _spec
            demands.append(demand)
        return tuple(demands)


def _flatten(indicator: str, rule: Rule, direction: Direction | None) -> list[_Item]:
    """The rule's items in post-order (see :class:`_Item`); refuses what has no numbers."""
    items: list[dict[str, Any]] = []

    def visit(part: Rule, series: str | None) -> int:
        if part.needed is not None:
            children = [visit(child, series) for child in part.parts]
            items.append({"parent": -1, "need": part.needed})
            for child in children:
                items[child]["parent"] = len(items) - 1
            return len(items) - 1
        if part.series_judged is not None and len(part.parts) == 1:
            # A per-series wrapper: its part judges the named series (the innermost wins).
            return visit(part.parts[0], part.series_judged)
        demand = part.demand(_PROBE, direction)
        if demand is None:
            raise UnsupportedRule.for_rule(
                indicator,
                part,
                "it follows the indicator's direction, which a bare rule does not give; "
                "pass an Indicator (with direction=) instead of the rule"
                if not part.parts
                else "it has no numeric description (Rule.demand) to judge in columns",
            )
        anchored = {b.anchor.series for b in demand.bounds if b.anchor is not None}
        if not set(part.series_read) <= anchored:
            raise UnsupportedRule.for_rule(
                indicator, part, "it reads series its numeric description does not name"
            )
        count = max(len(demand.bounds), 1)
        items.extend(
            {"parent": -1, "leaf": part, "bound": bound, "series": series} for bound in range(count)
        )
        if count == 1:
            return len(items) - 1
        items.append({"parent": -1, "band": count})
        for child in range(len(items) - 1 - count, len(items) - 1):
            items[child]["parent"] = len(items) - 1
        return len(items) - 1

    visit(rule, None)
    return [_Item(**fields) for fields in items]


def _spec(
    indicator: str,
    rule: Rule | None,
    direction: Direction | None,
    method: PaceMethod = DEFAULT_PACE_METHOD,
) -> _Spec:
    if rule is None:
        return _Spec(indicator=indicator, direction=direction, method=method)
    items = tuple(_flatten(indicator, rule, direction))
    return _Spec(indicator=indicator, direction=direction, items=items, rule=rule, method=method)


RulesLike: TypeAlias = Plan | Mapping[str, Rule | Indicator | YesNoMeasure | None]


def _specs(rules: RulesLike) -> list[_Spec]:
    nodes: Iterable[tuple[str, object]]
    if isinstance(rules, Plan):
        nodes = ((node.id, node) for node in rules.walk())
    elif isinstance(rules, Mapping):
        nodes = rules.items()
    else:
        raise BatchInputError(
            f"rules must be a Plan or a mapping of indicator ids to rules or indicators "
            f"(got {type(rules).__name__})"
        )
    specs = []
    for key, item in nodes:
        if isinstance(item, Indicator) and item.aggregation is not None:
            # A row is judged by its own period alone; the scalar evaluator would also let
            # shorter periods answer for a longer one (a baseline year, say).
            raise UnsupportedRule(
                f"indicator {key!r}: outcomes of shorter periods answer for longer ones "
                f"(aggregation {item.aggregation.value!r}), which batch evaluation cannot "
                "do; evaluate this indicator with malstyrning.evaluate instead"
            )
        if isinstance(item, Indicator):
            method = (
                method_for(rules, item)
                if isinstance(rules, Plan)
                else item.pace or DEFAULT_PACE_METHOD
            )
            specs.append(_spec(key, item.target, item.direction, method))
        elif isinstance(item, YesNoMeasure):
            specs.append(_spec(key, item.target, None))
        elif item is None or isinstance(item, Rule):
            rule: Any = item
            direction = _stated_direction(rule)
            specs.append(_spec(key, rule, direction))
        elif isinstance(rules, Mapping):
            raise BatchInputError(
                f"rules[{key!r}] must be a rule, an Indicator or a YesNoMeasure "
                f"(got {type(item).__name__})"
            )
    return specs


def _stated_direction(rule: Rule | None) -> Direction | None:
    if rule is None or not rule.numeric:
        return None
    # Every leaf, however deep in composites and per-series wrappers.
    stated = {part.stated_direction for part in iter_rules(rule) if not part.parts} - {None}
    return stated.pop() if len(stated) == 1 else None


# -- exact integer forms of each leaf ------------------------------------------------------


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _integral(value: Decimal) -> int:
    # Only called on values scaled so that they are whole numbers.
    assert value == value.to_integral_value(), value
    return int(value)


@attrs.frozen(kw_only=True)
class _Slot:
    """One leaf judged in one period, as integers over the value scaled by 10**places.

    With ``v`` the scaled value and ``b`` the scaled baseline: ``R = rc + rb*b + ra*|b|`` is
    the target times ``S*k``; the margin is ``M = sign*(k*v - R)``; met when ``M > 0`` (or
    ``M == 0`` if ``inclusive``), near when ``-M*td <= ta + |R|*tr``.
    """

    kind: int  # 1 numeric, 2 yes/no, 3 not yet due
    sign: int = 1
    k: int = 1
    rc: int = 0
    rb: int = 0
    ra: int = 0
    inclusive: bool = True
    td: int = 0
    ta: int = -1
    tr: int = 0
    baseline: Period | None = None
    reference: str | None = None  # the series the anchor is read from, in the row's period
    why: str = ""  # why the part is not judged when its anchor has no value
    fallback: int | None = None
    expected: bool = True

    def bound(self, largest: int) -> int:
        """The largest magnitude any intermediate product reaches for |values| <= largest."""
        target = abs(self.rc) + (abs(self.rb) + abs(self.ra)) * largest
        margin = self.k * largest + target
        return max(margin * max(self.td, 1), abs(self.ta) + target * self.tr)

    @property
    def met_from(self) -> int:
        """The smallest margin that meets the target: ``M > 0``, or ``M >= 0`` if inclusive."""
        return 0 if self.inclusive else 1

    @property
    def band_reads_baseline(self) -> bool:
        """Whether the tolerance band depends on the row's baseline (a relative band on R)."""
        return self.tr != 0 and (self.rb != 0 or self.ra != 0)

    @property
    def near_from(self) -> int:
        """The smallest margin within the tolerance band, when the band is a constant.

        ``-M*td <= C`` with ``C = ta + |R|*tr``: for ``td > 0`` that is ``M >= ceil(-C/td)``;
        without a tolerance (``td == 0``) it holds for every margin or for none. The bound
        check keeps every margin below ``2**62`` in magnitude, so ``±2**62`` stand for
        "every" and "none". Not used when :attr:`band_reads_baseline`.
        """
        band = self.ta + abs(self.rc) * self.tr
        if self.td == 0:
            return -_INT64_LIMIT if band >= 0 else _INT64_LIMIT
        return -(band // self.td)


_NO_TOLERANCE: dict[str, int] = {"td": 0, "ta": -1, "tr": 0}


def _tolerance(bound: Bound, scale: int) -> dict[str, int]:
    tolerance = bound.tolerance
    if tolerance is None:
        return dict(_NO_TOLERANCE)
    places = 10 ** _decimals(tolerance.amount)
    amount = _integral(tolerance.amount * places)
    if tolerance.relative:
        return {"td": 100 * places, "ta": 0, "tr": amount}
    return {"td": places, "ta": amount * scale, "tr": 0}


def _slots(demand: Demand, places: int) -> list[_Slot]:
    """The integer slots of one leaf's demand: one per bound (a band has two)."""
    if demand.expected is not None:
        return [_Slot(kind=2, expected=demand.expected)]
    if demand.not_due_before is not None:
        return [_Slot(kind=3)]
    return [_slot(bound, places) for bound in demand.bounds]


def _slot(bound: Bound, places: int) -> _Slot:
    s = 10**places
    sign = bound.direction.sign
    anchor = bound.anchor
    if anchor is not None:
        if anchor.period is not None and anchor.series is not None:
            raise UnsupportedRule(
                f"a target measured from series {anchor.series!r} in period "
                f"{anchor.period.format()} cannot be judged in columns; evaluate it with "
                "malstyrning.evaluate"
            )
        amount = anchor.amount or Decimal(0)
        q = 10 ** _decimals(amount)
        x = _integral(amount * q)
        k = 100 * q
        fallback = None
        if anchor.fallback is not None:
            scaled = anchor.fallback * s
            if scaled != scaled.to_integral_value():
                raise BatchInputError(
                    f"the baseline value {anchor.fallback} has more than {places} "
                    "decimals; pass a larger places= to evaluate_frame"
                )
            fallback = int(scaled)
        tolerance = _tolerance(bound, s)
        tolerance["ta"] *= k if tolerance["ta"] > 0 else 1
        return _Slot(
            kind=1,
            sign=sign,
            k=k,
            rc=0 if anchor.relative else 100 * x * s,
            rb=k,
            ra=x if anchor.relative else 0,
            inclusive=bound.inclusive,
            baseline=anchor.period,
            reference=anchor.series,
            why=anchor.reason.value,
            fallback=fallback,
            td=tolerance["td"],
            ta=tolerance["ta"],
            tr=tolerance["tr"],
        )
    target = bound.target
    k = 10 ** max(0, _decimals(target) - places)
    tolerance = _tolerance(bound, s)
    if tolerance["ta"] > 0:
        tolerance["ta"] *= k
    return _Slot(
        kind=1,
        sign=sign,
        k=k,
        rc=_integral(target * s * k),
        inclusive=bound.inclusive,
        td=tolerance["td"],
        ta=tolerance["ta"],
        tr=tolerance["tr"],
    )


def _width(spec: _Spec) -> int:
    return len(spec.items)


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding="ROUND_CEILING"))


def specs_by_indicator(rules: RulesLike) -> dict[str, _Spec]:
    """The rules as flattened specs, by indicator id."""
    return {spec.indicator: spec for spec in _specs(rules)}


def parse_periods(column: str, values: Iterable[object]) -> dict[object, Period]:
    parsed: dict[object, Period] = {}
    for raw in values:
        if raw is None:
            raise BatchInputError(f"column {column!r} has empty periods; every row needs one")
        try:
            period = Period.parse(str(raw))
        except MalstyrningError as error:
            raise BatchInputError.unreadable_period(column, raw, str(error)) from None
        if period.kind is PeriodKind.RANGE:
            raise BatchInputError.unreadable_period(
                column,
                raw,
                "batch evaluation needs calendar periods: years, halves, "
                "tertials, quarters or months",
            )
        parsed[raw] = period
    return parsed
