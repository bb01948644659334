"""The narwhals expressions behind :func:`malstyrning.batch.evaluate_frame`.

Written once against narwhals' common subset, so that the same code runs on pandas, polars,
pyarrow, DuckDB and Dask: no ordered window functions (pyarrow and Dask have none), only
elementwise expressions, group-by aggregations and joins. Integer columns never hold nulls
(pandas would turn them into floats and lose exactness): absent values are sentinels with a
flag beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import narwhals as nw

from malstyrning.batch import (
    OUTPUT_COLUMNS,
    BatchColumns,
    BatchInputError,
    build_rule_table,
    parse_periods,
)
from malstyrning.scales import Achievement, Scale

if TYPE_CHECKING:
    from malstyrning.batch import _Slot, _Spec

# The prefix of every working column, dropped from the result. Names differ in more than
# case: DuckDB's are case-insensitive.
_P = "_b_"
_MISSING = 9  # rank of a part that could not be judged
_ABSENT = 8  # rank of a slot the indicator's rule does not use
_NO_INDEX = 10**6  # larger than any period index: "no valued period"
_ON_TRACK = 0.95
_ACCELERATION_NEEDED = 0.6
_SLOT_FIELDS = ("k", "s", "mul", "rc", "rb", "ra", "inc", "td", "ta", "tr", "bp", "bf", "hf", "ye")


@attrs.define
class RuleTable:
    """Rows of the small rule table, column by column."""

    width: int
    max_index: int
    data: dict[str, list[Any]] = attrs.field(factory=dict)
    baseline_slots: set[int] = attrs.field(factory=set)

    def _put(self, name: str, value: object) -> None:
        self.data.setdefault(name, []).append(value)

    def add(
        self,
        *,
        indicator: str,
        raw_period: object,
        period_id: int,
        kind: str,
        index: int,
        end_month: int,
        direction: int,
        needed: int,
        slots: list[_Slot],
        baselines: list[int],
        pace: Mapping[str, Any],
    ) -> None:
        """Add the row of one indicator in one period."""
        self._put("indicator", indicator)
        self._put("period", raw_period)
        for name, value in (
            ("pid", period_id),
            ("kind", kind),
            ("ix", index),
            ("bit", 2**index),
            ("end", end_month),
            ("dir", direction),
            ("need", needed),
            ("np", len(slots)),
            ("pok", bool(pace)),
            ("pcut", pace.get("cut", 0)),
            ("pval", pace.get("value", 1.0)),
            ("pend", pace.get("end_month", 0)),
        ):
            self._put(_P + name, value)
        for j in range(self.width):
            slot = slots[j] if j < len(slots) else None
            values: dict[str, Any] = {"k": 0, "s": 1, "mul": 1, "rc": 0, "rb": 0, "ra": 0}
            values |= {"inc": True, "td": 0, "ta": -1, "tr": 0, "bp": -1, "bf": 0, "hf": False}
            values["ye"] = 1
            if slot is not None:
                values |= {
                    "k": slot.kind,
                    "s": slot.sign,
                    "mul": slot.k,
                    "rc": slot.rc,
                    "rb": slot.rb,
                    "ra": slot.ra,
                    "inc": slot.inclusive,
                    "td": slot.td,
                    "ta": slot.ta,
                    "tr": slot.tr,
                    "bp": baselines[j],
                    "bf": slot.fallback or 0,
                    "hf": slot.fallback is not None,
                    "ye": int(slot.expected),
                }
                if slot.baseline is not None:
                    self.baseline_slots.add(j)
            for field in _SLOT_FIELDS:
                self._put(f"{_P}{field}{j}", values[field])


def _col(name: str) -> nw.Expr:
    return nw.col(_P + name)


def _lit_str(value: str | None) -> nw.Expr:
    return nw.lit(value, dtype=nw.String())


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
    polars_eager = frame.implementation is nw.Implementation.POLARS and isinstance(
        frame, nw.DataFrame
    )
    if polars_eager:
        frame = frame.lazy()  # one optimised plan instead of a copy per step

    # 1. The (indicator, period) pairs present and the largest value: one small aggregate.
    summary = (
        frame.select(indicator, period, nw.col(value).cast(nw.Float64()).abs().alias(_P + "max"))
        .group_by(indicator, period)
        .agg(nw.col(_P + "max").max())
    )
    if isinstance(summary, nw.LazyFrame):
        summary = summary.collect()
    found = summary.to_dict(as_series=False)
    pairs = list(zip(found[indicator], found[period], strict=True))
    if any(ind is None for ind, _ in pairs):
        raise BatchInputError(f"column {indicator!r} has empty values; every row needs one")
    largest_found = [x for x in found[_P + "max"] if x is not None and x == x]  # noqa: PLR0124
    largest = Decimal(repr(max(largest_found, default=0.0)))
    periods = parse_periods(period, {raw for _, raw in pairs})
    if not pairs:  # an empty table: nothing to join, every output column empty
        nothing = [nw.lit(None, dtype=nw.String()).alias(c) for c in ("status", "reason")]
        nothing += [nw.lit(None, dtype=nw.Float64()).alias(c) for c in ("target", "gap")]
        nothing += [nw.lit(None, dtype=nw.String()).alias(c) for c in ("trend", "pace")]
        empty = frame.with_columns(*nothing)
        return (empty.collect() if polars_eager else empty).to_native()
    table = build_rule_table(specs, pairs, periods, places=places, largest=largest)

    # 2. Join the rule table (inner: it has a row for every pair present).
    schema = frame.collect_schema()
    data = {
        indicator if name == "indicator" else period if name == "period" else name: values
        for name, values in table.data.items()
    }
    rules: Any
    if isinstance(frame, nw.LazyFrame):
        rules = nw.from_dict(data, backend=nw.Implementation.PYARROW)
        rules = rules.lazy(backend=frame.implementation)
    else:
        rules = nw.from_dict(data, backend=frame.implementation)
    rules = rules.with_columns(
        nw.col(indicator).cast(schema[indicator]), nw.col(period).cast(schema[period])
    )
    frame = frame.join(rules, on=[indicator, period], how="inner")

    scaled = 10**places
    number = nw.col(value).cast(nw.Float64())
    frame = frame.with_columns(
        (~number.fill_nan(None).is_null()).alias(_P + "ok"),
    ).with_columns(
        nw.when(_col("ok"))
        .then((number * scaled).round(0))
        .otherwise(0.0)
        .cast(nw.Int64())
        .alias(_P + "v"),
        (
            nw.when(nw.col(columns.missing).is_null())
            .then(_lit_str("no_data"))
            .otherwise(nw.col(columns.missing).cast(nw.String()))
            if columns.missing in names
            else _lit_str("no_data")
        ).alias(_P + "miss"),
    )
    valued = frame.filter(_col("ok"))

    # 3. Baselines of changes: the same unit, indicator and series in the baseline period.
    for j in sorted(table.baseline_slots):
        base = valued.select(*keys, _col("pid").alias(f"{_P}bp{j}"), _col("v").alias(f"{_P}b{j}"))
        frame = frame.join(base, on=[*keys, f"{_P}bp{j}"], how="left")
        found_base = ~_col(f"b{j}").is_null()
        frame = frame.with_columns(
            (found_base | _col(f"hf{j}") | (_col(f"bp{j}") == -1)).alias(f"{_P}hb{j}"),
            nw.when(found_base)
            .then(_col(f"b{j}"))
            .otherwise(_col(f"bf{j}"))
            .cast(nw.Int64())
            .alias(f"{_P}b{j}"),
        )

    # 4. Each part's rank (0 met, 1 near, 2 not met) or why it has none.
    v = _col("v")
    for j in range(table.width):
        with_base = j in table.baseline_slots
        b = _col(f"b{j}") if with_base else nw.lit(0, dtype=nw.Int64())
        target = _col(f"rc{j}") + _col(f"rb{j}") * b + _col(f"ra{j}") * b.abs()
        frame = frame.with_columns(target.alias(f"{_P}tgt{j}")).with_columns(
            (_col(f"s{j}") * (_col(f"mul{j}") * v - _col(f"tgt{j}"))).alias(f"{_P}mar{j}")
        )
        margin = _col(f"mar{j}")
        met = (margin > 0) | (_col(f"inc{j}") & (margin == 0))
        near = -margin * _col(f"td{j}") <= _col(f"ta{j}") + _col(f"tgt{j}").abs() * _col(f"tr{j}")
        numeric = nw.when(met).then(0).when(near).then(1).otherwise(2)
        yes = (v != 0).cast(nw.Int64()) == _col(f"ye{j}")
        has_base = _col(f"hb{j}") if with_base else nw.lit(value=True)
        kind = _col(f"k{j}")
        frame = frame.with_columns(
            nw.when(kind == 0)
            .then(_ABSENT)
            .when((kind == 1) & _col("ok") & has_base)
            .then(numeric)
            .when((kind == 2) & _col("ok"))
            .then(nw.when(yes).then(0).otherwise(2))
            .otherwise(_MISSING)
            .cast(nw.Int64())
            .alias(f"{_P}r{j}"),
            nw.when(kind == 3)
            .then(_lit_str("not_yet_due"))
            .when(kind == 0)
            .then(_lit_str(None))
            .when(~_col("ok"))
            .then(_col("miss"))
            .when((kind == 1) & ~has_base)
            .then(_lit_str("no_baseline"))
            .otherwise(_lit_str(None))
            .alias(f"{_P}w{j}"),
        )

    # 5. Combine the parts as Composite.judge does: judged only if the missing parts cannot
    #    change the verdict, whatever they turn out to be.
    ranks = [_col(f"r{j}") for j in range(table.width)]

    def count(condition: Any) -> nw.Expr:
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
    need, missing_n = _col("need"), _col("miss_n")
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
    keys_by_rank = {a.rank: scale.level_for(a).key for a in Achievement}
    status = (
        nw.when(~decided)
        .then(_lit_str("not_assessed"))
        .when(_col("best") == 0)
        .then(_lit_str(keys_by_rank[0]))
        .when(_col("best") == 1)
        .then(_lit_str(keys_by_rank[1]))
        .otherwise(_lit_str(keys_by_rank[2]))
    )
    reason = (
        nw.when(need == 0)
        .then(_lit_str("no_target"))
        .when(decided)
        .then(_lit_str(None))
        .when(_col("known") == 0)
        .then(first_reason)
        .otherwise(_lit_str("partial_data"))
    )
    outputs: dict[str, Any] = {"status": status, "reason": reason}
    if table.width:
        single = decided & (_col("np") == 1) & (_col("k0") == 1)
        denominator = _col("mul0").cast(nw.Float64()) * scaled
        outputs["target"] = nw.when(single).then(_col("tgt0").cast(nw.Float64()) / denominator)
        outputs["gap"] = nw.when(single).then(_col("mar0").cast(nw.Float64()) / denominator)
    else:
        outputs["target"] = outputs["gap"] = nw.lit(None, dtype=nw.Float64())
    outputs["trend"] = outputs["pace"] = _lit_str(None)

    # 6. Trend and pace need earlier rows of the same unit, indicator, series and period
    #    kind. One int64 bit per period marks the valued ones; no ordered windows needed.
    if trend or pace:
        group = [*keys, _P + "kind"]
        history = valued.group_by(*group).agg(
            _col("bit").sum().alias(_P + "mask"), _col("ix").min().alias(_P + "first")
        )
        frame = frame.join(history, on=group, how="left").with_columns(
            _col("mask").fill_null(0).cast(nw.Int64()).alias(_P + "mask"),
            _col("first").fill_null(_NO_INDEX).cast(nw.Int64()).alias(_P + "first"),
        )
    if trend:
        below = _col("mask") % _col("bit")
        previous = nw.lit(0, dtype=nw.Int64())
        for i in range(1, table.max_index + 1):
            previous = previous + (below >= 2**i).cast(nw.Int64())
        frame = frame.with_columns(
            nw.when(below > 0).then(previous).otherwise(-1).cast(nw.Int64()).alias(_P + "pix")
        )
        earlier = valued.select(
            *keys, _col("kind"), _col("ix").alias(_P + "pix"), _col("v").alias(_P + "pv")
        )
        frame = frame.join(earlier, on=[*group, _P + "pix"], how="left")
        change = _col("dir") * (v - _col("pv").fill_null(0).cast(nw.Int64()))
        outputs["trend"] = (
            nw.when(~_col("ok") | (_col("dir") == 0) | (_col("pix") < 0))
            .then(_lit_str(None))
            .when(change > 0)
            .then(_lit_str("improving"))
            .when(change < 0)
            .then(_lit_str("worsening"))
            .otherwise(_lit_str("unchanged"))
        )
    if pace:
        start = valued.select(
            *keys,
            _col("kind"),
            _col("ix").alias(_P + "first"),
            _col("v").alias(_P + "sv"),
            _col("end").alias(_P + "send"),
        )
        frame = frame.join(start, on=[*group, _P + "first"], how="left").with_columns(
            _col("sv").fill_null(0).cast(nw.Int64()).alias(_P + "sv"),
            _col("send").fill_null(0).cast(nw.Int64()).alias(_P + "send"),
        )
        outputs["pace"] = _pace(scaled)
    frame = frame.select(
        *[nw.col(name) for name in names if name not in OUTPUT_COLUMNS],
        *[expression.alias(name) for name, expression in outputs.items()],
    )
    if polars_eager:
        frame = frame.collect()
    return frame.to_native()


def _pace(scaled: int) -> nw.Expr:
    """The growth-ratio pace, as :func:`malstyrning.evaluate.judge_pace` gives it."""
    direction, now, start = _col("dir"), _col("v"), _col("sv")
    applies = _col("pok") & _col("ok") & (_col("first") < _col("ix"))
    achieved = direction * now >= _col("pcut")
    fell_below = direction * start >= _col("pcut")
    compound = (start > 0) & (now > 0) & (_col("pval") > 0)
    now_f = now.cast(nw.Float64()) / scaled
    start_f = start.cast(nw.Float64()) / scaled
    safe_start = nw.when(start == 0).then(1.0).otherwise(start_f)
    observed_years = (_col("end") - _col("send")).cast(nw.Float64()) / 12
    required_years = (_col("pend") - _col("send")).cast(nw.Float64()) / 12
    observed_years = nw.when(observed_years > 0).then(observed_years).otherwise(1.0)
    required_years = nw.when(required_years > 0).then(required_years).otherwise(1.0)
    # Bases of fractional powers stay positive in every row, chosen or not (no NaN warnings).
    now_ratio = nw.when(compound).then(now_f / safe_start).otherwise(1.0)
    target_ratio = nw.when(compound).then(_col("pval") / safe_start).otherwise(1.0)
    observed = (
        nw.when(compound)
        .then(now_ratio ** (1.0 / observed_years) - 1)
        .otherwise((now_f - start_f) / observed_years)
    )
    required = (
        nw.when(compound)
        .then(target_ratio ** (1.0 / required_years) - 1)
        .otherwise((_col("pval") - start_f) / required_years)
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
