"""Batch evaluation: target rules judged column-wise over a long table of outcomes.

An analyst with a national table (290 municipalities × hundreds of KPIs × years × women /
men / total) should not loop over Python objects. :func:`evaluate_frame` takes a long table
with one outcome per row (unit, indicator, series, period, value) and the rules per
indicator, and adds the columns ``status``, ``reason``, ``target``, ``gap``, ``trend`` and
``pace``. The rules are expressed once, as `narwhals <https://narwhals-dev.github.io>`_
expressions, so the same code runs eagerly on pandas, polars and pyarrow and lazily on
DuckDB and Dask; the result has the input's type (a lazy frame stays lazy).

Every row is judged as the scalar evaluator (:func:`malstyrning.evaluate`) judges an
indicator's series in that row's period, with exactly its statuses: values and targets are
compared as scaled integers, never as floats (see :class:`BatchColumns` and ``places``).

>>> import polars as pl
>>> from malstyrning import Comparison, Threshold, Tolerance
>>> outcomes = pl.DataFrame({
...     "unit": ["0180", "0180", "1480"],
...     "indicator": ["N1", "N1", "N1"],
...     "series": ["T", "T", "T"],
...     "period": ["2022", "2023", "2023"],
...     "value": [4.2, 4.09, None],
... })
>>> rule = Threshold(comparison=Comparison.AT_LEAST, value=Decimal("4.10"),
...                  tolerance=Tolerance(Decimal("0.01")))
>>> result = evaluate_frame(outcomes, {"N1": rule})
>>> for row in result.sort("unit", "period").select("period", "status", "reason", "trend").rows():
...     print(row)
('2022', 'green', None, None)
('2023', 'yellow', None, 'worsening')
('2023', 'not_assessed', 'no_data', None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import attrs

from malstyrning.errors import InvalidTarget, MalstyrningError
from malstyrning.model import Indicator, Plan, YesNoMeasure
from malstyrning.periods import Period, PeriodKind
from malstyrning.rules import (
    RULE_TYPES,
    Change,
    Composite,
    Direction,
    Maintain,
    Rule,
    Threshold,
    Trajectory,
    YesNo,
    rule_direction,
)
from malstyrning.scales import TRAFFIC_LIGHT, Achievement, Scale

if TYPE_CHECKING:
    from malstyrning._batch import RuleTable

__all__ = [
    "OUTPUT_COLUMNS",
    "BatchColumns",
    "BatchInputError",
    "UnsupportedRule",
    "evaluate_frame",
]

FrameT = TypeVar("FrameT")

OUTPUT_COLUMNS = ("status", "reason", "target", "gap", "trend", "pace")
"""The columns :func:`evaluate_frame` adds (it replaces columns of the same names)."""

_Leaf: TypeAlias = Threshold | Maintain | Trajectory | Change | YesNo
_LEAVES = (Threshold, Maintain, Trajectory, Change, YesNo)
_INT64_LIMIT = 2**62  # headroom below 2**63 for sums of products
_FLOAT_EXACT = 2**52  # a float holds every integer up to here exactly
_MAX_PERIODS_PER_KIND = 62  # one bit per period in an int64 mask (trend and pace)


class BatchInputError(MalstyrningError, ValueError):
    """A table or option that batch evaluation cannot use; names the column or value."""

    @classmethod
    def missing_column(cls, role: str, name: str, present: Iterable[str]) -> BatchInputError:
        """A required column is not in the table."""
        return cls(
            f"the outcome table has no {role} column {name!r} (columns: "
            f"{', '.join(map(repr, present))}); name it with "
            f"columns=BatchColumns({role}=...)"
        )

    @classmethod
    def unreadable_period(cls, column: str, value: object, why: str) -> BatchInputError:
        """A value of the period column is not a period."""
        return cls(f"column {column!r}: {value!r} is not a period ({why})")

    @classmethod
    def too_large(cls, indicator: str, places: int, largest: Decimal) -> BatchInputError:
        """Values too large to compare exactly in 64-bit integers at ``places`` decimals."""
        return cls(
            f"indicator {indicator!r}: values up to {largest} at {places} decimals do not fit "
            "64-bit exact arithmetic for its rule; pass a smaller places= to evaluate_frame"
        )


class UnsupportedRule(InvalidTarget):
    """A rule that batch evaluation cannot express column-wise; names the indicator and rule."""

    @classmethod
    def for_rule(cls, indicator: str, rule: object, why: str) -> UnsupportedRule:
        """Name the indicator, the rule and why it cannot be judged column-wise."""
        return cls(
            f"indicator {indicator!r}: rule {type(rule).__name__} ({rule}) cannot be judged "
            f"in batch: {why}; evaluate this indicator with malstyrning.evaluate instead"
        )


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
class _Spec:
    """One indicator's rule, flattened into leaves, and its direction."""

    indicator: str
    direction: Direction | None  # None: no trend (yes/no measures)
    leaves: tuple[_Leaf, ...]
    needed: int
    pace: Trajectory | None

    @property
    def dated(self) -> bool:
        """Whether a part's target depends on the period judged (a trajectory)."""
        return any(isinstance(leaf, Trajectory) for leaf in self.leaves)

    @property
    def by_period(self) -> bool:
        """Whether judging a row needs its period: a trajectory, or a change's baseline."""
        return any(isinstance(leaf, Trajectory | Change) for leaf in self.leaves)


def _spec(indicator: str, rule: Rule | None, direction: Direction | None) -> _Spec:
    if rule is None:
        return _Spec(indicator=indicator, direction=direction, leaves=(), needed=0, pace=None)
    if isinstance(rule, Composite):
        for part in rule.rules:
            if not isinstance(part, _LEAVES):
                raise UnsupportedRule.for_rule(
                    indicator, rule, f"its part {type(part).__name__} is not a single-series rule"
                )
        leaves: tuple[_Leaf, ...] = tuple(rule.rules)  # type: ignore[arg-type]
        needed = rule.needed
    elif isinstance(rule, _LEAVES):
        leaves, needed = (rule,), 1
    else:
        raise UnsupportedRule.for_rule(
            indicator,
            rule,
            "it reads another series of the same indicator; batch rows judge their own series",
        )
    for leaf in leaves:
        if direction is None and isinstance(leaf, Maintain | Trajectory):
            raise UnsupportedRule.for_rule(
                indicator,
                leaf,
                "it follows the indicator's direction, which a bare rule does not give; "
                "pass an Indicator (with direction=) instead of the rule",
            )
    return _Spec(
        indicator=indicator,
        direction=direction,
        leaves=leaves,
        needed=needed,
        pace=rule if isinstance(rule, Trajectory) else None,
    )


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
        if isinstance(item, Indicator):
            specs.append(_spec(key, item.target, item.direction))
        elif isinstance(item, YesNoMeasure):
            specs.append(_spec(key, item.target, None))
        elif item is None or isinstance(item, RULE_TYPES):
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
    if rule is None or isinstance(rule, YesNo):
        return None
    if isinstance(rule, Composite):
        stated = {rule_direction(part) for part in rule.rules} - {None}
        return stated.pop() if len(stated) == 1 else None
    return rule_direction(rule)


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


def _tolerance(leaf: Threshold | Maintain | Trajectory | Change, scale: int) -> dict[str, int]:
    tolerance = leaf.tolerance
    if tolerance is None:
        return dict(_NO_TOLERANCE)
    places = 10 ** _decimals(tolerance.amount)
    amount = _integral(tolerance.amount * places)
    if tolerance.relative:
        return {"td": 100 * places, "ta": 0, "tr": amount}
    return {"td": places, "ta": amount * scale, "tr": 0}


def _slot(leaf: _Leaf, period: Period, direction: Direction | None, places: int) -> _Slot:
    s = 10**places
    if isinstance(leaf, YesNo):
        return _Slot(kind=2, expected=leaf.expected)
    if isinstance(leaf, Change):
        by = leaf.by or Decimal(0)
        q = 10 ** _decimals(by)
        x = _integral(by * q)
        k = 100 * q
        sign = leaf.direction.sign
        fallback = None
        if leaf.baseline_value is not None:
            scaled = leaf.baseline_value * s
            if scaled != scaled.to_integral_value():
                raise BatchInputError(
                    f"Change.baseline_value {leaf.baseline_value} has more than {places} "
                    "decimals; pass a larger places= to evaluate_frame"
                )
            fallback = int(scaled)
        tolerance = _tolerance(leaf, s)
        tolerance["ta"] *= k if tolerance["ta"] > 0 else 1
        return _Slot(
            kind=1,
            sign=sign,
            k=k,
            rc=0 if leaf.relative else sign * 100 * x * s,
            rb=k,
            ra=sign * x if leaf.relative else 0,
            inclusive=leaf.by is not None,
            baseline=leaf.baseline,
            fallback=fallback,
            td=tolerance["td"],
            ta=tolerance["ta"],
            tr=tolerance["tr"],
        )
    if isinstance(leaf, Trajectory):
        target = leaf.target_for(period)
        if target is None:
            return _Slot(kind=3)
    else:
        target = leaf.value if isinstance(leaf, Threshold) else leaf.level
    if isinstance(leaf, Threshold):
        sign, inclusive = leaf.comparison.direction.sign, leaf.comparison.inclusive
    else:
        assert direction is not None  # checked in _spec
        sign, inclusive = direction.sign, True
    k = 10 ** max(0, _decimals(target) - places)
    tolerance = _tolerance(leaf, s)
    if tolerance["ta"] > 0:
        tolerance["ta"] *= k
    return _Slot(
        kind=1,
        sign=sign,
        k=k,
        rc=_integral(target * s * k),
        inclusive=inclusive,
        td=tolerance["td"],
        ta=tolerance["ta"],
        tr=tolerance["tr"],
    )


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding="ROUND_CEILING"))


def build_rule_table(
    specs: Mapping[str, _Spec],
    pairs: Iterable[tuple[str, object]],
    periods: Mapping[object, Period],
    *,
    places: int,
    largest: Decimal,
    history: bool = True,
) -> RuleTable:
    """The small table joined onto the outcomes: one row per indicator and period present.

    ``history``: trend or pace is asked for, so periods get their index within their kind.
    """
    from malstyrning._batch import RuleTable  # noqa: PLC0415 - narwhals only when batch runs

    scale = 10**places
    largest_scaled = _ceil(largest * scale) + 1
    if largest_scaled >= _FLOAT_EXACT:
        raise BatchInputError(
            f"values up to {largest} cannot be scaled to {places} decimals exactly; "
            "pass a smaller places= to evaluate_frame"
        )
    distinct = sorted(set(periods.values()), key=lambda p: (p.start, p.end))
    ids: dict[Period, int] = {period: i for i, period in enumerate(distinct)}
    index: dict[Period, int] = dict.fromkeys(distinct, 0)
    for kind in PeriodKind if history else ():
        same = [period for period in distinct if period.kind is kind]
        if len(same) > _MAX_PERIODS_PER_KIND:
            raise BatchInputError(
                f"the table has {len(same)} periods of kind {kind.value}; trend and pace "
                f"compare at most {_MAX_PERIODS_PER_KIND}: pass trend=False, pace=False"
            )
        index.update({period: i for i, period in enumerate(same)})
    width = max((len(spec.leaves) for spec in specs.values()), default=0)
    table = RuleTable(width=width, max_index=max(index.values(), default=0))
    by_period = {
        period: table.period_values(
            period_id=ids[period],
            kind=period.kind.value,
            index=index[period],
            end_month=period.end.year * 12 + period.end.month,
        )
        for period in distinct
    }
    # A part's integers depend on the period only for trajectories: work them out once per
    # indicator otherwise (a national table has thousands of indicator-period pairs).
    parts: dict[tuple[str, Period | None], tuple[int, ...]] = {}
    no_pace = table.pace_values({})
    for indicator, raw in pairs:
        spec = specs.get(indicator) or _spec(indicator, None, None)
        period = periods[raw]
        key = (indicator, period if spec.dated else None)
        part = parts.get(key)
        if part is None:
            slots = [_slot(leaf, period, spec.direction, places) for leaf in spec.leaves]
            for slot in slots:
                fallback = abs(slot.fallback or 0)
                if slot.bound(max(largest_scaled, fallback)) >= _INT64_LIMIT:
                    raise BatchInputError.too_large(spec.indicator, places, largest)
            part = parts[key] = table.slot_values(
                slots,
                baselines=[
                    # -1: the part has no baseline; -2: its baseline period is not in the table.
                    ids.get(slot.baseline, -2) if slot.baseline is not None else -1
                    for slot in slots
                ],
            )
        pace = no_pace
        upcoming = spec.pace.next_level(period) if spec.pace is not None else None
        if upcoming is not None and spec.direction is not None:
            target = upcoming.value * scale * spec.direction.sign
            pace = table.pace_values(
                {
                    "cut": _ceil(target),
                    "value": float(upcoming.value),
                    "end_month": upcoming.period.end.year * 12 + upcoming.period.end.month,
                }
            )
        table.add(
            indicator=indicator,
            raw_period=raw,
            period=by_period[period],
            direction=spec.direction.sign if spec.direction is not None else 0,
            needed=spec.needed,
            parts=len(spec.leaves),
            pace=pace,
            slots=part,
        )
    return table


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


def evaluate_frame(
    outcomes: FrameT,
    rules: RulesLike,
    *,
    columns: BatchColumns | None = None,
    scale: Scale = TRAFFIC_LIGHT,
    places: int = 4,
    trend: bool = True,
    pace: bool = True,
) -> FrameT:
    """Judge every row of a long outcome table by its indicator's rule, column-wise.

    Args:
        outcomes: a pandas, polars or pyarrow table, or a DuckDB relation, a Dask or polars
            lazy frame (anything narwhals reads), one row per unit, indicator, series and
            period.
        rules: a :class:`~malstyrning.model.Plan` (its indicators and yes/no measures) or a
            mapping from indicator id to a rule, an ``Indicator`` or a ``YesNoMeasure``.
            Maintain and trajectories follow the indicator's direction, so give those as
            indicators. Rows of indicators without a rule are ``not_assessed``/``no_target``.
        columns: the table's column names (:class:`BatchColumns`).
        scale: the scale whose level keys ``status`` holds (default the traffic light).
        places: the decimals values are compared at. Values and targets become integers
            scaled by ``10**places`` (targets with more decimals are compared exactly all
            the same), so a value on a threshold is judged as the scalar evaluator judges
            it, never as a float rounding error would. Values with more decimals are
            rounded to ``places`` first.
        trend: add ``trend`` (improving / unchanged / worsening against the previous
            valued period of the same kind).
        pace: add ``pace`` (the growth-ratio status towards a trajectory's next level).

    Returns:
        The table, of the input's type, with ``status`` (a level key or ``not_assessed``),
        ``reason`` (why not assessed, else null), ``target`` and ``gap`` (floats, for
        display), ``trend`` and ``pace``. On polars ``status`` is an ``Enum`` of the
        scale's levels in rank order and ``reason`` a ``Categorical`` (a byte or four a
        row instead of a text's sixteen); elsewhere both are text.

    Raises:
        UnsupportedRule: a rule that needs another series (per-series or reference targets)
            or a nested composite; the message names the indicator and the rule.
        BatchInputError: a column is missing, a period unreadable, or values too large for
            exact comparison at ``places``.
    """
    from malstyrning import _batch  # noqa: PLC0415 - `import malstyrning` never loads narwhals

    if not 0 <= places <= 9:
        raise BatchInputError(f"places must be between 0 and 9 (got {places})")
    for achievement in Achievement:
        scale.level_for(achievement)  # a scale that cannot judge rules fails here
    result: FrameT = _batch.evaluate(
        outcomes,
        specs_by_indicator(rules),
        columns=columns or BatchColumns(),
        scale=scale,
        places=places,
        trend=trend,
        pace=pace,
    )
    return result
