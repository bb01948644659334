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

import itertools
import math
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
    _Item,
    _Slot,
    _slots,
    _Spec,
    _spec,
    _width,
    parse_periods,
)
from malstyrning.errors import BatchInputError
from malstyrning.pace import pace_targets
from malstyrning.pace_method import BaseChoice, NonPositive
from malstyrning.periods import Period, PeriodKind
from malstyrning.rules import Demand
from malstyrning.scales import PACE, TREND, Achievement, Scale

# The prefix of every working column, dropped from the result. Names differ in more than
# case: DuckDB's are case-insensitive.
_P = "_b_"
_MISSING = 9  # rank of a part that could not be judged
_ABSENT = 8  # rank of a slot the indicator's rule does not use
_NO_INDEX = 10**6  # larger than any period index: "no valued period"
# Kinds of slot (see malstyrning.batch._Slot.kind); 0: the indicator's rule has no such part.
_NO_PART, _NUMERIC, _YES_NO, _NOT_YET_DUE, _NODE = 0, 1, 2, 3, 4
# Each slot j of the rule table has the columns f"{field}{j}"; a slot the rule does not use
# holds these values. ``me``/``ne``: the smallest margin that is met / near (cutoffs).
_SLOT_DEFAULTS: dict[str, int | str] = {
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
    # The item tree (see malstyrning._batch_rules._Item): the node an item counts towards
    # (-1: none), a node's need, the series a part judges and its anchor's series (indexes
    # into the named series, -1: the row's own / none), and why an anchor is missing.
    "pa": -1,
    "nd": 0,
    "src": -1,
    "ref": -1,
    "ar": "",
}
_FLOAT_COLUMNS = frozenset({"pval", "phigh", "pmed", "plow"})
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
    "root",
    "gi",
)
# Pace: whether it applies, the target (cut for achieved, value, end month), whether it is
# judged on growth alone, the linear rule, the cut-offs, the first index a base may have
# (2**index, 0: none), whether the base must be exactly there and the series a per-series
# target is on. A row without pace holds these values; no row reads them but ``pok``.
_PACE_DEFAULTS: dict[str, int | float | str] = {
    "pok": 0,
    "pcut": 0,
    "pval": 1.0,
    "pend": 0,
    "pkind": 0,
    "plin": 0,
    "phigh": 0.95,
    "pmed": 0.6,
    "plow": 0.0,
    "pbb": 1,
    "pbk": 0,
    "pfix": 0,
    "pse": "",
}


@attrs.define
class RuleTable:
    """The small rule table: one row per indicator and period present, built row by row."""

    width: int
    max_index: int
    named: tuple[str, ...] = ()  # the series rules read besides the row's own
    rows: list[tuple[Any, ...]] = attrs.field(factory=list)
    kinds: list[set[int]] = attrs.field(factory=list)  # the kinds of part each slot holds
    baseline_slots: set[int] = attrs.field(factory=set)  # slots with a Change part
    reference_slots: set[int] = attrs.field(factory=set)  # ... measured from another series
    band_slots: set[int] = attrs.field(factory=set)  # ... whose relative band reads it
    _columns: dict[str, list[Any]] | None = attrs.field(default=None, init=False)
    _constant: dict[str, bool] = attrs.field(factory=dict, init=False)

    def __attrs_post_init__(self) -> None:
        self.kinds = [set() for _ in range(self.width)]

    @property
    def names(self) -> list[str]:
        """The columns, in the order of a row's values."""
        slots = [f"{field}{j}" for j in range(self.width) for field in _SLOT_DEFAULTS]
        return [*_ROW_FIELDS, *_PACE_DEFAULTS, *slots]

    @staticmethod
    def period_values(*, period_id: int, kind: str, index: int, end_month: int) -> tuple[Any, ...]:
        """What a row holds about its period: ``pid``, ``kind``, ``ix``, ``bit``, ``end``."""
        return (period_id, kind, index, 2**index, end_month)

    @staticmethod
    def pace_values(pace: Mapping[str, Any]) -> tuple[Any, ...]:
        """A row's pace columns: ``pace`` (column: value) over the defaults (none: ``{}``).

        A key that is no pace column makes the row one value too long, which
        :attr:`data` refuses.
        """
        return tuple((_PACE_DEFAULTS | dict(pace)).values())

    def slot_values(
        self,
        items: Sequence[_Item],
        slots: Sequence[_Slot | None],
        needs: Sequence[int],
        baselines: Sequence[int],
    ) -> tuple[Any, ...]:
        """The values of an indicator's items, item by item (see ``_SLOT_DEFAULTS``).

        ``slots``: each leaf item's slot (None: the leaf demands no such bound in this
        period); ``needs``: each node's need.
        """
        named = {key: i for i, key in enumerate(self.named)}
        row: list[Any] = []
        for j in range(self.width):
            values: dict[str, Any] = dict(_SLOT_DEFAULTS)
            if j < len(items):
                item, slot = items[j], slots[j]
                values["pa"] = item.parent
                if item.leaf is None:
                    values |= {"k": _NODE, "nd": needs[j]}
                elif item.series is not None:
                    values["src"] = named[item.series]
            else:
                slot = None
            if slot is not None:
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
                    "ar": slot.why,
                }
                if slot.reference is not None:
                    values["ref"] = named[slot.reference]
                    self.reference_slots.add(j)
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
        root: int,
        gap_items: int,
        pace: tuple[Any, ...],
        slots: tuple[Any, ...],
    ) -> None:
        """Add the row of one indicator in one period.

        ``root``: the item whose verdict is the rule's (-1: no rule); ``gap_items``: where the
        target and gap are shown (see :attr:`malstyrning._batch_rules._Spec.gap_items`).
        """
        self.rows.append(
            (indicator, raw_period, *period, direction, root, gap_items, *pace, *slots)
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
        """The column's narwhals type (``kind``, ``pse`` and ``ar*`` texts, ``pval`` a float...)."""
        if name in {"kind", "pse"} or (name[:2] == "ar" and name[2:].isdigit()):
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
    names = ["root", "gi"]
    for j in range(table.width):
        names += [f"{field}{j}" for field in ("k", "s", "mul", "rc", "me", "ne", "ye")]
        names += [f"{field}{j}" for field in ("pa", "nd", "src")]
        if j in table.baseline_slots or j in table.reference_slots:
            names += [f"{field}{j}" for field in ("rb", "ra", "bp", "bf", "hf", "ref", "ar")]
        if j in table.band_slots:
            names += [f"{field}{j}" for field in ("td", "ta", "tr")]
    if table.baseline_slots:
        names.append("pid")
    if trend or pace:
        names += ["kind", "ix", "bit", "dir"]
    if pace:
        names += ["end", *_PACE_DEFAULTS]
    return names


def _col(name: str) -> nw.Expr:
    return nw.col(_P + name)


def _lit_str(value: str | None) -> nw.Expr:
    return nw.lit(value, dtype=nw.String())


def _lit_int(value: int) -> nw.Expr:
    return nw.lit(value, dtype=nw.Int64())


def _filled(name: str, value: int) -> nw.Expr:
    """A working column that a left join left empty in places: ``value`` there, as Int64.

    (On pandas-like engines a join makes such an integer column float, with NaN.)
    """
    return _col(name).fill_null(value).cast(nw.Int64()).alias(_P + name)


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
    added_only: bool = False,
) -> Any:
    """Judge every row; see :func:`malstyrning.batch.evaluate_frame`.

    ``added_only``: the result holds the row number column and the added columns only (a
    part of a pandas table, whose other columns stay the caller's), ``target`` and ``gap``
    NaN where empty (pandas' missing number).
    """
    frame: Any = nw.from_native(native)
    names = frame.collect_schema().names()
    for role in ("indicator", "period", "value"):
        if getattr(columns, role) not in names:
            raise BatchInputError.missing_column(role, getattr(columns, role), names)
    if frame.implementation is nw.Implementation.PANDAS and isinstance(frame, nw.DataFrame):

        def judge(part: Any) -> Any:
            return evaluate(
                part,
                specs,
                columns=columns,
                scale=scale,
                places=places,
                trend=trend,
                pace=pace,
                added_only=True,
            )

        # The unit and series columns matter only to trend, pace and rules reading series.
        roles = ["indicator", "period", "value", "missing"]
        if trend or pace or any(spec.series_named for spec in specs.values()):
            roles += ["unit", "series"]
        taken = [getattr(columns, role) for role in roles]
        judged = _pandas_in_parts(native, columns.indicator, taken, _status_labels(scale), judge)
        if judged is not None:
            return judged
    indicator, period, value = columns.indicator, columns.period, columns.value
    keys = [c for c in (columns.unit, columns.series) if c in names] + [indicator]
    polars = frame.implementation is nw.Implementation.POLARS
    polars_eager = polars and isinstance(frame, nw.DataFrame)
    if polars_eager:
        frame = frame.lazy()  # one optimised plan instead of a copy per step
    source = frame  # the outcomes alone, before any rule column is joined

    # 1. The (indicator, period) pairs present and the largest value: one small aggregate.
    #    Without trend, pace, trajectories and changes no rule needs the period: then any
    #    period stands for all, and the rule table has a row per indicator.
    history = trend or pace
    magnitude = nw.col(value).cast(nw.Float64()).abs().alias(_P + "max")
    found = _collected(
        frame.select(indicator, period, magnitude)
        .group_by(indicator, period)
        .agg(_col("max").max())
    )
    raw_periods = found[period]
    pairs = list(zip(found[indicator], raw_periods, strict=True))
    present = dict.fromkeys(found[indicator])  # the rules of these only
    if not history and not any(specs[ind].by_period for ind in present if ind in specs):
        pairs = [(ind, raw_periods[0]) for ind in present]
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
            # Spark builds the small table in the outcomes' own session (a remote one too).
            session = getattr(native, "sparkSession", None)
            rules = rules.lazy(backend=frame.implementation, session=session)
        else:
            rules = nw.from_dict(data, backend=frame.implementation)
        rules = rules.with_columns(
            *(nw.col(key).cast(schema[key]) for key in on),
            *(nw.col(_P + name).cast(table.dtype(name)) for name in joined),
        )
        frame = frame.join(_arrow_keys_as(rules, native, on), on=on)  # inner

    scaled = 10**places

    def scaled_value(number: nw.Expr, ok: nw.Expr) -> nw.Expr:
        return nw.when(ok).then((number * scaled).round(0)).otherwise(0.0).cast(nw.Int64())

    number = nw.col(value).cast(nw.Float64())
    frame = frame.with_columns(
        (~(number.is_null() | number.is_nan())).alias(_P + "ok"),
    ).with_columns(scaled_value(number, _col("ok")).alias(_P + "v"))
    # Why a value is missing (read where it is).
    no_data = _lit_str("no_data")

    def why_missing(missing: nw.Expr) -> nw.Expr:
        return nw.when(missing.is_null()).then(no_data).otherwise(missing.cast(nw.String()))

    miss = why_missing(nw.col(columns.missing)) if columns.missing in names else no_data

    # 2b. The series rules read besides the row's own (a per-series target, a reference):
    #     their values in the same unit, indicator and period, one self-join per series.
    if table.named:
        if columns.series not in names:
            raise BatchInputError(
                f"the rules read the series {', '.join(map(repr, table.named))}, but the "
                f"table has no series column {columns.series!r}; name it with "
                "BatchColumns(series=...)"
            )
        within = [c for c in (columns.unit,) if c in names] + [indicator, period]
        for i, key in enumerate(table.named):
            other = [nw.col(value).cast(nw.Float64()).alias(f"{_P}nn{i}")]
            if columns.missing in names:
                other.append(nw.col(columns.missing).alias(f"{_P}nmr{i}"))
            series_rows = source.filter(nw.col(columns.series) == key).select(*within, *other)
            frame = frame.join(series_rows, on=within, how="left")
            got = _col(f"nn{i}")
            frame = frame.with_columns(
                (~(got.is_null() | got.is_nan())).alias(f"{_P}nok{i}"),
                (why_missing(_col(f"nmr{i}")) if columns.missing in names else no_data).alias(
                    f"{_P}nmi{i}"
                ),
            ).with_columns(scaled_value(got, _col(f"nok{i}")).alias(f"{_P}nv{i}"))

    def read(j: int, what: str, own: nw.Expr, field: str = "src") -> nw.Expr:
        """Item ``j``'s value, ok flag, reason or series (``what``: v, ok, mi, key)."""

        def named(index: int) -> nw.Expr:
            return _lit_str(table.named[index]) if what == "key" else _col(f"n{what}{index}")

        name = f"{field}{j}"
        if table.constant(name):
            index = table.data[name][0]
            return own if index == -1 else named(index)
        chain: Any = nw
        for index in range(len(table.named)):
            chain = chain.when(t(name) == index).then(named(index))
        result: nw.Expr = chain.otherwise(own)
        return result

    # Rule columns that are joined on or selected from the valued rows must be columns even
    # when they are constant.
    keyed = ["pid", *(f"bp{j}" for j in sorted(table.baseline_slots))]
    keyed = (keyed if table.baseline_slots else []) + (["ix", "bit"] if trend or pace else [])
    keyed += ["end"] if pace else []
    if constants := [t(name).alias(_P + name) for name in keyed if table.constant(name)]:
        frame = frame.with_columns(*constants)
    valued = frame.filter(_col("ok"))
    v, ok = _col("v"), _col("ok")

    # 3. Anchors: the same unit, indicator and series in the baseline period (changes), or
    #    another series in the row's period (references).
    for j in sorted(table.baseline_slots | table.reference_slots):
        found_in: list[tuple[nw.Expr, nw.Expr, nw.Expr]] = []  # (where, found, value)
        if j in table.baseline_slots:
            on_keys = [*keys, f"{_P}bp{j}"]
            base = valued.select(*keys, _col("pid").alias(f"{_P}bp{j}"), v.alias(f"{_P}bj{j}"))
            if not (table.constant(f"src{j}") and table.data[f"src{j}"][0] == -1):
                # A part judging a named series: its baseline is that series'.
                frame = frame.with_columns(
                    read(j, "key", nw.col(columns.series).cast(nw.String()))
                    .cast(nw.String())
                    .alias(f"{_P}bs{j}")
                )
                others = [c for c in keys if c != columns.series]
                base = valued.select(
                    *others,
                    nw.col(columns.series).cast(nw.String()).alias(f"{_P}bs{j}"),
                    _col("pid").alias(f"{_P}bp{j}"),
                    v.alias(f"{_P}bj{j}"),
                )
                on_keys = [*others, f"{_P}bs{j}", f"{_P}bp{j}"]
            frame = frame.join(base, on=on_keys, how="left")
            found_in.append((t(f"bp{j}") != -1, ~_col(f"bj{j}").is_null(), _col(f"bj{j}")))
        if j in table.reference_slots:
            # A row reading no reference has no anchor here: its own value stands in, unread.
            found_in.append((t(f"ref{j}") != -1, read(j, "ok", ok, "ref"), read(j, "v", v, "ref")))
        (anchored, found_base, base_value), *rest = reversed(found_in)
        for where, has, read_value in rest:
            found_base = nw.when(where).then(has).otherwise(found_base)
            base_value = nw.when(where).then(read_value).otherwise(base_value)
            anchored = anchored | where
        frame = frame.with_columns(
            (found_base | (t(f"hf{j}") == 1) | ~anchored).alias(f"{_P}hb{j}"),
            nw.when(found_base)
            .then(base_value)
            .otherwise(t(f"bf{j}"))
            .cast(nw.Int64())
            .alias(f"{_P}b{j}"),
        )

    # 4. Each item's rank (0 met, 1 near, 2 not met) or why it has none. A leaf's margin is
    #    M = s*(k*v - R) (R the target, times 10**places and k); a node (a composite, or a
    #    band's bounds) combines the items that count towards it, as Composite.judge does.
    targets: list[nw.Expr] = []
    for j in range(table.width):
        kinds = table.kinds[j]
        target = t(f"rc{j}")
        if j in table.baseline_slots or j in table.reference_slots:
            b = _col(f"b{j}")
            target = target + t(f"rb{j}") * b + t(f"ra{j}") * b.abs()
            frame = frame.with_columns(target.alias(f"{_P}tgt{j}"))
            target = _col(f"tgt{j}")
        targets.append(target)
        ranks: dict[int, nw.Expr] = {}
        whys: dict[int, nw.Expr] = {}
        value_j, ok_j, miss_j = read(j, "v", v), read(j, "ok", ok), read(j, "mi", miss)
        if _NO_PART in kinds:
            ranks[_NO_PART] = _lit_int(_ABSENT)
            whys[_NO_PART] = _lit_str(None)
        if _NUMERIC in kinds:
            margin = table.times(f"s{j}", table.times(f"mul{j}", value_j) - target)
            frame = frame.with_columns(margin.alias(f"{_P}mar{j}"))
            margin = _col(f"mar{j}")
            if j in table.band_slots:
                band = t(f"ta{j}") + target.abs() * t(f"tr{j}")
                near = -margin * t(f"td{j}") <= band
            else:
                near = margin >= t(f"ne{j}")
            numeric = nw.when(margin >= t(f"me{j}")).then(0).when(near).then(1).otherwise(2)
            why: Any = nw.when(~ok_j).then(miss_j)
            if j in table.baseline_slots or j in table.reference_slots:
                has_base = _col(f"hb{j}")
                ranks[_NUMERIC] = nw.when(ok_j & has_base).then(numeric).otherwise(_MISSING)
                why = why.when(~has_base).then(t(f"ar{j}"))
            else:
                ranks[_NUMERIC] = nw.when(ok_j).then(numeric).otherwise(_MISSING)
            whys[_NUMERIC] = why.otherwise(_lit_str(None))
        if _YES_NO in kinds:
            yes = (value_j != 0).cast(nw.Int64()) == t(f"ye{j}")
            ranks[_YES_NO] = (
                nw.when(ok_j).then(nw.when(yes).then(0).otherwise(2)).otherwise(_MISSING)
            )
            whys[_YES_NO] = nw.when(~ok_j).then(miss_j).otherwise(_lit_str(None))
        if _NOT_YET_DUE in kinds:
            ranks[_NOT_YET_DUE] = _lit_int(_MISSING)
            whys[_NOT_YET_DUE] = _lit_str("not_yet_due")
        if _NODE in kinds:
            frame, ranks[_NODE], whys[_NODE] = _node(frame, table, j)
        kind = t(f"k{j}")
        frame = frame.with_columns(
            _by_kind(kind, ranks).cast(nw.Int64()).alias(f"{_P}r{j}"),
            _by_kind(kind, whys).alias(f"{_P}w{j}"),
        )

    # 5. The rule's verdict is its root item's.
    code, reason = _root(table)
    labels = _status_labels(scale)
    status = code.cast(nw.Int64()) if polars else _status(code, labels)  # see _label_polars
    outputs: dict[str, Any] = {"status": status, "reason": reason}
    decided = status_code_decided(code)
    if table.width and _NUMERIC in table.kinds[0]:
        denominator = t("mul0").cast(nw.Float64()) * scaled
        single = decided & (t("gi") == 1) & (t("k0") == _NUMERIC)
        target = nw.when(single).then(targets[0].cast(nw.Float64()) / denominator)
        gap = nw.when(single).then(_col("mar0").cast(nw.Float64()) / denominator)
        if table.width > 1 and _NUMERIC in table.kinds[1]:
            # A band: the target and gap of the nearer bound (the smaller margin).
            band = (t("gi") == 2) & decided
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
            _filled("mask", 0),
            _filled("first", _NO_INDEX),
        )
    if trend and table.max_index > 0:
        below = _col("mask") % t("bit")
        previous = _lit_int(0)
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
        # The base: the earliest valued period, or (a method with a base period) the first
        # valued one from the index ``pbk`` on, found bit by bit in the mask.
        if table.constant("pbb") and table.data["pbb"][0] == 1 and table.constant("pfix"):
            base = _col("first")
        else:
            cleared = _col("mask") - (_col("mask") % t("pbb"))
            base = _lit_int(_NO_INDEX)
            for i in reversed(range(table.max_index + 1)):
                base = nw.when((cleared % 2 ** (i + 1)) >= 2**i).then(i).otherwise(base)
        frame = frame.with_columns(base.cast(nw.Int64()).alias(_P + "bix"))
        start = valued.select(
            *group,
            _col("ix").alias(_P + "bix"),
            v.alias(_P + "sv"),
            _col("end").alias(_P + "send"),
        )
        frame = frame.join(start, on=[*group, _P + "bix"], how="left").with_columns(
            _filled("sv", 0),
            _filled("send", 0),
        )
        outputs["pace"] = _pace(table, scaled, columns.series if columns.series in names else None)
    kept = [_P + "row"] if added_only else [n for n in names if n not in OUTPUT_COLUMNS]
    if added_only:  # pandas marks a missing number NaN: handed over without a conversion
        for name in ("target", "gap"):
            outputs[name] = outputs[name].fill_null(math.nan)
    frame = frame.select(
        *[nw.col(name) for name in kept],
        *[expression.alias(name) for name, expression in outputs.items()],
    )
    if polars:
        frame = _label_polars(frame, labels)
    if polars_eager:
        frame = frame.collect()
    return frame.to_native()


# Rows judged at a time when a pandas table goes through polars: the working memory is that
# of one part, whatever the table's size (on the benchmark's table of 10 million rows, the
# peak was 2.7 times the input with parts of a million rows, 2.4 with half a million, which
# took about a tenth longer).
_PANDAS_PART_ROWS = 1 << 20
# Up to this many breaks between runs of consecutive rows (so one run more), a part's values
# are copied run by run (a copy of a run costs a fraction of a scatter); beyond, scattered.
_MAX_RUNS = 64
# The categories a pandas table's trend and pace columns have, present or not: the levels of
# the trend and pace scales in rank order.
_PANDAS_CATEGORIES = {"trend": TREND.keys, "pace": PACE.keys}


def _pandas_in_parts(
    native: Any,
    indicator: str,
    read: Sequence[str],
    labels: Sequence[str],
    judge: Callable[[Any], Any],
) -> Any | None:
    """A pandas table judged by polars, whole indicators at a time.

    None where polars is not installed or cannot read a column the rules read: pandas judges
    the table then.

    pandas evaluates the query's steps one by one, each a copy of every column it touches (15
    times the input's memory and 12 times polars' time on 10 million rows); polars plans the
    whole query at once and converts numbers and categoricals without copying their values.
    Every rule reads rows of its own indicator only (another series' value, earlier
    periods), so the table is judged in parts of whole indicators, about
    ``_PANDAS_PART_ROWS`` rows each (about a million), and the working memory is that of one
    part. A part whose rows lie together (a table sorted by indicator) is a view; otherwise
    the rows are taken in indicator order. Only the columns ``read`` go to polars, and
    only the added columns come back, written into place part by part: ``status``,
    ``reason``, ``trend`` and ``pace`` as categoricals (one byte a row), ``target`` and
    ``gap`` as floats.
    """
    try:
        import polars as pl  # noqa: PLC0415 - optional: pandas alone works too, slower
    except ImportError:  # pragma: no cover - the test extra installs polars
        return None
    present = list(dict.fromkeys(c for c in read if c in native.columns))
    added = _AddedColumns(len(native), {"status": labels, **_PANDAS_CATEGORIES})
    for where in _indicator_parts(native, indicator):
        try:
            part = pl.from_pandas(native.iloc[where][present])  # the index stays the table's
        except (TypeError, ValueError, pl.exceptions.PolarsError):
            return None  # a column polars cannot read (mixed objects): pandas judges it
        added.put(where, judge(part.with_row_index(_P + "row")))
    return added.onto(native)


def _indicator_parts(native: Any, indicator: str) -> list[Any]:
    """The rows of a pandas table in parts of whole indicators: slices, or arrays of positions.

    Each part ends at the first indicator boundary after a multiple of ``_PANDAS_PART_ROWS``
    rows, so an indicator larger than that is a part of its own.
    """
    import numpy as np  # noqa: PLC0415 - pandas brings it
    import pandas as pd  # type: ignore[import-untyped]  # noqa: PLC0415 - the table is pandas

    rows = len(native)
    if rows <= _PANDAS_PART_ROWS:
        return [slice(0, rows)]
    column = native[indicator]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy()
    else:
        codes = pd.factorize(column)[0]
    # Where each run of equal codes begins; the runs' codes differ if each indicator's rows
    # lie together.
    starts = np.concatenate(([0], np.flatnonzero(codes[1:] != codes[:-1]) + 1))
    order = None
    if len(np.unique(codes[starts])) < len(starts):  # an indicator's rows are apart
        order = np.argsort(codes, kind="stable")
        starts = np.cumsum(np.bincount(codes + 1))[:-1]  # in that order (-1: no indicator)
    wanted = np.arange(_PANDAS_PART_ROWS, rows, _PANDAS_PART_ROWS)
    # The first start at or after each multiple: never 0, and never the table's end.
    cuts = np.unique(starts[np.minimum(np.searchsorted(starts, wanted), len(starts) - 1)])
    bounds = [0, *(int(cut) for cut in cuts), rows]
    return [slice(a, b) if order is None else order[a:b] for a, b in itertools.pairwise(bounds)]


class _AddedColumns:
    """The columns a pandas table gets, filled in part by part (each row exactly once)."""

    def __init__(self, rows: int, categories: Mapping[str, Sequence[str]]) -> None:
        """Room for ``rows`` rows; a categorical column's first ``categories``, in order."""
        import numpy as np  # noqa: PLC0415 - pandas brings it

        self.numbers = {name: np.empty(rows) for name in ("target", "gap")}
        # One byte a row (widened when a column gets more than 127 categories): memory only.
        self.codes = {
            name: np.full(
                rows,
                -1,  # missing, until a part sets it
                dtype=np.int8,  # pragma: no mutate
            )
            for name in ("status", "reason", "trend", "pace")
        }
        # Each column's categories in code order (a dict as an ordered set).
        self.categories: dict[str, dict[str, None]] = {
            name: dict.fromkeys(categories.get(name, ())) for name in self.codes
        }

    def put(self, where: Any, judged: Any) -> None:
        """One part's added columns, put at the table's rows ``where`` (a slice or positions)."""
        import numpy as np  # noqa: PLC0415 - pandas brings it

        # Each row back to its place. The query returns the part's rows in nearly their own
        # order (a join's chunks come back in another order): copied run by run where there
        # are few runs, else scattered (sorting them in the query cost more than either).
        rows = judged[_P + "row"].to_numpy()
        positions = rows + where.start if isinstance(where, slice) else where[rows]
        places = _runs(positions)
        for name, numbers in self.numbers.items():
            values = judged[name].to_numpy()
            for target, source in places:
                numbers[target] = values[source]
        for name in self.codes:
            column = judged[name]
            nulls = column.null_count()
            if nulls == len(column):
                continue  # every code is -1 (missing) until a part sets it
            at = places
            if nulls:  # only the rows that have a value are looked up (a reason: few)
                present = column.is_not_null()
                at = [(positions[np.flatnonzero(present.to_numpy())], slice(None))]
                column = column.filter(present)
            codes = self.widened(name, column)  # before the codes: their categories
            values = self.codes_of(name, column)
            for target, source in at:
                codes[target] = values[source]

    def widened(self, name: str, column: Any) -> Any:
        """The codes of column ``name``, after the part's new categories are known."""
        import numpy as np  # noqa: PLC0415 - pandas brings it
        import polars as pl  # noqa: PLC0415 - the part is a polars frame

        known = self.categories[name]
        if not (isinstance(column.dtype, pl.Enum) and list(column.dtype.categories) == [*known]):
            for key in column.unique(maintain_order=True).cast(pl.String).to_list():
                known.setdefault(key)
        codes = self.codes[name]
        if len(known) > np.iinfo(codes.dtype).max:
            codes = self.codes[name] = codes.astype(np.int32)
        return codes

    def codes_of(self, name: str, column: Any) -> Any:
        """The codes of a column without nulls, its categories all known."""
        import polars as pl  # noqa: PLC0415 - the part is a polars frame

        enum = pl.Enum(list(self.categories[name]))
        if column.dtype != enum:
            column = column.cast(pl.String).cast(enum)
        return column.to_physical().to_numpy()

    def onto(self, native: Any) -> Any:
        """The pandas table with the added columns, replacing any of the same names.

        The input's columns are the caller's, not copied; the index and row order are kept.
        """
        import pandas as pd  # noqa: PLC0415 - the table is pandas

        result = native.drop(columns=[c for c in OUTPUT_COLUMNS if c in native.columns])
        for name in OUTPUT_COLUMNS:
            values: Any = self.numbers.get(name)
            if values is None:
                categories = list(self.categories[name])
                values = pd.Categorical.from_codes(self.codes[name], categories=categories)
            # Not copied again (pandas 3 copies an array by default): memory only.
            result[name] = pd.Series(values, index=native.index, copy=False)  # pragma: no mutate
        return result


def _arrow_keys_as(rules: Any, native: Any, keys: Sequence[str]) -> Any:
    """On pyarrow, the rule table's join keys in the outcomes' own Arrow types.

    narwhals' ``String`` is both ``string`` and ``large_string`` (polars' ``to_arrow`` gives
    the latter), and Arrow joins neither with the other.
    """
    if rules.implementation is not nw.Implementation.PYARROW:
        return rules
    table = rules.to_native()
    for key in keys:
        wanted = native.schema.field(key).type
        table = table.set_column(
            table.schema.get_field_index(key), key, table.column(key).cast(wanted)
        )
    return nw.from_native(table)


def _runs(positions: Any) -> list[tuple[Any, slice]]:
    """Where a part's values go, as ``(table rows, part rows)`` pairs.

    A pair of slices per run of consecutive positions where there are few runs, else the
    positions themselves.
    """
    import numpy as np  # noqa: PLC0415 - pandas brings it

    if not len(positions):
        return []
    starts = np.flatnonzero(np.diff(positions) != 1) + 1
    if len(starts) > _MAX_RUNS:
        return [(positions, slice(None))]
    bounds = [0, *starts.tolist(), len(positions)]
    return [
        (slice(int(positions[a]), int(positions[a]) + b - a), slice(a, b))
        for a, b in itertools.pairwise(bounds)
    ]


def _collected(frame: Any) -> dict[str, list[Any]]:
    """A small query's result as lists, column by column."""
    if isinstance(frame, nw.LazyFrame):
        frame = frame.collect()
    return {name: frame.get_column(name).to_list() for name in frame.columns}


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


def _member(table: RuleTable, child: int, node: int) -> nw.Expr | bool:
    """Whether item ``child`` counts towards item ``node`` (a Python bool where it is fixed)."""
    if table.constant(f"pa{child}"):
        return bool(table.data[f"pa{child}"][0] == node)
    return table.expr(f"pa{child}") == node


def _node(frame: Any, table: RuleTable, node: int) -> tuple[Any, nw.Expr, nw.Expr]:
    """A node's rank and reason from the items that count towards it (all before it).

    As :meth:`malstyrning.rules.Composite.judge`: judged only if the missing parts cannot
    change the verdict, whatever they turn out to be; else the first missing part's reason
    when none is known, ``partial_data`` when some are.
    """
    children = [(j, _member(table, j, node)) for j in range(node)]
    children = [(j, member) for j, member in children if member is not False]

    def count(condition: Callable[[nw.Expr], nw.Expr]) -> nw.Expr:
        total = _lit_int(0)
        for j, member in children:
            hit = condition(_col(f"r{j}"))
            if member is not True:
                hit = hit & member
            total = total + hit.cast(nw.Int64())
        return total

    p = f"{_P}n{node}_"
    frame = frame.with_columns(
        count(lambda r: r == 0).alias(p + "c0"),
        count(lambda r: r <= 1).alias(p + "c1"),
        count(lambda r: r <= 2).alias(p + "known"),
        count(lambda r: r == _MISSING).alias(p + "miss"),
    )
    need, missing_n = table.expr(f"nd{node}"), nw.col(p + "miss")
    c0, c1 = nw.col(p + "c0"), nw.col(p + "c1")
    frame = frame.with_columns(
        nw.when(c0 + missing_n >= need)
        .then(0)
        .when(c1 + missing_n >= need)
        .then(1)
        .otherwise(2)
        .alias(p + "best"),
        nw.when(c0 >= need).then(0).when(c1 >= need).then(1).otherwise(2).alias(p + "worst"),
    )
    decided = nw.col(p + "best") == nw.col(p + "worst")
    first_reason: Any = _lit_str(None)
    for j, member in reversed(children):
        missing = _col(f"r{j}") == _MISSING
        if member is not True:
            missing = missing & member
        first_reason = nw.when(missing).then(_col(f"w{j}")).otherwise(first_reason)
    rank = nw.when(decided).then(nw.col(p + "best")).otherwise(_MISSING)
    reason = (
        nw.when(decided)
        .then(_lit_str(None))
        .when(nw.col(p + "known") == 0)
        .then(first_reason)
        .otherwise(_lit_str("partial_data"))
    )
    return frame, rank, reason


def _root(table: RuleTable) -> tuple[nw.Expr, nw.Expr]:
    """The status (a rank: 0, 1, 2, any other not assessed) and reason of each row's rule."""
    unjudged = _lit_int(_ABSENT), _lit_str("no_target")
    if table.width == 0:  # no indicator in the table has a rule
        return unjudged
    if table.constant("root"):
        # Every row has a rule (one without has root -1, and a table of only those has no
        # slot), whose last item is the root: a node, or a leaf, which always has a part.
        root = table.data["root"][0]
        return _col(f"r{root}"), _col(f"w{root}")
    rank_chain: Any = nw
    why_chain: Any = nw
    for j in range(table.width):
        rank_chain = rank_chain.when(table.expr("root") == j).then(_col(f"r{j}"))
        why_chain = why_chain.when(table.expr("root") == j).then(_col(f"w{j}"))
    return rank_chain.otherwise(unjudged[0]), why_chain.otherwise(unjudged[1])


def _rank(achievement: Achievement) -> int:
    return achievement.rank


def _status_labels(scale: Scale) -> list[str]:
    """The statuses in rank order: the scale's levels (met, near, not met), ``not_assessed``."""
    return [*(scale.level_for(a).key for a in sorted(Achievement, key=_rank)), "not_assessed"]


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


def _pace(table: RuleTable, scaled: int, series: str | None) -> nw.Expr:
    """The pace status, as :func:`malstyrning.pace.judge` gives it (in floats).

    The same cases in the same order: no base before the period, a target not after the
    base, achieved, a baseline that met the target, then the ratio (or, without a target,
    the growth) by the published rule or the linear one, cut at the method's cut-offs.
    """
    t = table.expr
    f64 = nw.Float64()
    direction, now, start = t("dir").cast(f64), _col("v"), _col("sv")
    applies = (t("pok") == 1) & _col("ok") & (_col("bix") < _col("ix"))
    applies = applies & ((t("pfix") == 0) | (_col("bix") == t("pbk")))
    # A target on a named series: pace on that series' rows only.
    if not (table.constant("pse") and table.data["pse"][0] == ""):
        own = nw.col(series).cast(nw.String()) if series is not None else _lit_str("")
        applies = applies & ((t("pse") == "") | (own == t("pse")))
    ratio_kind = t("pkind") == 0
    linear_mode = t("plin") == 1
    achieved = ratio_kind & (t("dir") * now >= t("pcut"))
    fell_below = ratio_kind & (t("dir") * start >= t("pcut"))
    now_f = now.cast(f64) / scaled
    start_f = start.cast(f64) / scaled
    goal_f = t("pval")
    observed_years = (_col("end") - _col("send")).cast(f64) / 12
    required_years = (t("pend") - _col("send")).cast(f64) / 12
    target_after_base = required_years > 0
    observed_years = nw.when(observed_years > 0).then(observed_years).otherwise(1.0)
    required_years = nw.when(required_years > 0).then(required_years).otherwise(1.0)
    # The published rule: a zero base or target counts as 0.001; signs must agree.
    base_p = nw.when(start == 0).then(0.001).otherwise(start_f)
    aim_p = nw.when(goal_f == 0).then(0.001).otherwise(goal_f)
    opposite = ((base_p > 0) & (now_f < 0)) | ((base_p < 0) & (now_f > 0))
    opposite = opposite | (
        ratio_kind & (((base_p > 0) & (aim_p < 0)) | ((base_p < 0) & (aim_p > 0)))
    )
    positive = (start > 0) & (now > 0) & (~ratio_kind | (goal_f > 0))
    compound = ~linear_mode | positive
    base_c = nw.when(linear_mode).then(start_f).otherwise(base_p)
    aim_c = nw.when(linear_mode).then(goal_f).otherwise(aim_p)
    safe_base = nw.when(base_c == 0).then(1.0).otherwise(base_c)
    # Bases of fractional powers stay non-negative in every row, chosen or not (no NaN).
    now_ratio = now_f / safe_base
    now_ratio = nw.when(compound & (now_ratio >= 0)).then(now_ratio).otherwise(1.0)
    aim_ratio = aim_c / safe_base
    aim_ratio = nw.when(compound & (aim_ratio >= 0)).then(aim_ratio).otherwise(1.0)
    sign = nw.when(base_c < 0).then(-1.0).otherwise(1.0) * direction
    observed = now_ratio ** (1.0 / observed_years) - 1
    required = aim_ratio ** (1.0 / required_years) - 1
    linear_observed = (now_f - start_f) / observed_years
    linear_required = (goal_f - start_f) / required_years
    safe_start = nw.when(start == 0).then(1.0).otherwise(start_f.abs())
    safe_required = nw.when(required == 0).then(1.0).otherwise(required.abs())
    safe_linear = nw.when(linear_required == 0).then(1.0).otherwise(linear_required)
    value = (
        nw.when(ratio_kind & compound)
        .then(sign * observed / safe_required)
        .when(ratio_kind)
        .then(linear_observed / safe_linear)
        .when(compound)
        .then(sign * observed)
        .otherwise(direction * linear_observed / safe_start)
    )
    unable = (
        ~applies
        | (ratio_kind & ~target_after_base)
        | (~linear_mode & opposite & ~achieved & ~fell_below)
        | (ratio_kind & compound & (required == 0) & ~achieved & ~fell_below)
        | (~ratio_kind & ~compound & (start == 0))
    )
    return (
        nw.when(unable)
        .then(_lit_str(None))
        .when(achieved)
        .then(_lit_str("achieved"))
        .when(fell_below)
        .then(_lit_str("deterioration"))
        .when(value >= t("phigh"))
        .then(_lit_str("on_track"))
        .when(value >= t("pmed"))
        .then(_lit_str("acceleration_needed"))
        .when(value >= t("plow"))
        .then(_lit_str("limited_progress"))
        .otherwise(_lit_str("deterioration"))
    )


def _pace_values(
    table: RuleTable, spec: _Spec, period: Period, index: Mapping[Period, int], scale: int
) -> tuple[Any, ...]:
    """A row's pace columns: what :func:`malstyrning.pace.pace_targets` finds, and the method."""
    assert spec.direction is not None
    method = spec.method
    # A batch row judges its own series: pace towards a target on the main series applies to
    # every row, towards a per-series target to that series' rows. The scalar evaluator's
    # mean over the targets of several series is not a row's: no pace then.
    aims = pace_targets(spec.rule, period, spec.direction, method)
    if len(aims) != 1:
        return table.pace_values({})
    target = aims[0].target
    thresholds = method.thresholds if target is not None else method.growth_thresholds
    values: dict[str, Any] = {
        "pok": 1,
        "pse": aims[0].series or "",
        "pkind": int(target is None),
        "plin": int(method.non_positive is NonPositive.LINEAR),
        "phigh": float(thresholds.high),
        "pmed": float(thresholds.medium),
        "plow": float(thresholds.low),
    }
    if target is not None:
        values |= {
            "pcut": _ceil(target.value * scale * spec.direction.sign),
            "pval": float(target.value),
            "pend": target.period.end.year * 12 + target.period.end.month,
        }
    if method.base is not BaseChoice.EARLIEST:
        stated = method.base_period
        assert stated is not None
        same = sorted(
            (i, p)
            for p, i in index.items()
            if p.kind is period.kind
            and (p == stated if method.base is BaseChoice.FIXED else p.start >= stated.start)
        )
        if not same:
            return table.pace_values({})  # no period can be the base: not assessed
        first = same[0][0]
        values |= {"pbb": 2**first, "pbk": first, "pfix": int(method.base is BaseChoice.FIXED)}
    return table.pace_values(values)


def build_rule_table(
    specs: Mapping[str, _Spec],
    pairs: Iterable[tuple[str, object]],
    periods: Mapping[object, Period],
    *,
    places: int,
    largest: Decimal,
    history: bool,
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
    distinct = sorted(set(periods.values()))  # by start, then end
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
    # The rules of the indicators present only: a part of a pandas table, or a national table
    # judged against a plan of more, gets no column or self-join for rules it does not use.
    used = [specs[i] for i in dict.fromkeys(i for i, _ in pairs) if i in specs]
    width = max((_width(spec) for spec in used), default=0)
    named = sorted({key for spec in used for key in spec.series_named})
    table = RuleTable(width=width, max_index=max(index.values()), named=tuple(named))
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
    parts: dict[tuple[str, tuple[Demand, ...]], tuple[Any, ...]] = {}
    no_pace = table.pace_values({})
    for indicator, raw in pairs:
        spec = specs.get(indicator) or _spec(indicator, None, None)
        period = periods[raw]
        demands = spec.demands(period)
        key = (indicator, demands)
        part = parts.get(key)
        if part is None:
            part = parts[key] = _item_values(table, spec, demands, ids, places, largest, scale)
        pace = no_pace
        if spec.direction is not None and history:
            pace = _pace_values(table, spec, period, index, scale)
        table.add(
            indicator=indicator,
            raw_period=raw,
            period=by_period[period],
            direction=spec.direction.sign if spec.direction is not None else 0,
            root=spec.root,
            gap_items=spec.gap_items,
            pace=pace,
            slots=part,
        )
    return table


def _item_values(  # noqa: PLR0917 - private, called once
    table: RuleTable,
    spec: _Spec,
    demands: Sequence[Demand],
    ids: Mapping[Period, int],
    places: int,
    largest: Decimal,
    scale: int,
) -> tuple[Any, ...]:
    """One indicator's items in one period as the rule table's slot columns."""
    largest_scaled = _ceil(largest * scale) + 1
    slots: list[_Slot | None] = []
    needs: list[int] = []
    leaf = -1
    produced: list[_Slot] = []
    for item in spec.items:
        if item.leaf is None:
            # A band's node needs every bound its leaf demands in this period (one, where
            # the leaf is not yet due); a composite's the parts its mode says.
            slots.append(None)
            needs.append(item.need or len(produced))
            continue
        if item.bound == 0:
            leaf += 1
            produced = _slots(demands[leaf], places)
            for slot in produced:
                fallback = abs(slot.fallback or 0)
                if slot.bound(max(largest_scaled, fallback)) >= _INT64_LIMIT:
                    raise BatchInputError.too_large(spec.indicator, places, largest)
        slots.append(produced[item.bound] if item.bound < len(produced) else None)
        needs.append(0)
    return table.slot_values(
        spec.items,
        slots,
        needs,
        baselines=[
            # -1: the part has no baseline; -2: its baseline period is not in the table.
            -1 if slot is None or slot.baseline is None else ids.get(slot.baseline, -2)
            for slot in slots
        ],
    )
