"""The narwhals expressions behind :func:`malstyrning.batch.evaluate_frame`.

Written once against narwhals' common subset, so that the same code runs on pandas, polars,
pyarrow, DuckDB and Dask: no window functions (pyarrow and Dask have no ordered ones, and
Dask's unordered ones need a unique index, which a join does not leave), only elementwise
expressions, group-by aggregations and joins. Integer columns never hold nulls (pandas would
turn them into floats and lose exactness): absent values are sentinels with a flag beside
them.

The query is kept small, because its size is what the batch path costs: a rule column that
holds one value for every indicator and period becomes a literal instead of a joined column;
the rule table is joined on the indicator alone when no joined column changes with the
period; each part's "met" and "near" tests are margins compared with integer cutoffs worked
out in Python; a single-part table skips the composite counting; trend and pace machinery
is built only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs
import narwhals as nw

from malstyrning._batch_rules import (
    _FLOAT_EXACT,
    _INT64_LIMIT,
    _MAX_PERIODS_PER_KIND,
    OUTPUT_COLUMNS,
    BatchColumns,
    _ceil,
    _Slot,
    _slots,
    _Spec,
    _spec,
    _width,
    parse_periods,
)
from malstyrning.errors import BatchInputError
from malstyrning.periods import Period, PeriodKind
from malstyrning.rules import Demand
from malstyrning.scales import Achievement, Scale

# The prefix of every working column, dropped from the result. Names differ in more than
# case: DuckDB's are case-insensitive.
_P = "_b_"
_MISSING = 9  # rank of a part that could not be judged
_ABSENT = 8  # rank of a slot the indicator's rule does not use
_NO_INDEX = 10**6  # larger than any period index: "no valued period"
_ON_TRACK = 0.95
_ACCELERATION_NEEDED = 0.6
# Kinds of slot (see malstyrning.batch._Slot.kind); 0: the indicator's rule has no such part.
_NO_PART, _NUMERIC, _YES_NO, _NOT_YET_DUE = 0, 1, 2, 3
# Each slot j of the rule table has the columns f"{field}{j}"; a slot the rule does not use
# holds these values. ``me``/``ne``: the smallest margin that is met / near (cutoffs).
_SLOT_DEFAULTS: dict[str, int] = {
    "k": _NO_PART,
    "s": 1,
    "mul": 1,
    "rc": 0,
    "me": 0,
    "ne": 0,
    "rb": 0,
    "ra": 0,
    "td": 0,
    "ta": -1,
    "tr": 0,
    "bp": -1,
    "bf": 0,
    "hf": 0,
    "ye": 1,
}
_FLOAT_COLUMNS = frozenset({"pval"})
# The columns of a rule table row before its slots.
_ROW_FIELDS = (
    "indicator",
    "period",
    "pid",
    "kind",
    "ix",
    "bit",
    "end",
    "dir",
    "need",
    "np",
    "near",
)
_PACE_FIELDS = ("pok", "pcut", "pval", "pend")


@attrs.define
class RuleTable:
    """The small rule table: one row per indicator and period present, built row by row."""

    width: int
    max_index: int
    rows: list[tuple[Any, ...]] = attrs.field(factory=list)
    kinds: list[set[int]] = attrs.field(factory=list)  # the kinds of part each slot holds
    baseline_slots: set[int] = attrs.field(factory=set)  # slots with a Change part
    band_slots: set[int] = attrs.field(factory=set)  # ... whose relative band reads it
    _columns: dict[str, list[Any]] | None = attrs.field(default=None, init=False)
    _constant: dict[str, bool] = attrs.field(factory=dict, init=False)

    def __attrs_post_init__(self) -> None:
        self.kinds = [set() for _ in range(self.width)]

    @property
    def names(self) -> list[str]:
        """The columns, in the order of a row's values."""
        slots = [f"{field}{j}" for j in range(self.width) for field in _SLOT_DEFAULTS]
        return [*_ROW_FIELDS, *_PACE_FIELDS, *slots]

    @staticmethod
    def period_values(*, period_id: int, kind: str, index: int, end_month: int) -> tuple[Any, ...]:
        """What a row holds about its period: ``pid``, ``kind``, ``ix``, ``bit``, ``end``."""
        return (period_id, kind, index, 2**index, end_month)

    @staticmethod
    def pace_values(pace: Mapping[str, Any]) -> tuple[Any, ...]:
        """What a row holds about the next level of its trajectory (none: ``{}``)."""
        return (
            int(bool(pace)),
            pace.get("cut", 0),
            pace.get("value", 1.0),
            pace.get("end_month", 0),
        )

    def slot_values(self, slots: Sequence[_Slot], baselines: Sequence[int]) -> tuple[int, ...]:
        """The integers of an indicator's parts, slot by slot (see ``_SLOT_DEFAULTS``)."""
        row: list[int] = []
        for j in range(self.width):
            values = dict(_SLOT_DEFAULTS)
            if j < len(slots):
                slot = slots[j]
                values |= {
                    "k": slot.kind,
                    "s": slot.sign,
                    "mul": slot.k,
                    "rc": slot.rc,
                    "rb": slot.rb,
                    "ra": slot.ra,
                    "td": slot.td,
                    "ta": slot.ta,
                    "tr": slot.tr,
                    "bp": baselines[j],
                    "bf": slot.fallback or 0,
                    "hf": int(slot.fallback is not None),
                    "ye": int(slot.expected),
                }
                if slot.kind == _NUMERIC:
                    values["me"] = slot.met_from
                    values["ne"] = 0 if slot.band_reads_baseline else slot.near_from
                if slot.baseline is not None:
                    self.baseline_slots.add(j)
                if slot.band_reads_baseline:
                    self.band_slots.add(j)
            self.kinds[j].add(values["k"])
            row += values.values()
        return tuple(row)

    def add(
        self,
        *,
        indicator: str,
        raw_period: object,
        period: tuple[Any, ...],
        direction: int,
        needed: int,
        parts: int,
        nearest: bool,
        pace: tuple[Any, ...],
        slots: tuple[int, ...],
    ) -> None:
        """Add the row of one indicator in one period.

        ``nearest``: the parts are the bounds of one band, whose gap is the nearest bound's.
        """
        self.rows.append(
            (indicator, raw_period, *period, direction, needed, parts, int(nearest), *pace, *slots)
        )

    @property
    def data(self) -> dict[str, list[Any]]:
        """The table column by column (once every row is added)."""
        if self._columns is None:
            self._columns = dict(
                zip(self.names, map(list, zip(*self.rows, strict=True)), strict=True)
            )
        return self._columns

    def constant(self, name: str) -> bool:
        """Whether every row holds the same value in this column."""
        if name not in self._constant:
            values = self.data[name]
            self._constant[name] = all(value == values[0] for value in values)
        return self._constant[name]

    def dtype(self, name: str) -> nw.dtypes.DType:
        """The column's narwhals type (``kind`` is a text, ``pval`` a float, the rest ints)."""
        if name == "kind":
            return nw.String()
        return nw.Float64() if name in _FLOAT_COLUMNS else nw.Int64()

    def expr(self, name: str) -> nw.Expr:
        """A literal if the column is constant, else the joined column."""
        if self.constant(name):
            return nw.lit(self.data[name][0], dtype=self.dtype(name))
        return nw.col(_P + name)

    def times(self, name: str, expression: nw.Expr) -> nw.Expr:
        """The column times the expression (no product where it is a constant 1 or -1)."""
        if self.constant(name) and self.data[name][0] in {1, -1}:
            return expression if self.data[name][0] == 1 else -expression
        return self.expr(name) * expression

    def varies_by_period(self, names: Sequence[str]) -> bool:
        """Whether any of these columns holds different values in two periods of an indicator."""
        seen: dict[object, tuple[Any, ...]] = {}
        columns = [self.data[name] for name in names]
        for row, indicator in enumerate(self.data["indicator"]):
            values = tuple(column[row] for column in columns)
            if seen.setdefault(indicator, values) != values:
                return True
        return False


def _needed(table: RuleTable, *, trend: bool, pace: bool) -> list[str]:
    """The rule columns the query reads (constant ones become literals, not joins)."""
    names = ["need", "np", "near"] if table.width > 1 else []
    for j in range(table.width):
        names += [f"{field}{j}" for field in ("k", "s", "mul", "rc", "me", "ne", "ye")]
        if j in table.baseline_slots:
            names += [f"{field}{j}" for field in ("rb", "ra", "bp", "bf", "hf")]
        if j in table.band_slots:
            names += [f"{field}{j}" for field in ("td", "ta", "tr")]
    if table.baseline_slots:
        names.append("pid")
    if trend or pace:
        names += ["kind", "ix", "bit", "dir"]
    if pace:
        names += ["end", "pok", "pcut", "pval", "pend"]
    return names


def _col(name: str) -> nw.Expr:
    return nw.col(_P + name)


def _lit_str(value: str | None) -> nw.Expr:
    return nw.lit(value, dtype=nw.String())


def _by_kind(kind: nw.Expr, branches: Mapping[int, nw.Expr]) -> nw.Expr:
    """``branches[k]`` where the slot's kind is ``k``; no test at all if only one kind occurs."""
    *tested, (_, last) = branches.items()
    if not tested:
        return last
    chain: Any = nw
    for value, expression in tested:
        chain = chain.when(kind == value).then(expression)
    result: nw.Expr = chain.otherwise(last)
    return result


def evaluate(  # noqa: PLR0915 - one pipeline, read top to bottom; steps are numbered
    native: Any,
    specs: Mapping[str, _Spec],
    *,
    columns: BatchColumns,
    scale: Scale,
    places: int,
    trend: bool,
    pace: bool,
) -> Any:
    """Judge every row; see :func:`malstyrning.batch.evaluate_frame`."""
    frame: Any = nw.from_native(native)
    names = frame.collect_schema().names()
    for role in ("indicator", "period", "value"):
        if getattr(columns, role) not in names:
            raise BatchInputError.missing_column(role, getattr(columns, role), names)
    indicator, period, value = columns.indicator, columns.period, columns.value
    keys = [c for c in (columns.unit, columns.series) if c in names] + [indicator]
    polars = frame.implementation is nw.Implementation.POLARS
    polars_eager = polars and isinstance(frame, nw.DataFrame)
    if polars_eager:
        frame = frame.lazy()  # one optimised plan instead of a copy per step

    # 1. The (indicator, period) pairs present and the largest value: one small aggregate.
    #    Without trend, pace, trajectories and changes no rule needs the period: then the
    #    indicators and the periods present are enough (two cheaper aggregates).
    history = trend or pace
    per_indicator = not history and not any(spec.by_period for spec in specs.values())
    magnitude = nw.col(value).cast(nw.Float64()).abs().alias(_P + "max")
    grouped = [indicator] if per_indicator else [indicator, period]
    found = _collected(frame.select(*grouped, magnitude).group_by(*grouped).agg(_col("max").max()))
    if per_indicator:  # any period stands for all: the table's rows do not depend on it
        raw_periods = _collected(frame.select(period).unique())[period]
        pairs = [(ind, raw_periods[0]) for ind in found[indicator]]
    else:
        pairs = list(zip(found[indicator], found[period], strict=True))
        raw_periods = [raw for _, raw in pairs]
    if any(ind is None for ind, _ in pairs):
        raise BatchInputError(f"column {indicator!r} has empty values; every row needs one")
    largest_found = [x for x in found[_P + "max"] if x is not None and x == x]  # noqa: PLR0124
    largest = Decimal(repr(max(largest_found, default=0.0)))
    periods = parse_periods(period, set(raw_periods))
    if not pairs:  # an empty table: nothing to join, every output column empty
        nothing = [nw.lit(None, dtype=nw.String()).alias(c) for c in ("status", "reason")]
        nothing += [nw.lit(None, dtype=nw.Float64()).alias(c) for c in ("target", "gap")]
        nothing += [nw.lit(None, dtype=nw.String()).alias(c) for c in ("trend", "pace")]
        empty = frame.with_columns(*nothing)
        return (empty.collect() if polars_eager else empty).to_native()
    table = build_rule_table(specs, pairs, periods, places=places, largest=largest, history=history)
    t = table.expr

    # 2. Join the rule columns that differ between rows (inner: the table has a row for every
    #    pair present), on the indicator alone when none of them changes with the period.
    schema = frame.collect_schema()
    joined = [name for name in _needed(table, trend=trend, pace=pace) if not table.constant(name)]
    if joined:
        on = [indicator, period] if table.varies_by_period(joined) else [indicator]
        data: dict[str, list[Any]] = {indicator: table.data["indicator"]}
        if period in on:
            data[period] = table.data["period"]
        data |= {_P + name: table.data[name] for name in joined}
        if period not in on:  # one row per indicator
            first = {ind: row for row, ind in reversed(list(enumerate(data[indicator])))}
            rows = sorted(first.values())
            data = {name: [column[row] for row in rows] for name, column in data.items()}
        rules: Any
        if isinstance(frame, nw.LazyFrame):  # built eagerly by polars itself, else by pyarrow
            rules = nw.from_dict(data, backend="polars" if polars else "pyarrow")
            rules = rules.lazy(backend=frame.implementation)
        else:
            rules = nw.from_dict(data, backend=frame.implementation)
        rules = rules.with_columns(
            *(nw.col(key).cast(schema[key]) for key in on),
            *(nw.col(_P + name).cast(table.dtype(name)) for name in joined),
        )
        frame = frame.join(rules, on=on, how="inner")

    scaled = 10**places
    number = nw.col(value).cast(nw.Float64())
    frame = frame.with_columns(
        (~(number.is_null() | number.is_nan())).alias(_P + "ok"),
    ).with_columns(
        nw.when(_col("ok"))
        .then((number * scaled).round(0))
        .otherwise(0.0)
        .cast(nw.Int64())
        .alias(_P + "v"),
    )
    # Why a value is missing (read where it is).
    miss = _lit_str("no_data")
    if columns.missing in names:
        missing = nw.col(columns.missing)
        miss = nw.when(missing.is_null()).then(miss).otherwise(missing.cast(nw.String()))
    # Rule columns that are joined on or selected from the valued rows must be columns even
    # when they are constant.
    keyed = ["pid", *(f"bp{j}" for j in sorted(table.baseline_slots))]
    keyed = (keyed if table.baseline_slots else []) + (["ix", "bit"] if trend or pace else [])
    keyed += ["end"] if pace else []
    if constants := [t(name).alias(_P + name) for name in keyed if table.constant(name)]:
        frame = frame.with_columns(*constants)
    valued = frame.filter(_col("ok"))
    v, ok = _col("v"), _col("ok")

    # 3. Baselines of changes: the same unit, indicator and series in the baseline period.
    for j in sorted(table.baseline_slots):
        base = valued.select(*keys, _col("pid").alias(f"{_P}bp{j}"), v.alias(f"{_P}b{j}"))
        frame = frame.join(base, on=[*keys, f"{_P}bp{j}"], how="left")
        found_base = ~_col(f"b{j}").is_null()
        frame = frame.with_columns(
            (found_base | (t(f"hf{j}") == 1) | (_col(f"bp{j}") == -1)).alias(f"{_P}hb{j}"),
            nw.when(found_base)
            .then(_col(f"b{j}"))
            .otherwise(t(f"bf{j}"))
            .cast(nw.Int64())
            .alias(f"{_P}b{j}"),
        )

    # 4. Each part's margin M = s*(k*v - R) (R the target, times 10**places and k), and its
    #    rank (0 met, 1 near, 2 not met) or why it has none.
    targets: list[nw.Expr] = []
    for j in range(table.width):
        kinds = table.kinds[j]
        target = t(f"rc{j}")
        if j in table.baseline_slots:
            b = _col(f"b{j}")
            target = target + t(f"rb{j}") * b + t(f"ra{j}") * b.abs()
            frame = frame.with_columns(target.alias(f"{_P}tgt{j}"))
            target = _col(f"tgt{j}")
        targets.append(target)
        ranks: dict[int, nw.Expr] = {}
        whys: dict[int, nw.Expr] = {}
        if _NO_PART in kinds:
            ranks[_NO_PART] = nw.lit(_ABSENT, dtype=nw.Int64())
            whys[_NO_PART] = _lit_str(None)
        if _NUMERIC in kinds:
            margin = table.times(f"s{j}", table.times(f"mul{j}", v) - target)
            frame = frame.with_columns(margin.alias(f"{_P}mar{j}"))
            margin = _col(f"mar{j}")
            if j in table.band_slots:
                band = t(f"ta{j}") + target.abs() * t(f"tr{j}")
                near = -margin * t(f"td{j}") <= band
            else:
                near = margin >= t(f"ne{j}")
            numeric = nw.when(margin >= t(f"me{j}")).then(0).when(near).then(1).otherwise(2)
            why: Any = nw.when(~ok).then(miss)
            if j in table.baseline_slots:
                has_base = _col(f"hb{j}")
                ranks[_NUMERIC] = nw.when(ok & has_base).then(numeric).otherwise(_MISSING)
                why = why.when(~has_base).then(_lit_str("no_baseline"))
            else:
                ranks[_NUMERIC] = nw.when(ok).then(numeric).otherwise(_MISSING)
            whys[_NUMERIC] = why.otherwise(_lit_str(None))
        if _YES_NO in kinds:
            yes = (v != 0).cast(nw.Int64()) == t(f"ye{j}")
            ranks[_YES_NO] = nw.when(ok).then(nw.when(yes).then(0).otherwise(2)).otherwise(_MISSING)
            whys[_YES_NO] = nw.when(~ok).then(miss).otherwise(_lit_str(None))
        if _NOT_YET_DUE in kinds:
            ranks[_NOT_YET_DUE] = nw.lit(_MISSING, dtype=nw.Int64())
            whys[_NOT_YET_DUE] = _lit_str("not_yet_due")
        kind = t(f"k{j}")
        frame = frame.with_columns(
            _by_kind(kind, ranks).cast(nw.Int64()).alias(f"{_P}r{j}"),
            _by_kind(kind, whys).alias(f"{_P}w{j}"),
        )

    # 5. Combine the parts as Composite.judge does: judged only if the missing parts cannot
    #    change the verdict, whatever they turn out to be.
    frame, code, reason, single = _combine(frame, table)
    labels = [*(scale.level_for(a).key for a in sorted(Achievement, key=_rank)), "not_assessed"]
    status = code.cast(nw.Int64()) if polars else _status(code, labels)  # see _label_polars
    outputs: dict[str, Any] = {"status": status, "reason": reason}
    if table.width and _NUMERIC in table.kinds[0]:
        denominator = t("mul0").cast(nw.Float64()) * scaled
        target = nw.when(single).then(targets[0].cast(nw.Float64()) / denominator)
        gap = nw.when(single).then(_col("mar0").cast(nw.Float64()) / denominator)
        if table.width > 1 and _NUMERIC in table.kinds[1]:
            # A band: the target and gap of the nearer bound (the smaller margin).
            band = (t("near") == 1) & (status_code_decided(code))
            first = (_col("mar0").cast(nw.Float64()) / denominator) <= (
                _col("mar1").cast(nw.Float64()) / (t("mul1").cast(nw.Float64()) * scaled)
            )
            other = t("mul1").cast(nw.Float64()) * scaled
            target = target.when(band & first).then(targets[0].cast(nw.Float64()) / denominator)
            target = target.when(band).then(targets[1].cast(nw.Float64()) / other)
            gap = gap.when(band & first).then(_col("mar0").cast(nw.Float64()) / denominator)
            gap = gap.when(band).then(_col("mar1").cast(nw.Float64()) / other)
        outputs["target"], outputs["gap"] = target, gap
    else:
        outputs["target"] = outputs["gap"] = nw.lit(None, dtype=nw.Float64())
    outputs["trend"] = outputs["pace"] = _lit_str(None)

    # 6. Trend and pace need earlier rows of the same unit, indicator, series and period
    #    kind. One int64 bit per period marks the valued ones; no ordered windows needed.
    group = [*keys] if table.constant("kind") else [*keys, _P + "kind"]
    if (trend and table.max_index > 0) or pace:
        frame = frame.join(_history(valued, group), on=group, how="left").with_columns(
            _col("mask").fill_null(0).cast(nw.Int64()).alias(_P + "mask"),
            _col("first").fill_null(_NO_INDEX).cast(nw.Int64()).alias(_P + "first"),
        )
    if trend and table.max_index > 0:
        below = _col("mask") % t("bit")
        previous = nw.lit(0, dtype=nw.Int64())
        for i in range(1, table.max_index + 1):
            previous = previous + (below >= 2**i).cast(nw.Int64())
        frame = frame.with_columns(
            nw.when(below > 0).then(previous).otherwise(-1).cast(nw.Int64()).alias(_P + "pix")
        )
        earlier = valued.select(*group, _col("ix").alias(_P + "pix"), v.alias(_P + "pv"))
        frame = frame.join(earlier, on=[*group, _P + "pix"], how="left")
        change = t("dir") * (v - _col("pv").fill_null(0).cast(nw.Int64()))
        outputs["trend"] = (
            nw.when(~ok | (t("dir") == 0) | (_col("pix") < 0))
            .then(_lit_str(None))
            .when(change > 0)
            .then(_lit_str("improving"))
            .when(change < 0)
            .then(_lit_str("worsening"))
            .otherwise(_lit_str("unchanged"))
        )
    if pace:
        start = valued.select(
            *group,
            _col("ix").alias(_P + "first"),
            v.alias(_P + "sv"),
            _col("end").alias(_P + "send"),
        )
        frame = frame.join(start, on=[*group, _P + "first"], how="left").with_columns(
            _col("sv").fill_null(0).cast(nw.Int64()).alias(_P + "sv"),
            _col("send").fill_null(0).cast(nw.Int64()).alias(_P + "send"),
        )
        outputs["pace"] = _pace(table, scaled)
    frame = frame.select(
        *[nw.col(name) for name in names if name not in OUTPUT_COLUMNS],
        *[expression.alias(name) for name, expression in outputs.items()],
    )
    if polars:
        frame = _label_polars(frame, labels)
    if polars_eager:
        frame = frame.collect()
    return frame.to_native()


def _collected(frame: Any) -> dict[str, list[Any]]:
    """A small query's result as lists, column by column."""
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    result: dict[str, list[Any]] = frame.to_dict(as_series=False)
    return result


def _history(valued: Any, group: list[str]) -> Any:
    """Per group of ``valued`` rows: the sum of their period bits and their first index."""
    history = valued.select(*group, _col("bit").alias(_P + "mask"), _col("ix").alias(_P + "first"))
    if history.implementation is not nw.Implementation.DASK:
        return history.group_by(*group).agg(_col("mask").sum(), _col("first").min())
    # Dask (2026.8) aggregates by shuffling once a table has a few partitions (for four group
    # keys, from four on), and then reports the result as partitioned on the group keys while
    # they are still its index. A named aggregation, which narwhals' group_by is, renames the
    # columns right there and fails on that: "KeyError: [keys] not in index" as soon as a
    # later join asks how the result is partitioned. One aggregation per column, under its
    # own name, needs no rename; the shuffle (and so the scaling) stays.
    native = history.to_native()
    native = native.groupby(group, sort=False, dropna=False, observed=True)
    native = native.agg({_P + "mask": "sum", _P + "first": "min"}).reset_index()
    return nw.from_native(native)


def status_code_decided(code: nw.Expr) -> nw.Expr:
    """Whether a status code is a verdict (0, 1 or 2) rather than not assessed."""
    return code.cast(nw.Int64()) <= 2


def _combine(frame: Any, table: RuleTable) -> tuple[Any, nw.Expr, nw.Expr, nw.Expr]:
    """Status (a rank: 0, 1, 2, any other not assessed), reason, and where a gap is shown.

    All three from the parts' ranks and reasons.
    """
    t = table.expr
    if table.width == 0:  # no indicator in the table has a rule
        unjudged = nw.lit(_ABSENT, dtype=nw.Int64())
        return frame, unjudged, _lit_str("no_target"), nw.lit(value=False)
    if table.width == 1:
        # One part, needed whenever it exists: its rank is the status, its reason the reason.
        # The part's reason is null wherever it is judged (rank 0, 1 or 2).
        rank, why = _col("r0"), _col("w0")
        decided = rank <= 2
        reason: Any = why
        if _NO_PART in table.kinds[0]:
            reason = nw.when(rank == _ABSENT).then(_lit_str("no_target")).otherwise(why)
        single = decided if table.kinds[0] == {_NUMERIC} else decided & (t("k0") == _NUMERIC)
        return frame, rank, reason, single
    ranks = [_col(f"r{j}") for j in range(table.width)]

    def count(condition: Callable[[nw.Expr], nw.Expr]) -> nw.Expr:
        total = nw.lit(0, dtype=nw.Int64())
        for rank in ranks:
            total = total + condition(rank).cast(nw.Int64())
        return total

    frame = frame.with_columns(
        count(lambda r: r == 0).alias(_P + "c0"),
        count(lambda r: r <= 1).alias(_P + "c1"),
        count(lambda r: r <= 2).alias(_P + "known"),
        count(lambda r: r == _MISSING).alias(_P + "miss_n"),
    )
    need, missing_n = t("need"), _col("miss_n")
    frame = frame.with_columns(
        nw.when(_col("c0") + missing_n >= need)
        .then(0)
        .when(_col("c1") + missing_n >= need)
        .then(1)
        .otherwise(2)
        .alias(_P + "best"),
        nw.when(_col("c0") >= need)
        .then(0)
        .when(_col("c1") >= need)
        .then(1)
        .otherwise(2)
        .alias(_P + "worst"),
    )
    decided = (need > 0) & (_col("best") == _col("worst"))
    first_reason: Any = _lit_str(None)
    for j in reversed(range(table.width)):
        first_reason = (
            nw.when(_col(f"r{j}") == _MISSING).then(_col(f"w{j}")).otherwise(first_reason)
        )
    status = nw.when(decided).then(_col("best")).otherwise(_MISSING)
    reason = (
        nw.when(need == 0)
        .then(_lit_str("no_target"))
        .when(decided)
        .then(_lit_str(None))
        .when(_col("known") == 0)
        .then(first_reason)
        .otherwise(_lit_str("partial_data"))
    )
    # A band's two parts are the bounds of one rule: its gap is the nearer bound's (below).
    single = decided & (t("np") == 1) & (t("near") == 0) & (t("k0") == _NUMERIC)
    return frame, status, reason, single


def _rank(achievement: Achievement) -> int:
    return achievement.rank


def _status(rank: nw.Expr, labels: Sequence[str]) -> nw.Expr:
    """The label of a rank 0, 1 or 2 (the scale's level keys); ``labels[3]`` for any other."""
    return (
        nw.when(rank == 0)
        .then(_lit_str(labels[0]))
        .when(rank == 1)
        .then(_lit_str(labels[1]))
        .when(rank == 2)
        .then(_lit_str(labels[2]))
        .otherwise(_lit_str(labels[3]))
    )


def _label_polars(frame: Any, labels: Sequence[str]) -> Any:
    """On polars, ``status`` (a rank) looked up in the labels, and ``reason`` categorical.

    The same values as :func:`_status`, but a three-deep when/then on strings costs polars
    some three times as much as one lookup: it was the largest step of a threshold table.
    ``status`` is an ``Enum`` of the labels in rank order (one byte a row, sorting by rank)
    and ``reason`` a ``Categorical``: as text the two took 16 bytes a row each, more than the
    rest of the output together.
    """
    import polars as pl  # noqa: PLC0415 - the frame is a polars frame

    rank = pl.col("status").clip(0, len(labels) - 1)
    label = pl.lit(pl.Series(labels, dtype=pl.Enum(labels))).gather(rank).alias("status")
    reason = pl.col("reason").cast(pl.Categorical)
    return nw.from_native(frame.to_native().with_columns(label, reason))


def _pace(table: RuleTable, scaled: int) -> nw.Expr:
    """The growth-ratio pace, as :func:`malstyrning.evaluation.judge_pace` gives it."""
    t = table.expr
    direction, now, start = t("dir"), _col("v"), _col("sv")
    applies = (t("pok") == 1) & _col("ok") & (_col("first") < _col("ix"))
    achieved = direction * now >= t("pcut")
    fell_below = direction * start >= t("pcut")
    compound = (start > 0) & (now > 0) & (t("pval") > 0)
    now_f = now.cast(nw.Float64()) / scaled
    start_f = start.cast(nw.Float64()) / scaled
    safe_start = nw.when(start == 0).then(1.0).otherwise(start_f)
    observed_years = (_col("end") - _col("send")).cast(nw.Float64()) / 12
    required_years = (t("pend") - _col("send")).cast(nw.Float64()) / 12
    observed_years = nw.when(observed_years > 0).then(observed_years).otherwise(1.0)
    required_years = nw.when(required_years > 0).then(required_years).otherwise(1.0)
    # Bases of fractional powers stay positive in every row, chosen or not (no NaN warnings).
    now_ratio = nw.when(compound).then(now_f / safe_start).otherwise(1.0)
    target_ratio = nw.when(compound).then(t("pval") / safe_start).otherwise(1.0)
    observed = (
        nw.when(compound)
        .then(now_ratio ** (1.0 / observed_years) - 1)
        .otherwise((now_f - start_f) / observed_years)
    )
    required = (
        nw.when(compound)
        .then(target_ratio ** (1.0 / required_years) - 1)
        .otherwise((t("pval") - start_f) / required_years)
    )
    safe_required = nw.when(required == 0).then(1.0).otherwise(required)
    ratio = observed / safe_required
    return (
        nw.when(~applies)
        .then(_lit_str(None))
        .when(achieved)
        .then(_lit_str("achieved"))
        .when(fell_below)
        .then(_lit_str("deterioration"))
        .when(ratio >= _ON_TRACK)
        .then(_lit_str("on_track"))
        .when(ratio >= _ACCELERATION_NEEDED)
        .then(_lit_str("acceleration_needed"))
        .when(ratio >= 0)
        .then(_lit_str("limited_progress"))
        .otherwise(_lit_str("deterioration"))
    )


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
    width = max((_width(spec) for spec in specs.values()), default=0)
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
    # A part's integers depend on what it demands, which most rules demand in every period
    # alike: work them out once per distinct demand (a national table has thousands of
    # indicator-period pairs).
    parts: dict[tuple[str, tuple[Demand, ...]], tuple[int, ...]] = {}
    no_pace = table.pace_values({})
    for indicator, raw in pairs:
        spec = specs.get(indicator) or _spec(indicator, None, None)
        period = periods[raw]
        demands = spec.demands(period)
        key = (indicator, demands)
        part = parts.get(key)
        if part is None:
            slots = [slot for demand in demands for slot in _slots(demand, places)]
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
            nearest=spec.nearest,
            pace=pace,
            slots=part,
        )
    return table
