"""Scalar and batch evaluation benchmarks, registered in ``run.py`` (issue 8).

- ``scalar_vs_loop``: ``malstyrning.evaluate`` on a 100 000-indicator plan against a
  hand-written Python loop judging the same indicators from the same objects.
- ``batch_polars_vs_numpy`` / ``batch_pandas_vs_numpy``: ``evaluate_frame`` on 10 million
  outcome rows against a hand-written numpy ``np.select`` over the same columns (the
  practical limit), with the peak memory above the input.
- ``batch_scaling``: polars per-row cost at 100 000 and at 10 million rows.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import psutil
from plans import generated_plan

import malstyrning
from malstyrning import Indicator
from malstyrning.rules import Comparison, Threshold, Tolerance, Trajectory

PERIOD = malstyrning.Period("2021")


def _best_of(function: Callable[[], object], *, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


# -- scalar ---------------------------------------------------------------------------------


def _loop(plan: malstyrning.Plan) -> dict[str, str]:
    """The hand-written reference: judge each indicator's threshold or trajectory directly."""
    statuses = {}
    for node in plan.walk():
        if not isinstance(node, Indicator):
            continue
        measurement = node.main_series.get(PERIOD)
        rule = node.target
        if measurement is None or not isinstance(measurement.value, Decimal):
            statuses[node.id] = "not_assessed"
            continue
        value = measurement.value
        if isinstance(rule, Threshold):
            target, sign = rule.value, rule.comparison.direction.sign
        elif isinstance(rule, Trajectory):
            found = rule.target_for(PERIOD)
            if found is None:
                statuses[node.id] = "not_assessed"
                continue
            target, sign = found, node.direction.sign
        else:
            statuses[node.id] = "not_assessed"
            continue
        statuses[node.id] = "green" if sign * (value - target) >= 0 else "red"
    return statuses


def scalar_vs_loop(quick: bool) -> list[dict[str, Any]]:
    size = 5_000 if quick else 100_000
    plan = generated_plan(indicators=size)
    repeat = 2 if quick else 3
    ours = _best_of(lambda: malstyrning.evaluate(plan, period=PERIOD), repeat=repeat)
    loop = _best_of(lambda: _loop(plan), repeat=repeat)
    # The same at a twentieth of the size: the cost per indicator should not grow with the plan.
    small = size // 20
    small_plan = generated_plan(indicators=small)
    small_ours = _best_of(lambda: malstyrning.evaluate(small_plan, period=PERIOD), repeat=repeat)
    small_loop = _best_of(lambda: _loop(small_plan), repeat=repeat)
    # Rules keep their numeric demand once asked (a threshold's for good, a trajectory's per
    # period), so the runs above are of a plan evaluated before. The first evaluation of a
    # plan just built pays for building them: timed on its own, once.
    fresh = generated_plan(indicators=size)
    gc.collect()
    start = time.perf_counter()
    malstyrning.evaluate(fresh, period=PERIOD)
    first = time.perf_counter() - start
    del fresh
    # evaluate() pauses the garbage collector: an evaluation dropped at once, as above, is
    # never walked by it, but one that is kept is walked by the young generations' pass once
    # the program allocates again. That pass is timed here rather than left out.
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        kept = malstyrning.evaluate(plan, period=PERIOD)
        start = time.perf_counter()
        gc.collect(1)
        collection = time.perf_counter() - start
        del kept
    finally:
        if enabled:
            gc.enable()
    return [
        {
            "name": "scalar_vs_loop",
            "ratio": round(loop / ours, 4),
            "reference": "hand-written Python loop over the same plan objects, same process",
            # evaluate() judges statuses (bands, reasons, roll-up) and builds an assessment
            # when it is read (issue 18): scalar_full times building every one.
            "reference_omits": "tolerance bands, not-assessed reasons, goal roll-up",
            "indicators": size,
            "ours_seconds": round(ours, 4),
            "reference_seconds": round(loop, 4),
            "assessments_per_second": round(size / ours),
            "reference_assessments_per_second": round(size / loop),
            "microseconds_per_indicator": {
                small: round(small_ours / small * 1e6, 2),
                size: round(ours / size * 1e6, 2),
            },
            "reference_microseconds_per_indicator": {
                small: round(small_loop / small * 1e6, 2),
                size: round(loop / size * 1e6, 2),
            },
            "first_evaluation_seconds": round(first, 4),
            "first_evaluation_ratio": round(loop / first, 4),
            "kept_evaluation_collection_seconds": round(collection, 4),
        }
    ]


# -- batch ----------------------------------------------------------------------------------

MUNICIPALITIES = 290
SERIES = ("T", "K", "M")
YEARS = tuple(str(year) for year in range(2015, 2025))


def _columns(rows: int, seed: int = 8) -> dict[str, Any]:
    """Kolada-shaped columns: municipality, KPI, series, year, value (2 % missing)."""
    per_kpi = MUNICIPALITIES * len(SERIES) * len(YEARS)
    kpis = max(1, -(-rows // per_kpi))
    random = np.random.default_rng(seed)
    index = np.arange(rows)
    year = index % len(YEARS)
    series = (index // len(YEARS)) % len(SERIES)
    unit = (index // (len(YEARS) * len(SERIES))) % MUNICIPALITIES
    kpi = (index // per_kpi) % kpis
    value = np.round(random.uniform(0, 100, rows), 1)
    value[random.random(rows) < 0.02] = np.nan
    return {"unit": unit, "kpi": kpi, "series": series, "year": year, "value": value, "kpis": kpis}


def _rules(kpis: int) -> dict[str, Threshold]:
    rules = {}
    for k in range(kpis):
        comparison = Comparison.AT_LEAST if k % 2 else Comparison.AT_MOST
        rules[f"N{k:05d}"] = Threshold(
            comparison=comparison,
            value=Decimal(40 + k % 20),
            tolerance=Tolerance(Decimal("2.5")),
        )
    return rules


def _numpy(columns: dict[str, Any], rules: dict[str, Threshold]) -> tuple[np.ndarray, np.ndarray]:
    """The reference: per-KPI targets looked up by code, then one np.select."""
    ordered = list(rules.values())
    target = np.array([float(rule.value) for rule in ordered])
    sign = np.array([rule.comparison.direction.sign for rule in ordered], dtype=np.float64)
    band = np.array([float(rule.tolerance.amount) for rule in ordered if rule.tolerance])
    kpi, value = columns["kpi"], columns["value"]
    margin = sign[kpi] * (value - target[kpi])
    gap = np.where(np.isnan(value), np.nan, margin)
    status = np.select(
        [np.isnan(value), margin >= 0, -margin <= band[kpi]],
        ["not_assessed", "green", "yellow"],
        "red",
    )
    return status, gap


def _frame(columns: dict[str, Any], library: str) -> Any:
    names = {
        "unit": np.array([f"{2000 + i:04d}" for i in range(MUNICIPALITIES)]),
        "kpi": np.array([f"N{k:05d}" for k in range(columns["kpis"])]),
        "series": np.array(SERIES),
        "year": np.array(YEARS),
    }
    if library == "polars":
        import polars as pl

        data: dict[str, Any] = {
            key: pl.Series(key, names[key])[columns[key]].cast(pl.Categorical)
            for key in ("unit", "kpi", "series", "year")
        }
        data["value"] = pl.Series("value", columns["value"], nan_to_null=True)
        return pl.DataFrame(data)
    import pandas as pd

    data = {
        key: pd.Categorical.from_codes(columns[key], categories=names[key])
        for key in ("unit", "kpi", "series", "year")
    }
    data["value"] = columns["value"]
    return pd.DataFrame(data)


def _peak_above(function: Callable[[], object]) -> tuple[float, int, object]:
    """Seconds, peak resident memory above the start (sampled every 5 ms) and the result."""
    process = psutil.Process()
    gc.collect()
    start_rss = process.memory_info().rss
    peak = start_rss
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return seconds, peak - start_rss, result


def _added_bytes(result: Any, library: str) -> int:
    """The memory the columns evaluate_frame adds take: the output the caller asked for.

    Arrow's buffer sizes, not polars' ``estimated_size``, which leaves out the 16-byte view
    every row of a String column has (160 MB per 10 million rows, null or not). A column that
    is null throughout is a scalar in polars and holds nothing.
    """
    from malstyrning.batch import OUTPUT_COLUMNS

    if library == "polars":
        import polars as pl

        table = result.select(OUTPUT_COLUMNS).to_arrow(compat_level=pl.CompatLevel.newest())
        return sum(column.nbytes for column in table.columns if column.null_count < len(column))
    return int(result[list(OUTPUT_COLUMNS)].memory_usage(deep=True, index=False).sum())


def _batch(library: str, rows: int, repeat: int) -> dict[str, Any]:
    from malstyrning.batch import BatchColumns, evaluate_frame

    columns = _columns(rows)
    rules = _rules(columns["kpis"])
    frame = _frame(columns, library)
    names = BatchColumns(unit="unit", indicator="kpi", series="series", period="year")

    def ours() -> object:
        return evaluate_frame(frame, rules, columns=names, trend=False, pace=False)

    def reference() -> object:
        return _numpy(columns, rules)

    # The first call is the one measured for memory (later ones reuse what the allocator kept).
    ours_seconds, peak, result = _peak_above(ours)
    added = _added_bytes(result, library)
    del result
    ours_seconds = min(ours_seconds, _best_of(ours, repeat=repeat - 1) if repeat > 1 else 1e9)
    reference_seconds = _best_of(reference, repeat=repeat)
    size = (
        frame.estimated_size() if library == "polars" else int(frame.memory_usage(deep=True).sum())
    )
    return {
        "rows": rows,
        "ours_seconds": round(ours_seconds, 4),
        "reference_seconds": round(reference_seconds, 4),
        "ratio": round(reference_seconds / ours_seconds, 4),
        "rows_per_second": round(rows / ours_seconds),
        "input_bytes": size,
        # Everything: the peak includes the returned table, whose added columns alone are
        # output_bytes (on polars an Enum, a Categorical and two float columns: 0.9 x the
        # input here; as text the first two made the output 2 x the input).
        "peak_bytes_above_input": peak,
        "peak_vs_input": round(peak / size, 3),
        "output_bytes": added,
        "output_vs_input": round(added / size, 3),
        # The rest: working memory, and any copy of the input's columns in the result.
        "working_bytes_above_input": peak - added,
        "working_vs_input": round((peak - added) / size, 3),
    }


def batch_vs_numpy(library: str) -> Callable[[bool], list[dict[str, Any]]]:
    def run(quick: bool) -> list[dict[str, Any]]:
        rows = 200_000 if quick else 10_000_000
        figures = _batch(library, rows, repeat=2)
        return [
            {
                "name": f"batch_{library}_vs_numpy",
                "reference": "hand-written numpy np.select over the same columns (float)",
                "status_and_gap_only": True,
                **figures,
            }
        ]

    return run


def batch_scaling(quick: bool) -> list[dict[str, Any]]:
    small, large = (20_000, 200_000) if quick else (100_000, 10_000_000)
    per_row = {}
    for rows in (small, large):
        figures = _batch("polars", rows, repeat=2)
        per_row[rows] = figures["ours_seconds"] / rows
    return [
        {
            "name": "batch_scaling",
            "ratio": round(per_row[small] / per_row[large], 4),
            "reference": f"polars per-row cost at {small} rows divided by that at {large}",
            f"seconds_per_row_at_{small}": per_row[small],
            f"seconds_per_row_at_{large}": per_row[large],
            "growth": round(per_row[large] / per_row[small], 4),
        }
    ]


BATCH_BENCHMARKS: dict[str, Callable[[bool], list[dict[str, Any]]]] = {
    "scalar_vs_loop": scalar_vs_loop,
    "batch_polars_vs_numpy": batch_vs_numpy("polars"),
    "batch_pandas_vs_numpy": batch_vs_numpy("pandas"),
    "batch_scaling": batch_scaling,
}


# -- batch with trend and pace (issue 18) ------------------------------------------------------

TARGET_YEARS = (2015, 2030)


def _trajectories(kpis: int) -> dict[str, Indicator]:
    """One indicator per KPI, its target levels 2015 and 2030 (pace is judged towards 2030)."""
    from malstyrning.rules import Direction, TargetLevel

    indicators = {}
    for k in range(kpis):
        higher = bool(k % 2)
        start, end = (40 + k % 20, 70 + k % 20) if higher else (60 - k % 20, 30 - k % 20)
        indicators[f"N{k:05d}"] = Indicator(
            id=f"N{k:05d}",
            title=f"KPI {k}",
            direction=Direction.HIGHER_IS_BETTER if higher else Direction.LOWER_IS_BETTER,
            target=Trajectory(
                levels=(
                    TargetLevel(malstyrning.Period(str(TARGET_YEARS[0])), Decimal(start)),
                    TargetLevel(malstyrning.Period(str(TARGET_YEARS[1])), Decimal(end)),
                ),
                tolerance=Tolerance(Decimal("2.5")),
            ),
        )
    return indicators


def _numpy_full(columns: dict[str, Any], indicators: dict[str, Indicator]) -> dict[str, Any]:
    """The reference with trend and pace: status, gap, trend and pace as ``evaluate_frame``.

    The rows are ordered unit, KPI, series, then year (the fastest), so each group's years
    are one row of a (groups × years) matrix: the previous valued year is a running maximum
    of indices, the pace's base the first valued year. Pace is the growth-ratio method with
    the default cut-offs (0.95, 0.6, 0), achieved and deterioration as the scalar gives them.
    """
    ordered = list(indicators.values())
    first_year, last_year = TARGET_YEARS
    start = np.array([float(i.target.levels[0].value) for i in ordered])  # type: ignore[union-attr]
    end = np.array([float(i.target.levels[-1].value) for i in ordered])  # type: ignore[union-attr]
    sign = np.array([i.direction.sign for i in ordered], dtype=np.float64)
    years = np.array([int(y) for y in YEARS], dtype=np.float64)
    kpi, value = columns["kpi"], columns["value"]
    year = years[columns["year"]]
    s = sign[kpi]
    target = start[kpi] + (end[kpi] - start[kpi]) * (year - first_year) / (last_year - first_year)
    margin = s * (value - target)
    missing = np.isnan(value)
    status = np.select(
        [missing, margin >= 0, -margin <= 2.5], ["not_assessed", "green", "yellow"], "red"
    )
    gap = np.where(missing, np.nan, margin)
    # Trend: against the latest earlier valued year of the same unit, KPI and series.
    width = len(YEARS)
    grid = value.reshape(-1, width)
    valued = ~np.isnan(grid)
    index = np.where(valued, np.arange(width), -1)
    latest = np.maximum.accumulate(index, axis=1)
    previous = np.full_like(latest, -1)
    previous[:, 1:] = latest[:, :-1]
    rows = np.arange(grid.shape[0])[:, None]
    before = grid[rows, np.maximum(previous, 0)]
    change = (s.reshape(-1, width)) * (grid - before)
    trend = np.select(
        [~valued | (previous < 0), change > 0, change < 0],
        [None, "improving", "worsening"],
        "unchanged",
    ).reshape(-1)
    # Pace: growth from the first valued year, against the growth 2030's level needs.
    base_index = np.where(valued.any(axis=1), valued.argmax(axis=1), width)[:, None]
    base = grid[rows, np.minimum(base_index, width - 1)]
    aim = end[kpi].reshape(-1, width)
    sg = s.reshape(-1, width)
    columns_index = np.arange(width)[None, :]
    observed_years = (columns_index - base_index).astype(np.float64)
    required_years = last_year - (years[0] + base_index)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = (grid / base) ** (1 / observed_years) - 1
        required = (aim / base) ** (1 / required_years) - 1
        ratio = sg * observed / np.abs(required)
    achieved = sg * grid >= sg * aim
    base_met = sg * base >= sg * aim
    unable = ~valued | (columns_index <= base_index) | (base <= 0) | (grid <= 0) | (required == 0)
    pace = np.select(
        [unable & ~achieved | ~valued, achieved, base_met, ratio >= 0.95, ratio >= 0.6, ratio >= 0],
        [None, "achieved", "deterioration", "on_track", "acceleration_needed", "limited_progress"],
        "deterioration",
    ).reshape(-1)
    return {"status": status, "gap": gap, "trend": trend, "pace": pace}


def batch_polars_full_vs_numpy(quick: bool) -> list[dict[str, Any]]:
    """``evaluate_frame`` on polars with trend and pace, against :func:`_numpy_full`."""
    from malstyrning.batch import BatchColumns, evaluate_frame

    rows = 200_000 if quick else 10_000_000
    columns = _columns(rows)
    indicators = _trajectories(columns["kpis"])
    frame = _frame(columns, "polars")
    names = BatchColumns(unit="unit", indicator="kpi", series="series", period="year")

    def ours() -> Any:
        return evaluate_frame(frame, indicators, columns=names, trend=True, pace=True)

    def reference() -> Any:
        return _numpy_full(columns, indicators)

    ours_seconds, peak, result = _peak_above(ours)
    if not quick:
        ours_seconds = min(ours_seconds, _best_of(ours, repeat=1))
    reference_seconds = _best_of(reference, repeat=1 if quick else 2)
    # How far the float reference agrees with us, column by column (not asserted: the
    # reference interpolates targets in floats, we in exact decimals).
    expected = reference()
    del result
    numbered = frame.with_row_index("row")
    result = evaluate_frame(numbered, indicators, columns=names).sort("row")
    agreement = {}
    for name in ("status", "trend", "pace"):
        got = np.array(result[name].cast(str).to_list(), dtype=object)
        want = np.array(expected[name], dtype=object)
        agreement[name] = round(float(np.mean(got == want)), 5)
    return [
        {
            "name": "batch_polars_full_vs_numpy",
            "ratio": round(reference_seconds / ours_seconds, 4),
            "reference": "hand-written numpy over the same columns computing status, gap, "
            "trend (previous valued year) and growth-ratio pace, in floats",
            "status_and_gap_only": False,
            "rows": rows,
            "ours_seconds": round(ours_seconds, 4),
            "reference_seconds": round(reference_seconds, 4),
            "rows_per_second": round(rows / ours_seconds),
            "peak_bytes_above_input": peak,
            "peak_vs_input": round(peak / frame.estimated_size(), 3),
            "agreement_with_reference": agreement,
        }
    ]


BATCH_BENCHMARKS["batch_polars_full_vs_numpy"] = batch_polars_full_vs_numpy
